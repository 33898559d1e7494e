import { phoneThreadKey } from '../adapters/dynamo/survey-store.ts';
import { nextChannel, resolveSendTime } from '../domain/engine.ts';
import type { Attempt, Channel } from '../domain/model.ts';
import type { Survey } from '../domain/survey.ts';
import { ChannelError } from '../errors.ts';
import type { OutboundCall, OutboundEmail, OutboundSms, SendReceipt } from '../ports/index.ts';
import type { Deps } from '../runtime/deps.ts';
import { identitiesOfSurvey, ticketKeyOf } from './ingest-event.ts';
import { consentFor, outboundFor } from './outbound.ts';
import { setAsideAfterError } from './parked-surveys.ts';
import { recover } from './recover-send.ts';
import { remind } from './reminder.ts';

export { MAX_DISPATCH_ERRORS } from './parked-surveys.ts';

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
  /** Surveys whose processing failed with an unexpected error: retried later (see `parked`). */
  errors: number;
  /** Surveys set aside after `MAX_DISPATCH_ERRORS` failures (`GET /api/surveys/parked`). */
  parked: number;
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
    errors: 0,
    parked: 0,
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
  // Keep paging while some channel still has budget: a burst drains at the configured rate. Each
  // page starts after the last, so a survey that stays due (throttled, failing) is read once a tick.
  let after: Record<string, unknown> | undefined;
  for (let page = 0; page < 1000; page++) {
    const { surveys, next } = await deps.surveys.queryDue(now, pageSize, after);
    // A page whose listed surveys all moved on meanwhile (the index lags) says nothing of the budget.
    let progressed = surveys.length === 0;
    for (const survey of surveys) {
      report.examined++;
      let outcome: Outcome;
      try {
        outcome = await dispatchOne(deps, survey, now, budget, exhausted, report);
      } catch (error) {
        // One survey must never stop the others: it is retried later, then parked.
        outcome = await setAsideAfterError(deps, survey.surveyId, now, error, report);
      }
      if (outcome !== 'throttled') progressed = true;
    }
    if (!next || !progressed) break;
    after = next;
  }
  return report;
}

type Outcome =
  | 'sent'
  | 'deferred'
  | 'not_due'
  | 'retried'
  | 'failed'
  | 'fell_back'
  | 'expired'
  | 'throttled'
  | 'lost_race'
  | 'recovered'
  | 'errored'
  | 'parked';

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
    if (dueAt === survey.dueAt && (resolution.channel ?? survey.channel) === survey.channel) {
      // Listed as due but not due: a deferral that changes nothing records nothing. Only its index
      // key was wrong (a version that keyed times past year 9999 out of order): fix that, once.
      await deps.surveys.transition(survey.surveyId, { status: 'scheduled', dueAt }, { due: dueAt });
      return 'not_due';
    }
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

export async function send(
  deps: Deps,
  survey: Survey,
  channel: Channel,
  now: Date,
  report: DispatchReport,
): Promise<Outcome> {
  let receipt: SendReceipt;
  try {
    const message = outboundFor(deps, survey, channel);
    receipt =
      channel === 'sms'
        ? await deps.sms.send(message as OutboundSms)
        : channel === 'email'
          ? await deps.email.send(message as OutboundEmail)
          : await deps.voice.send(message as OutboundCall);
  } catch (error) {
    if (!(error instanceof ChannelError)) {
      // Unknown failure before the provider took it (bug, network): release the claim so the next
      // tick retries (and the dispatcher counts the error towards parking).
      await deps.surveys.transition(
        survey.surveyId,
        { status: 'sending' },
        { status: 'scheduled', dueAt: now.toISOString(), due: now.toISOString() },
      );
      throw error;
    }
    return handleFailure(deps, survey, channel, now, error, report);
  }
  // The provider took it. If recording that fails, the survey stays `sending` and recovery asks
  // the provider after the lease: releasing it here could send it twice.
  await markSent(deps, survey, channel, now, receipt.providerMessageId);
  report.sent++;
  return 'sent';
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
      sentChannel: channel,
      fromNumber: deps.env.TWILIO_FROM,
      conversation: 'awaiting_score',
      ...(survey.dispatchErrors && { dispatchErrors: 0 }),
      ...(remind ? { dueAt: remind, due: remind } : { due: null }),
      thread,
    },
    { appendAttempt: attempt },
  );
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
