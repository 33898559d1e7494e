// Primary adapter: Twilio webhooks (inbound SMS, delivery/call status, IVR TwiML) -> use cases.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { SignatureError } from '../shared/errors.ts';
import {
  errorToHttp,
  type HttpResponse,
  json,
  parseFormBody,
  signatureRejected,
  toHttpRequest,
  twiml,
} from '../shared/http/api.ts';
import { CallbackQuery, InboundSms, StatusCallback, VoiceStep } from '../shared/http/twilio-input.ts';
import { validInput } from '../shared/http/validation.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { twilioInboundMessages } from '../shared/runtime/twilio-rest.ts';
import { type DeliveryReport, handleDeliveryStatus } from '../shared/usecases/delivery-status.ts';
import { handleInboundSms } from '../shared/usecases/sms-reply.ts';
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
    const req = toHttpRequest(event, deps.env.PUBLIC_BASE_URL);
    try {
      const form = parseFormBody(req);
      const signature = req.headers['x-twilio-signature'];
      // Twilio signs the exact public URL it called plus the POST parameters.
      if (!signature) throw new SignatureError('X-Twilio-Signature is missing');
      if (!validateRequest(deps.secrets.TWILIO_AUTH_TOKEN, signature, req.publicUrl, form))
        throw new SignatureError('X-Twilio-Signature does not match this URL and body');
      const query = validInput(CallbackQuery, req.query);
      if (event.routeKey === 'POST /twilio/sms') {
        const sms = validInput(InboundSms, { ...form, MessageSid: form.MessageSid ?? form.SmsSid });
        const result = await handleInboundSms(deps, {
          messageId: sms.MessageSid,
          from: sms.From,
          to: sms.To,
          body: sms.Body,
        });
        const response = new MessagingResponse();
        if (result.reply) response.message(result.reply);
        return twiml(response.toString());
      }
      if (event.routeKey === 'POST /twilio/status') {
        validInput(StatusCallback, form);
        const status = normalizeStatus(form);
        if (!status || !query.surveyId) return json(200, { ignored: 'no survey or status' });
        const outcome = await handleDeliveryStatus(deps, {
          surveyId: query.surveyId,
          channel: query.channel ?? (form.CallSid ? 'voice' : 'sms'),
          status,
          ...((form.MessageSid ?? form.CallSid) && { providerMessageId: form.MessageSid ?? form.CallSid }),
          ...(form.ErrorCode && { errorCode: form.ErrorCode }),
        });
        return json(200, { outcome });
      }
      validInput(VoiceStep, form);
      return twiml(await handleVoiceStep(deps, query, form));
    } catch (error) {
      if (error instanceof SignatureError) {
        signatureRejected(event.routeKey, error, req.publicUrl);
        // Twilio expects 403 for a bad signature on its webhooks.
        return json(403, { error: error.message });
      }
      return errorToHttp(error);
    }
  };
}

export const handler = lazyHandler(createHandler, { inbound: twilioInboundMessages });
