import { phoneThreadKey } from '../adapters/dynamo/survey-store.ts';
import type { Survey } from '../domain/survey.ts';
import type { OutboundCall, OutboundEmail, OutboundSms } from '../ports/index.ts';
import type { Deps } from '../runtime/deps.ts';
import type { DispatchOutcome } from './dispatch.ts';
import { outboundFor } from './outbound.ts';

/**
 * A survey stuck in `sending` past its lease: the worker died between the provider call and the
 * `sent` write. Ask the provider whether the message went out; resend only when it says no, and
 * when it cannot tell, record it as sent (never risk texting a customer twice).
 */
export async function recover(deps: Deps, survey: Survey, now: Date): Promise<DispatchOutcome> {
  const channel = survey.channel ?? survey.channelPlan[0];
  if (!channel) return 'lost_race';
  const claimedAt = new Date(survey.claimedAt ?? survey.dueAt);
  const message = outboundFor(deps, survey, channel);
  const since = new Date(claimedAt.getTime() - 60_000);
  const sent =
    channel === 'sms'
      ? await deps.sms.wasSent(message as OutboundSms, since)
      : channel === 'email'
        ? await deps.email.wasSent(message as OutboundEmail, since)
        : await deps.voice.wasSent(message as OutboundCall, since);
  if (sent === false) {
    const released = await deps.surveys.transition(
      survey.surveyId,
      { status: 'sending', dueAt: survey.dueAt },
      { status: 'scheduled', dueAt: now.toISOString(), due: now.toISOString() },
      {
        appendDecision: {
          at: now.toISOString(),
          rule: 'recovery',
          outcome: 'resend',
          detail: 'provider has no record of the send',
        },
      },
    );
    return released ? 'recovered' : 'lost_race';
  }
  await deps.surveys.transition(
    survey.surveyId,
    { status: 'sending', dueAt: survey.dueAt },
    {
      status: 'sent',
      sentAt: claimedAt.toISOString(),
      sentChannel: channel,
      conversation: 'awaiting_score',
      fromNumber: deps.env.TWILIO_FROM,
      due: null,
      thread:
        channel === 'email'
          ? { key: `EMAIL#${survey.email ?? ''}`, at: claimedAt.toISOString() }
          : { key: phoneThreadKey(survey.phone ?? '', deps.env.TWILIO_FROM), at: claimedAt.toISOString() },
    },
    {
      appendAttempt: {
        channel,
        at: claimedAt.toISOString(),
        status: 'sent',
        ...(sent === 'unknown' && { error: 'outcome unknown after crash; not resent' }),
      },
      appendDecision: {
        at: now.toISOString(),
        rule: 'recovery',
        outcome: 'sent',
        detail: sent === true ? 'provider confirms the send' : 'provider cannot tell; not resent',
      },
    },
  );
  return 'recovered';
}
