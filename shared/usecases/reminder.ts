import { nextAllowedSendTime } from '../domain/engine.ts';
import { countryOfPhone } from '../domain/quiet-hours.ts';
import type { Survey } from '../domain/survey.ts';
import type { Deps } from '../runtime/deps.ts';
import { composeEmail, composeSms } from './compose.ts';
import type { DispatchOutcome, DispatchReport } from './dispatch.ts';
import { baseUrl, channelAllowedNow, consentFor } from './outbound.ts';

/**
 * A sent survey came due again: its reminder time. Answered surveys just leave the due index;
 * non-responders get the one reminder (claimed first, so it is never sent twice).
 */
export async function remind(
  deps: Deps,
  survey: Survey,
  now: Date,
  report: DispatchReport,
): Promise<DispatchOutcome> {
  const answered = survey.status !== 'sent' || survey.answeredAt !== undefined;
  const expired = Date.parse(survey.expiresAt) <= now.getTime();
  if (answered || expired || survey.reminderSentAt) {
    await deps.surveys.transition(
      survey.surveyId,
      { status: survey.status, dueAt: survey.dueAt },
      { due: null },
    );
    return 'lost_race';
  }
  const channel = survey.channel ?? 'email';
  if (!channelAllowedNow(channel, survey, await consentFor(deps, survey))) {
    // Opted out or unsubscribed since the survey went out: no reminder.
    await deps.surveys.transition(
      survey.surveyId,
      { status: 'sent', dueAt: survey.dueAt },
      { due: null },
      {
        appendDecision: {
          at: now.toISOString(),
          rule: 'reminder',
          outcome: 'skipped',
          detail: 'no consent any more',
        },
      },
    );
    return 'lost_race';
  }
  const allowedAt = nextAllowedSendTime(
    now,
    channel,
    survey.timeZone,
    deps.config,
    countryOfPhone(survey.phone),
  );
  if (allowedAt.getTime() > now.getTime()) {
    const later = allowedAt.toISOString();
    await deps.surveys.transition(
      survey.surveyId,
      { status: 'sent', dueAt: survey.dueAt },
      { dueAt: later, due: later },
    );
    report.deferred++;
    return 'deferred';
  }
  const claimed = await deps.surveys.transition(
    survey.surveyId,
    { status: 'sent', dueAt: survey.dueAt },
    { reminderSentAt: now.toISOString(), due: null },
    {
      appendDecision: { at: now.toISOString(), rule: 'reminder', outcome: channel, detail: 'no answer yet' },
    },
  );
  if (!claimed) return 'lost_race';
  const base = baseUrl(deps);
  try {
    if (channel === 'email') {
      const email = composeEmail(deps.config, claimed, base, deps.secrets.LINK_SIGNING_KEY, 'reminder');
      await deps.email.send({
        to: claimed.email ?? '',
        from: deps.env.SES_FROM,
        ...email,
        surveyId: claimed.surveyId,
        idempotencyKey: `${claimed.surveyId}#reminder`,
        ...(deps.env.SES_CONFIGURATION_SET && { configurationSet: deps.env.SES_CONFIGURATION_SET }),
      });
    } else {
      await deps.sms.send({
        to: claimed.phone ?? '',
        from: deps.env.TWILIO_FROM,
        body: composeSms(deps.config, claimed, 'reminder'),
        surveyId: claimed.surveyId,
        idempotencyKey: `${claimed.surveyId}#reminder`,
      });
    }
    report.sent++;
    return 'sent';
  } catch (error) {
    // At most once: a reminder that failed is not retried (the survey itself was delivered).
    report.failed++;
    await deps.surveys.transition(
      claimed.surveyId,
      { status: ['sent', 'answered'] },
      {},
      {
        appendDecision: {
          at: deps.clock.now().toISOString(),
          rule: 'reminder',
          outcome: 'failed',
          detail: (error as Error).message.slice(0, 200),
        },
      },
    );
    return 'failed';
  }
}
