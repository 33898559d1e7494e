// Primary adapter: Twilio webhooks (inbound SMS, delivery/call status, IVR TwiML) -> use cases.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { z } from 'zod';
import { CHANNELS } from '../shared/domain/model.ts';
import { SignatureError, ValidationError } from '../shared/errors.ts';
import {
  errorToHttp,
  type HttpResponse,
  json,
  parseFormBody,
  signatureRejected,
  toHttpRequest,
  twiml,
} from '../shared/http/api.ts';
import { describeIssues, SurveyIdParam } from '../shared/http/validation.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { type DeliveryReport, handleDeliveryStatus } from '../shared/usecases/delivery-status.ts';
import { handleInboundSms } from '../shared/usecases/sms-reply.ts';
import { handleVoiceStep, VOICE_STEPS } from '../shared/usecases/voice-flow.ts';

/** The query parameters our own callback URLs carry; anything else is a 400 before any lookup. */
const CallbackQuery = z.object({
  surveyId: SurveyIdParam.optional(),
  channel: z.enum(CHANNELS).optional(),
  step: z.enum(VOICE_STEPS).optional(),
  try: z
    .string()
    .regex(/^[1-9]$/, 'must be 1-9')
    .optional(),
});

/** A Twilio SID (`SM…`, `MM…`, `CA…`: two letters and 32 hex digits), bounded before it is stored. */
const Sid = z.string().regex(/^[A-Za-z]{2}[A-Za-z0-9_-]{1,62}$/, 'must be a Twilio SID (SM..., CA...)');
/** A phone number (E.164) or a short code, as Twilio sends From and To. */
const PhoneOrShortCode = z
  .string()
  .regex(/^\+?[0-9]{3,15}$/, 'must be a phone number (E.164) or a short code');

/** The form fields each route uses, checked before they reach a key, an item or a reply. */
const InboundSms = z.object({
  MessageSid: Sid,
  From: PhoneOrShortCode,
  To: PhoneOrShortCode,
  Body: z.string().default(''),
});
const StatusCallback = z.object({
  MessageSid: Sid.optional(),
  CallSid: Sid.optional(),
  ErrorCode: z
    .string()
    .regex(/^\d{1,10}$/, 'must be a Twilio error code')
    .optional(),
});
const VoiceStep = z.object({ CallSid: Sid.optional(), Digits: z.string().max(32).optional() });

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

/** The parsed value, or a 400 naming every field that is wrong. */
function valid<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error), 400);
  return parsed.data;
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
      const query = valid(CallbackQuery, req.query);
      if (event.routeKey === 'POST /twilio/sms') {
        const sms = valid(InboundSms, { ...form, MessageSid: form.MessageSid ?? form.SmsSid });
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
        valid(StatusCallback, form);
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
      valid(VoiceStep, form);
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

export const handler = lazyHandler(createHandler);
