import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { languageOf } from '../domain/messages.ts';
import { CHANNELS } from '../domain/model.ts';
import type { Survey } from '../domain/survey.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../runtime/deps.ts';
import { emptyReport, send } from './dispatch.ts';

export const SendTestInput = z
  .object({
    to: z.string().min(3).max(254),
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
  if (!isEmail && !/^\+[1-9]\d{6,14}$/.test(input.to))
    throw new ValidationError('to: must be an E.164 phone number (+12015550123) or an email address', 422);
  const channel = input.channel ?? (isEmail ? 'email' : 'sms');
  if ((channel === 'email') !== isEmail)
    throw new ValidationError(
      `to: a ${channel} survey needs ${channel === 'email' ? 'an email address' : 'a phone number'}`,
      422,
    );
  const now = deps.clock.now();
  const survey: Survey = {
    surveyId: `sv_test_${randomBytes(8).toString('hex')}`,
    touchpoint: input.touchpoint,
    metric: rule.metric,
    eventId: 'send-test',
    eventType: 'test',
    source: 'admin',
    customerId: `test:${input.to.toLowerCase()}`,
    ...(isEmail ? { email: input.to.toLowerCase() } : { phone: input.to }),
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
