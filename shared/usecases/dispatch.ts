import { phoneThreadKey } from '../adapters/dynamo/survey-store.ts';
import { nextAllowedSendTime, nextChannel, resolveSendTime } from '../domain/engine.ts';
import type { Attempt, Channel } from '../domain/model.ts';
import { countryOfPhone } from '../domain/quiet-hours.ts';
import type { Survey } from '../domain/survey.ts';
import { ChannelError } from '../errors.ts';
import type { OutboundCall, OutboundEmail, OutboundSms } from '../ports/index.ts';
import type { Deps } from '../runtime/deps.ts';
import { composeEmail, composeSms, voiceUrls } from './compose.ts';
import { identitiesOfSurvey, ticketKeyOf } from './ingest-event.ts';

/** How long a claimed survey may stay in `sending` before recovery looks at it. */
export const SEND_LEASE_SECONDS = 300;
/** Transient failures are retried with exponential backoff, at most this many times per channel. */
export const MAX_TRANSIENT_RETRIES = 8;

export type { Outcome as DispatchOutcome };

export interface DispatchReport {
  examined: number;
  sent: number;
  deferred: number;
  retried: number;
  failed: number;
  fellBack: number;
  expired: number;
  recovered: number;
  /** Surveys left due because the channel's rate budget for this tick was used up. */
  throttled: number;
}

/**
 * Per-channel send budget: a token bucket refilled at the provider's rate (messages per second)
 * on the clock the dispatcher runs on, so virtual-time runs drain at the same rate as real ones.
 */
export class RateBudget {
  private tokens = new Map<Channel, number>();
  private last: number | undefined;
  constructor(
    private readonly ratePerSecond: Record<Channel, number>,
    private readonly burstSeconds = 60,
  ) {}

  refill(now: Date): void {
    const elapsed =
      this.last === undefined ? this.burstSeconds : Math.max(0, (now.getTime() - this.last) / 1000);
    this.last = now.getTime();
    for (const channel of Object.keys(this.ratePerSecond) as Channel[]) {
      const rate = this.ratePerSecond[channel];
      const cap = rate * this.burstSeconds;
      this.tokens.set(channel, Math.min(cap, (this.tokens.get(channel) ?? 0) + rate * elapsed));
    }
  }

  take(channel: Channel): boolean {
    const left = this.tokens.get(channel) ?? 0;
    if (left < 1) return false;
    this.tokens.set(channel, left - 1);
    return true;
  }

  available(channel: Channel): number {
    return Math.floor(this.tokens.get(channel) ?? 0);
  }
}

function backoffSeconds(retries: number): number {
  return Math.min(3600, 30 * 2 ** retries);
}

/** A report with every counter at zero. */
export function emptyReport(): DispatchReport {
  return {
    examined: 0,
    sent: 0,
    deferred: 0,
    retried: 0,
    failed: 0,
    fellBack: 0,
    expired: 0,
    recovered: 0,
    throttled: 0,
  };
}

/**
 * Use case: send every survey that is due, within each channel's rate budget. Each survey moves
 * `scheduled -> sending -> sent` by compare-and-set, so concurrent ticks never send one twice; a
 * crash between the provider's accept and our `sent` write is repaired by `recover` after the lease.
 */
export async function dispatchDue(
  deps: Deps,
  budget: RateBudget,
  options: { batch?: number } = {},
): Promise<DispatchReport> {
  const report = emptyReport();
  const now = deps.clock.now();
  budget.refill(now);
  const exhausted = new Set<Channel>();
  const pageSize = options.batch ?? 200;
  // Keep paging while some channel still has budget: a burst drains at the configured rate.
  for (let page = 0; page < 1000; page++) {
    const due = await deps.surveys.queryDue(now, pageSize);
    if (due.length === 0) break;
    let progressed = false;
    for (const survey of due) {
      report.examined++;
      const outcome = await dispatchOne(deps, survey, now, budget, exhausted, report);
      if (outcome !== 'throttled') progressed = true;
    }
    if (!progressed || due.length < pageSize) break;
  }
  return report;
}

type Outcome =
  | 'sent'
  | 'deferred'
  | 'retried'
  | 'failed'
  | 'fell_back'
  | 'expired'
  | 'throttled'
  | 'lost_race'
  | 'recovered';

async function dispatchOne(
  deps: Deps,
  survey: Survey,
  now: Date,
  budget: RateBudget,
  exhausted: Set<Channel>,
  report: DispatchReport,
): Promise<Outcome> {
  if (survey.status === 'sent' || survey.status === 'answered') return remind(deps, survey, now, report);
  if (survey.status === 'sending') {
    const outcome = await recover(deps, survey, now);
    if (outcome === 'recovered') report.recovered++;
    return outcome;
  }
  if (Date.parse(survey.expiresAt) <= now.getTime()) {
    const done = await deps.surveys.transition(
      survey.surveyId,
      { status: 'scheduled', dueAt: survey.dueAt },
      { status: 'expired', due: null },
      {
        appendDecision: {
          at: now.toISOString(),
          rule: 'expiry',
          outcome: 'expired',
          detail: 'never sent before the survey expired',
        },
      },
    );
    if (done) report.expired++;
    return done ? 'expired' : 'lost_race';
  }
  const consent = await consentFor(deps, survey);
  const openTicketIds =
    survey.eventType === 'ticket_closed' && survey.context.ticketId
      ? (await deps.surveys.openTickets(identitiesOfSurvey(survey), now)).filter(
          (key) => key !== ticketKeyOf(survey.source, survey.context.ticketId ?? ''),
        )
      : undefined;
  // The engine decides at send time too: consent now, channels not yet failed, quiet hours of the
  // customer's zone and phone country (stricter regional overrides), other open tickets.
  const resolution = resolveSendTime({
    survey,
    consent,
    config: deps.config,
    now,
    ...(openTicketIds && { openTicketIds }),
  });
  if (resolution.action === 'skip') {
    const skipped = await deps.surveys.transition(
      survey.surveyId,
      { status: 'scheduled', dueAt: survey.dueAt },
      { status: 'skipped', skipReason: resolution.reason, due: null },
      { appendDecision: resolution.decision },
    );
    if (skipped) report.failed++;
    return skipped ? 'failed' : 'lost_race';
  }
  if (resolution.action === 'defer') {
    const dueAt = resolution.until;
    const moved = await deps.surveys.transition(
      survey.surveyId,
      { status: 'scheduled', dueAt: survey.dueAt },
      { dueAt, due: dueAt, ...(resolution.channel && { channel: resolution.channel }) },
      { appendDecision: resolution.decision },
    );
    if (moved) report.deferred++;
    return moved ? 'deferred' : 'lost_race';
  }
  const { channel } = resolution;
  if (exhausted.has(channel) || !budget.take(channel)) {
    exhausted.add(channel);
    report.throttled++;
    return 'throttled';
  }
  const leaseUntil = new Date(now.getTime() + SEND_LEASE_SECONDS * 1000).toISOString();
  const claimed = await deps.surveys.transition(
    survey.surveyId,
    { status: 'scheduled', dueAt: survey.dueAt },
    { status: 'sending', channel, dueAt: leaseUntil, due: leaseUntil, claimedAt: now.toISOString() },
  );
  if (!claimed) return 'lost_race';
  return send(deps, claimed, channel, now, report);
}

function allowed(channel: Channel, survey: Survey, consent: Awaited<ReturnType<typeof consentFor>>): boolean {
  if (channel === 'email') return Boolean(survey.email) && !consent.emailSuppressed;
  if (channel === 'sms') return Boolean(survey.phone) && !consent.smsOptedOut;
  return Boolean(survey.phone) && !consent.voiceOptedOut;
}

async function consentFor(deps: Deps, survey: Survey) {
  const [phone, email] = await Promise.all([
    survey.phone ? deps.surveys.getConsent(survey.phone) : undefined,
    survey.email ? deps.surveys.getConsent(survey.email) : undefined,
  ]);
  return {
    smsOptedOut: Boolean(phone?.smsOptedOut),
    voiceOptedOut: Boolean(phone?.voiceOptedOut),
    ...(email?.emailSuppressed && { emailSuppressed: email.emailSuppressed }),
  };
}

function baseUrl(deps: Deps): string {
  const url = deps.env.PUBLIC_BASE_URL;
  if (!url) throw new Error('PUBLIC_BASE_URL is required to send surveys (links and provider callbacks)');
  return url.replace(/\/$/, '');
}

/** Builds the provider message for a channel; the same function re-creates it during recovery. */
export function outboundFor(
  deps: Deps,
  survey: Survey,
  channel: Channel,
): OutboundSms | OutboundEmail | OutboundCall {
  const base = baseUrl(deps);
  const key = `${survey.surveyId}#${survey.attempts.length}`;
  if (channel === 'sms') {
    return {
      to: survey.phone ?? '',
      from: deps.env.TWILIO_FROM,
      body: composeSms(deps.config, survey),
      surveyId: survey.surveyId,
      idempotencyKey: key,
      statusCallbackUrl: `${base}/twilio/status?surveyId=${encodeURIComponent(survey.surveyId)}&channel=sms`,
    };
  }
  if (channel === 'email') {
    const email = composeEmail(deps.config, survey, base, deps.secrets.LINK_SIGNING_KEY);
    return {
      to: survey.email ?? '',
      from: deps.env.SES_FROM,
      ...email,
      surveyId: survey.surveyId,
      idempotencyKey: key,
      ...(deps.env.SES_CONFIGURATION_SET && { configurationSet: deps.env.SES_CONFIGURATION_SET }),
    };
  }
  const urls = voiceUrls(base, survey.surveyId);
  return {
    to: survey.phone ?? '',
    from: deps.env.TWILIO_FROM,
    twimlUrl: urls.twiml,
    statusCallbackUrl: urls.status,
    surveyId: survey.surveyId,
    idempotencyKey: key,
  };
}

export async function send(
  deps: Deps,
  survey: Survey,
  channel: Channel,
  now: Date,
  report: DispatchReport,
): Promise<Outcome> {
  const message = outboundFor(deps, survey, channel);
  try {
    const receipt =
      channel === 'sms'
        ? await deps.sms.send(message as OutboundSms)
        : channel === 'email'
          ? await deps.email.send(message as OutboundEmail)
          : await deps.voice.send(message as OutboundCall);
    await markSent(deps, survey, channel, now, receipt.providerMessageId);
    report.sent++;
    return 'sent';
  } catch (error) {
    if (!(error instanceof ChannelError)) {
      // Unknown failure (bug, network): release the claim so the next tick retries.
      await deps.surveys.transition(
        survey.surveyId,
        { status: 'sending' },
        { status: 'scheduled', dueAt: now.toISOString(), due: now.toISOString() },
      );
      throw error;
    }
    return handleFailure(deps, survey, channel, now, error, report);
  }
}

async function markSent(
  deps: Deps,
  survey: Survey,
  channel: Channel,
  now: Date,
  providerMessageId: string,
): Promise<void> {
  const attempt: Attempt = { channel, at: now.toISOString(), status: 'sent', providerMessageId };
  const thread =
    channel === 'email'
      ? { key: `EMAIL#${survey.email ?? ''}`, at: now.toISOString() }
      : { key: phoneThreadKey(survey.phone ?? '', deps.env.TWILIO_FROM), at: now.toISOString() };
  // One reminder for non-responders, on the channels the touchpoint allows (email by default).
  const reminder =
    survey.reminderSentAt || survey.test ? null : deps.config.touchpoints[survey.touchpoint]?.reminder;
  const remindAt =
    reminder?.channels.includes(channel) &&
    new Date(now.getTime() + reminder.afterHours * 3_600_000).toISOString();
  const remind = remindAt && remindAt < survey.expiresAt ? remindAt : undefined;
  await deps.surveys.transition(
    survey.surveyId,
    { status: 'sending' },
    {
      status: 'sent',
      channel,
      sentAt: now.toISOString(),
      fromNumber: deps.env.TWILIO_FROM,
      conversation: 'awaiting_score',
      ...(remind ? { dueAt: remind, due: remind } : { due: null }),
      thread,
    },
    { appendAttempt: attempt },
  );
}

/**
 * A sent survey came due again: its reminder time. Answered surveys just leave the due index;
 * non-responders get the one reminder (claimed first, so it is never sent twice).
 */
async function remind(deps: Deps, survey: Survey, now: Date, report: DispatchReport): Promise<Outcome> {
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
  if (!allowed(channel, survey, await consentFor(deps, survey))) {
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

async function handleFailure(
  deps: Deps,
  survey: Survey,
  channel: Channel,
  now: Date,
  error: ChannelError,
  report: DispatchReport,
): Promise<Outcome> {
  const retries = survey.retries ?? 0;
  if (!error.permanent && retries < MAX_TRANSIENT_RETRIES) {
    const dueAt = new Date(now.getTime() + backoffSeconds(retries) * 1000).toISOString();
    await deps.surveys.transition(
      survey.surveyId,
      { status: 'sending' },
      { status: 'scheduled', dueAt, due: dueAt, retries: retries + 1 },
      {
        appendAttempt: {
          channel,
          at: now.toISOString(),
          status: 'queued',
          error: error.message.slice(0, 300),
        },
      },
    );
    report.retried++;
    return 'retried';
  }
  const failure = error.providerCode === 21614 ? 'landline' : 'failed';
  const attempt: Attempt = {
    channel,
    at: now.toISOString(),
    status: 'failed',
    error: error.message.slice(0, 300),
  };
  const consent = await consentFor(deps, survey);
  const tried = [
    ...survey.attempts
      .filter((a) => a.status === 'failed' || a.status === 'undelivered')
      .map((a) => a.channel),
    channel,
  ];
  const next = nextChannel({
    channelPlan: survey.channelPlan,
    tried,
    failure,
    contact: { ...(survey.phone && { phone: survey.phone }), ...(survey.email && { email: survey.email }) },
    consent,
  });
  if (next) {
    await deps.surveys.transition(
      survey.surveyId,
      { status: 'sending' },
      { status: 'scheduled', channel: next, dueAt: now.toISOString(), due: now.toISOString(), retries: 0 },
      {
        appendAttempt: attempt,
        appendDecision: {
          at: now.toISOString(),
          rule: 'fallback',
          outcome: next,
          detail: `${channel} ${failure}: ${error.message.slice(0, 120)}`,
        },
      },
    );
    report.fellBack++;
    return 'fell_back';
  }
  await deps.surveys.transition(
    survey.surveyId,
    { status: 'sending' },
    { status: 'failed', due: null },
    {
      appendAttempt: attempt,
      appendDecision: {
        at: now.toISOString(),
        rule: 'fallback',
        outcome: 'failed',
        detail: `no channel left after ${channel} ${failure}`,
      },
    },
  );
  report.failed++;
  return 'failed';
}

/**
 * A survey stuck in `sending` past its lease: the worker died between the provider call and the
 * `sent` write. Ask the provider whether the message went out; resend only when it says no, and
 * when it cannot tell, record it as sent (never risk texting a customer twice).
 */
async function recover(deps: Deps, survey: Survey, now: Date): Promise<Outcome> {
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
