// Primary adapter: Twilio webhooks (inbound SMS, delivery/call status, IVR TwiML) -> use cases.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { Channel } from '../shared/domain/model.ts';
import { SignatureError } from '../shared/errors.ts';
import {
  errorToHttp,
  type HttpResponse,
  json,
  parseFormBody,
  toHttpRequest,
  twiml,
} from '../shared/http/api.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { type DeliveryReport, handleDeliveryStatus } from '../shared/usecases/delivery-status.ts';
import { handleInboundSms, parseInboundSms } from '../shared/usecases/sms-reply.ts';
import { handleVoiceStep } from '../shared/usecases/voice-flow.ts';

/** Twilio's message and call statuses, normalized for the fallback rules. */
function normalizeStatus(form: Record<string, string>): DeliveryReport['status'] | undefined {
  const answeredBy = form.AnsweredBy ?? '';
  if (answeredBy.startsWith('machine') || answeredBy === 'fax') return 'machine';
  const status = (form.MessageStatus ?? form.SmsStatus ?? form.CallStatus ?? '').toLowerCase();
  switch (status) {
    case 'delivered':
    case 'failed':
    case 'undelivered':
    case 'busy':
    case 'completed':
    case 'sent':
    case 'queued':
      return status;
    case 'no-answer':
    case 'canceled':
      return 'no_answer';
    default:
      return undefined;
  }
}

export function createHandler(deps: Deps) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    try {
      const req = toHttpRequest(event, deps.env.PUBLIC_BASE_URL);
      const form = parseFormBody(req);
      const signature = req.headers['x-twilio-signature'];
      // Twilio signs the exact public URL it called plus the POST parameters.
      if (!signature || !validateRequest(deps.secrets.TWILIO_AUTH_TOKEN, signature, req.publicUrl, form)) {
        throw new SignatureError('X-Twilio-Signature is missing or does not match this request');
      }
      if (event.routeKey === 'POST /twilio/sms') {
        const result = await handleInboundSms(deps, parseInboundSms(form));
        const response = new MessagingResponse();
        if (result.reply) response.message(result.reply);
        return twiml(response.toString());
      }
      if (event.routeKey === 'POST /twilio/status') {
        const status = normalizeStatus(form);
        const surveyId = req.query.surveyId;
        const channel = (req.query.channel ?? (form.CallSid ? 'voice' : 'sms')) as Channel;
        if (!status || !surveyId) return json(200, { ignored: 'no survey or status' });
        const outcome = await handleDeliveryStatus(deps, {
          surveyId,
          channel,
          status,
          ...((form.MessageSid ?? form.CallSid) && { providerMessageId: form.MessageSid ?? form.CallSid }),
          ...(form.ErrorCode && { errorCode: form.ErrorCode }),
        });
        return json(200, { outcome });
      }
      return twiml(await handleVoiceStep(deps, req.query, form));
    } catch (error) {
      // Twilio expects 403 for a bad signature on its webhooks.
      if (error instanceof SignatureError) return json(403, { error: error.message });
      return errorToHttp(error);
    }
  };
}

export const handler = lazyHandler(createHandler);
