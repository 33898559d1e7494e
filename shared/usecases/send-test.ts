import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { E164, EmailAddress } from '../../events/canonical/schema.ts';
import { type ConsentState, channelBlock } from '../domain/fallback.ts';
import { languageOf } from '../domain/messages.ts';
import { CHANNELS } from '../domain/model.ts';
import type { Survey } from '../domain/survey.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../runtime/deps.ts';
import { emptyReport, send } from './dispatch.ts';

/** A phone number or an email address, checked exactly as an event's customer contact is. */
const Recipient = z
  .string()
  .refine((to) => E164.safeParse(to).success || EmailAddress.safeParse(to).success, {
    message: 'must be an E.164 phone number (+12015550123) or an email address',
  });

export const SendTestInput = z
  .object({
    to: Recipient,
    touchpoint: z.string().min(1).max(40),
    channel: z.enum(CHANNELS).optional(),
    locale: z.string().max(35).optional(),
  })
  .strict();

/**
 * Use case: an admin sends themselves a survey now, through the configured provider, to see
 * exactly what customers get. It skips fatigue and quiet hours (the admin asked for it now) and
 * is marked `test`, so an answer to it never moves the scores.
 */
export async function sendTestSurvey(deps: Deps, input: z.infer<typeof SendTestInput>) {
  const rule = deps.config.touchpoints[input.touchpoint];
  if (!rule)
    throw new ValidationError(
      `touchpoint: unknown "${input.touchpoint}"; known: ${Object.keys(deps.config.touchpoints).join(', ')}`,
      422,
    );
  const isEmail = input.to.includes('@');
  const channel = input.channel ?? (isEmail ? 'email' : 'sms');
  if ((channel === 'email') !== isEmail)
    throw new ValidationError(
      `to: a ${channel} survey needs ${channel === 'email' ? 'an email address' : 'a phone number'}`,
      422,
    );
  // An admin's test is still a message to that number or address: an opt-out is honoured.
  const to = isEmail ? input.to.toLowerCase() : input.to;
  const consent: ConsentState = (await deps.surveys.getConsent(to)) ?? {};
  if (channelBlock(channel, isEmail ? { email: to } : { phone: to }, consent) === 'no_consent') {
    const refused = { email: `email (${consent.emailSuppressed})`, sms: 'SMS (STOP)', voice: 'calls' };
    throw new ValidationError(`to: ${to} opted out of ${refused[channel]}; no test survey is sent`, 422);
  }
  const now = deps.clock.now();
  const survey: Survey = {
    surveyId: `sv_test_${randomBytes(8).toString('hex')}`,
    touchpoint: input.touchpoint,
    metric: rule.metric,
    eventId: 'send-test',
    eventType: 'test',
    source: 'admin',
    customerId: `test:${to}`,
    ...(isEmail ? { email: to } : { phone: to }),
    ...(input.locale && { locale: input.locale }),
    language: languageOf(input.locale),
    status: 'sending',
    createdAt: now.toISOString(),
    dueAt: now.toISOString(),
    claimedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + rule.expiryDays * 86_400_000).toISOString(),
    channelPlan: [channel],
    channel,
    attempts: [],
    decisions: [
      {
        at: now.toISOString(),
        rule: 'send_test',
        outcome: 'send_now',
        detail: 'admin test: fatigue and quiet hours not applied',
      },
    ],
    followUp: rule.followUp,
    context: {},
    test: true,
  };
  await deps.surveys.create(survey);
  const report = emptyReport();
  const outcome = await send(deps, survey, channel, now, report);
  const after = await deps.surveys.get(survey.surveyId);
  return {
    surveyId: survey.surveyId,
    channel,
    outcome,
    status: after?.status,
    attempts: after?.attempts ?? [],
  };
}
