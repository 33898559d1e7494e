import { nextChannel } from '../domain/engine.ts';
import type { Attempt, Channel } from '../domain/model.ts';
import type { Deps } from '../runtime/deps.ts';

/** A provider's report on one attempt (Twilio status callbacks, SES events). */
export interface DeliveryReport {
  surveyId: string;
  channel: Channel;
  /** Normalized: delivered, failed, undelivered, no_answer, busy, machine, completed, bounced, complaint. */
  status:
    | 'delivered'
    | 'failed'
    | 'undelivered'
    | 'no_answer'
    | 'busy'
    | 'machine'
    | 'completed'
    | 'sent'
    | 'queued';
  providerMessageId?: string;
  errorCode?: string;
}

/**
 * Use case: a provider told us what became of an attempt. Delivered attempts count towards the
 * response rate; undeliverable SMS, unanswered calls and voicemail trigger the channel fallback
 * (SMS -> email, voice -> SMS) unless the customer already answered.
 */
export async function handleDeliveryStatus(
  deps: Deps,
  report: DeliveryReport,
): Promise<'recorded' | 'fell_back' | 'failed' | 'ignored'> {
  const now = deps.clock.now();
  const survey = await deps.surveys.get(report.surveyId);
  if (!survey || survey.channel !== report.channel) return 'ignored';
  const attempt: Attempt = {
    channel: report.channel,
    at: now.toISOString(),
    status: report.status === 'busy' ? 'no_answer' : (report.status as Attempt['status']),
    ...(report.providerMessageId && { providerMessageId: report.providerMessageId }),
    ...(report.errorCode && { error: `provider code ${report.errorCode}` }),
  };
  const delivered =
    report.status === 'delivered' || (report.channel === 'voice' && report.status === 'completed');
  if (delivered) {
    if (survey.deliveredAt) return 'ignored';
    const done = await deps.surveys.transition(
      survey.surveyId,
      { status: ['sent', 'answered'] },
      { deliveredAt: now.toISOString() },
      { appendAttempt: attempt },
    );
    return done ? 'recorded' : 'ignored';
  }
  const undeliverable = ['failed', 'undelivered', 'no_answer', 'busy', 'machine'].includes(report.status);
  if (!undeliverable || survey.status !== 'sent') return 'ignored';
  const [phone, email] = await Promise.all([
    survey.phone ? deps.surveys.getConsent(survey.phone) : undefined,
    survey.email ? deps.surveys.getConsent(survey.email) : undefined,
  ]);
  const failure =
    report.status === 'undelivered'
      ? 'undelivered'
      : report.status === 'failed'
        ? 'failed'
        : report.status === 'machine'
          ? 'machine'
          : report.status === 'busy'
            ? 'busy'
            : 'no_answer';
  const tried = [
    ...new Set([
      ...survey.attempts
        .filter((a) => ['failed', 'undelivered', 'no_answer', 'machine'].includes(a.status))
        .map((a) => a.channel),
      report.channel,
    ]),
  ];
  const next = nextChannel({
    channelPlan:
      survey.channelPlan.includes('sms') || report.channel !== 'voice'
        ? survey.channelPlan
        : [...survey.channelPlan, 'sms'],
    tried,
    failure,
    contact: { ...(survey.phone && { phone: survey.phone }), ...(survey.email && { email: survey.email }) },
    consent: {
      smsOptedOut: Boolean(phone?.smsOptedOut),
      voiceOptedOut: Boolean(phone?.voiceOptedOut),
      ...(email?.emailSuppressed && { emailSuppressed: email.emailSuppressed }),
    },
  });
  if (next) {
    const moved = await deps.surveys.transition(
      survey.surveyId,
      { status: 'sent' },
      {
        status: 'scheduled',
        channel: next,
        dueAt: now.toISOString(),
        due: now.toISOString(),
        thread: null,
        conversation: 'awaiting_score',
        retries: 0,
      },
      {
        appendAttempt: attempt,
        appendDecision: {
          at: now.toISOString(),
          rule: 'fallback',
          outcome: next,
          detail: `${report.channel} ${failure}`,
        },
      },
    );
    return moved ? 'fell_back' : 'ignored';
  }
  const failed = await deps.surveys.transition(
    survey.surveyId,
    { status: 'sent' },
    { status: 'failed', thread: null },
    {
      appendAttempt: attempt,
      appendDecision: {
        at: now.toISOString(),
        rule: 'fallback',
        outcome: 'failed',
        detail: `${report.channel} ${failure}; no channel left`,
      },
    },
  );
  return failed ? 'failed' : 'ignored';
}
