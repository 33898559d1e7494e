import * as z from 'zod';
import { CHANNELS } from '../domain/model.ts';
import { VOICE_STEPS } from '../usecases/voice-flow.ts';
import { SurveyIdParam } from './validation.ts';

/**
 * What Touchpoint reads from a Twilio webhook, checked after the signature and before anything is
 * looked up or stored: a value that could not come from Twilio (a 10 KB number, a missing sender)
 * is a 400 naming the field, not a store error.
 */

/** The query parameters our own callback URLs carry; anything else is a 400 before any lookup. */
export const CallbackQuery = z.object({
  surveyId: SurveyIdParam.optional(),
  channel: z.enum(CHANNELS).optional(),
  step: z.enum(VOICE_STEPS).optional(),
  try: z
    .string()
    .regex(/^[1-9]$/, 'must be 1-9')
    .optional(),
});

/** A Twilio SID (`SM…`, `CA…`: two letters, then 32 hex digits at Twilio), bounded before it is stored. */
const Sid = z.string().regex(/^[A-Za-z]{2}[A-Za-z0-9_-]{1,62}$/, 'must be a Twilio SID (SM..., CA...)');
/** A phone number (E.164) or a short code, as Twilio sends From and To. */
const PhoneOrShortCode = z
  .string()
  .regex(/^\+?[0-9]{3,15}$/, 'must be a phone number (E.164) or a short code');

/** The form fields each route uses, checked before they reach a key, an item or a reply. */
export const InboundSms = z.object({
  MessageSid: Sid,
  From: PhoneOrShortCode,
  To: PhoneOrShortCode,
  Body: z.string().default(''),
});
export const StatusCallback = z.object({
  MessageSid: Sid.optional(),
  CallSid: Sid.optional(),
  ErrorCode: z
    .string()
    .regex(/^\d{1,10}$/, 'must be a Twilio error code')
    .optional(),
});
export const VoiceStep = z.object({ CallSid: Sid.optional(), Digits: z.string().max(32).optional() });
