import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import { type ConsentState, type Contact, channelBlock } from './fallback.ts';
import type { Attempt, Channel, Decision, MetricDefinition, SurveyStatus } from './model.ts';
import { countryOfPhone, describeWindow, nextAllowedSendTime } from './quiet-hours.ts';
import type { TouchpointConfig } from './touchpoints.ts';

export type { ConsentState, FailureKind } from './fallback.ts';
export { nextChannel } from './fallback.ts';
export { nextAllowedSendTime, sendingWindow } from './quiet-hours.ts';

/**
 * The survey engine's rules: whether, when and on which channels a customer is asked. Pure: the
 * caller passes the customer's state, consent and the time, and stores every returned decision on
 * the survey (skipped ones included) so an admin can see why. Rules, in the order they apply:
 * configured -> stale -> same order -> sampling -> contact and consent -> open tickets ->
 * delay and quiet hours -> fatigue and priority.
 */

/** What the store knows about the customer (across all their identities). */
export interface CustomerState {
  /** Due time of the customer's most recent survey that was not skipped. */
  lastSurveyAt?: string;
  lastSurveyPriority?: number;
  lastSurveyTouchpoint?: string;
  lastSurveyId?: string;
  /**
   * The most recent survey when it has not gone out yet: a higher-priority touchpoint can still
   * replace it, and a later event about the same order moves it.
   */
  pendingSurvey?: {
    surveyId: string;
    touchpoint: string;
    priority: number;
    dueAt: string;
    orderId?: string;
    status: SurveyStatus;
  };
  /** Tickets of this customer that are open (seen, no ticket_closed event yet). */
  openTicketIds?: string[];
}

export type SkipReason =
  | 'not_configured'
  | 'stale'
  | 'duplicate'
  | 'sampling'
  | 'no_contact'
  | 'no_consent'
  | 'open_ticket'
  | 'fatigue';

export type SurveyPlan =
  | {
      action: 'schedule';
      touchpoint: string;
      metric: MetricDefinition;
      followUp: boolean;
      dueAt: string;
      expiresAt: string;
      channelPlan: Channel[];
      /** The customer's locale, passed through for `languageOf`. */
      locale?: string;
      decisions: Decision[];
      /** A not-yet-sent lower-priority survey to mark `skipped: superseded_by_priority`. */
      supersedes?: string;
      /** Re-check these open tickets when due (`ticketSupersede: 'wait'`); see `resolveSendTime`. */
      waitForTickets?: string[];
    }
  | { action: 'reschedule'; surveyId: string; dueAt: string; decisions: Decision[] }
  | { action: 'skip'; touchpoint: string; reason: SkipReason; decisions: Decision[] };

/** A stable number in [0, 1) from the event id: a re-delivered event gets the same sampling decision. */
export function samplingDraw(eventId: string): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) / 2 ** 32;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Channels in the order they will be tried: the event's preferred channel, then the touchpoint's. */
export function channelOrder(configured: readonly Channel[], preferred?: Channel): Channel[] {
  return preferred ? [preferred, ...configured.filter((c) => c !== preferred)] : [...configured];
}

function contactOf(event: CanonicalEvent): Contact {
  return {
    ...(event.customer.phone && { phone: event.customer.phone }),
    ...(event.customer.email && { email: event.customer.email }),
  };
}

function maxIso(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Decides whether, when and how to survey the customer about one event. */
export function planSurvey(input: {
  event: CanonicalEvent;
  config: TouchpointConfig;
  customer: CustomerState;
  consent: ConsentState;
  now: Date;
}): SurveyPlan {
  const { event, config, customer, consent, now } = input;
  const at = now.toISOString();
  const touchpoint = event.touchpoint ?? event.type;
  const decisions: Decision[] = [];
  const note = (rule: string, outcome: string, detail?: string) =>
    decisions.push({ at, rule, outcome, ...(detail !== undefined && { detail }) });
  const skip = (reason: SkipReason, detail: string): SurveyPlan => {
    note(reason, 'skipped', detail);
    return { action: 'skip', touchpoint, reason, decisions };
  };

  const rule = config.touchpoints[touchpoint];
  if (!rule) return skip('not_configured', `no touchpoint "${touchpoint}" in the touchpoint config`);

  const eventDue = Date.parse(event.occurredAt) + rule.delayMinutes * MINUTE;
  if (now.getTime() - eventDue >= rule.expiryDays * DAY) {
    return skip(
      'stale',
      `event of ${event.occurredAt} is older than its delay plus the ${rule.expiryDays}-day expiry`,
    );
  }

  const contact = contactOf(event);
  const order = channelOrder(rule.channels, event.preferredChannel);
  const channelPlan = order.filter((c) => channelBlock(c, contact, consent) === undefined);
  const country = countryOfPhone(contact.phone);
  // The first send follows the delay, never goes out in the past, and respects quiet hours of the
  // channel that will be tried first (the dispatcher applies them again when it sends).
  const dueFor = (earliest: number): { dueAt: string; deferred: boolean } => {
    const first = channelPlan[0];
    const from = new Date(Math.max(earliest, now.getTime()));
    const allowed = first ? nextAllowedSendTime(from, first, event.customer.timeZone, config, country) : from;
    return { dueAt: allowed.toISOString(), deferred: allowed.getTime() > from.getTime() };
  };

  const pending = customer.pendingSurvey;
  const orderId = event.context.orderId;
  if (pending && orderId && pending.orderId === orderId && pending.touchpoint === touchpoint) {
    if (pending.status !== 'scheduled') {
      return skip(
        'duplicate',
        `survey ${pending.surveyId} about order ${orderId} is already ${pending.status}`,
      );
    }
    // The later report of the same fact wins (a carrier's "delivered" after the shop's "shipped").
    const dueAt = maxIso(pending.dueAt, dueFor(eventDue).dueAt);
    note(
      'same_order',
      dueAt === pending.dueAt ? 'unchanged' : 'rescheduled',
      `${event.source} event ${event.eventId} about order ${orderId}; due ${dueAt}`,
    );
    return { action: 'reschedule', surveyId: pending.surveyId, dueAt, decisions };
  }

  const draw = samplingDraw(event.eventId);
  if (draw >= rule.sampling) return skip('sampling', `draw ${draw.toFixed(4)} >= rate ${rule.sampling}`);
  note('sampling', 'included', `draw ${draw.toFixed(4)} < rate ${rule.sampling}`);

  if (channelPlan.length === 0) {
    const blocks = order.map((c) => `${c}: ${channelBlock(c, contact, consent)}`).join(', ');
    return order.some((c) => channelBlock(c, contact, consent) === 'no_consent')
      ? skip('no_consent', `no channel the customer allows (${blocks})`)
      : skip('no_contact', `no contact for any channel (${blocks})`);
  }
  const dropped = order.filter((c) => !channelPlan.includes(c));
  note(
    'channels',
    channelPlan.join('>'),
    [
      event.preferredChannel ? `preferred ${event.preferredChannel} first` : 'configured order',
      ...dropped.map((c) => `${c} dropped: ${channelBlock(c, contact, consent)}`),
    ].join('; '),
  );

  let waitForTickets: string[] | undefined;
  const { dueAt, deferred } = dueFor(eventDue);
  if (event.type === 'ticket_closed') {
    const others = (customer.openTicketIds ?? []).filter((id) => id !== event.context.ticketId);
    if (others.length > 0) {
      if (config.ticketSupersede === 'skip') {
        return skip('open_ticket', `other open tickets: ${others.join(', ')}`);
      }
      waitForTickets = others;
      note('open_ticket', 'deferred', `recheck at ${dueAt}; other open tickets: ${others.join(', ')}`);
    }
  }

  note('delay', new Date(eventDue).toISOString(), `${rule.delayMinutes} min after the event`);
  if (deferred) {
    note(
      'quiet_hours',
      'deferred',
      `${channelPlan[0]} allowed from ${dueAt}; window ${describeWindow(config, event.customer.timeZone, country)}`,
    );
  }

  let supersedes: string | undefined;
  const windowMs = config.fatigueWindowDays * DAY;
  const lastAt = customer.lastSurveyAt ?? pending?.dueAt;
  if (windowMs > 0 && lastAt && Math.abs(Date.parse(dueAt) - Date.parse(lastAt)) < windowMs) {
    const lastTouchpoint = customer.lastSurveyTouchpoint ?? pending?.touchpoint ?? 'another touchpoint';
    const lastPriority = pending?.priority ?? customer.lastSurveyPriority;
    if (pending?.status !== 'scheduled' || rule.priority <= pending.priority) {
      return skip(
        'fatigue',
        `${lastTouchpoint} survey due ${lastAt} is within ${config.fatigueWindowDays} days` +
          (lastPriority === undefined ? '' : ` (priority ${rule.priority} vs ${lastPriority})`),
      );
    }
    supersedes = pending.surveyId;
    note(
      'priority',
      'supersedes',
      `${touchpoint} (priority ${rule.priority}) replaces unsent ${pending.touchpoint} survey ${pending.surveyId} (priority ${pending.priority})`,
    );
  } else {
    note('fatigue', 'ok', `no survey within ${config.fatigueWindowDays} days`);
  }

  return {
    action: 'schedule',
    touchpoint,
    metric: rule.metric,
    followUp: rule.followUp,
    dueAt,
    expiresAt: new Date(Date.parse(dueAt) + rule.expiryDays * DAY).toISOString(),
    channelPlan,
    ...(event.customer.locale && { locale: event.customer.locale }),
    decisions,
    ...(supersedes && { supersedes }),
    ...(waitForTickets && { waitForTickets }),
  };
}

/** How long a ticket survey waiting for the customer's other tickets waits between re-checks. */
export const TICKET_RECHECK_MINUTES = 60;

/** What the dispatcher knows about a due survey. */
export interface DispatchCandidate {
  dueAt: string;
  expiresAt?: string;
  channelPlan: readonly Channel[];
  /** A channel already chosen (by a fallback or an earlier deferral); tried first. */
  channel?: Channel;
  timeZone?: string;
  phone?: string;
  email?: string;
  attempts?: ReadonlyArray<Pick<Attempt, 'channel' | 'status'>>;
  eventType?: string;
  context?: { ticketId?: string };
}

export type SendResolution =
  | { action: 'send'; channel: Channel }
  | { action: 'defer'; until: string; channel?: Channel; decision: Decision }
  | { action: 'skip'; reason: 'no_consent' | 'no_contact' | 'open_ticket'; decision: Decision };

const FAILED: ReadonlySet<Attempt['status']> = new Set(['failed', 'undelivered', 'no_answer', 'machine']);

/**
 * At dispatch time: send now on which channel, or defer until when. Quiet hours apply here again
 * (a survey planned for 19:58 may be dispatched at 20:01), with the customer's current consent and
 * the channels not yet failed. When the first channel's window opens only after the survey expires,
 * a channel that can go out in time (email) is used instead.
 */
export function resolveSendTime(input: {
  survey: DispatchCandidate;
  consent: ConsentState;
  config: TouchpointConfig;
  now: Date;
  /** The customer's open tickets, for ticket surveys planned with `waitForTickets`. */
  openTicketIds?: readonly string[];
}): SendResolution {
  const { survey, consent, config, now, openTicketIds } = input;
  const at = now.toISOString();
  if (Date.parse(survey.dueAt) > now.getTime()) {
    return {
      action: 'defer',
      until: survey.dueAt,
      decision: { at, rule: 'delay', outcome: 'not_due', detail: `due ${survey.dueAt}` },
    };
  }
  if (survey.eventType === 'ticket_closed' && openTicketIds) {
    const others = openTicketIds.filter((id) => id !== survey.context?.ticketId);
    if (others.length > 0) {
      const detail = `other open tickets: ${others.join(', ')}`;
      if (config.ticketSupersede === 'skip') {
        return {
          action: 'skip',
          reason: 'open_ticket',
          decision: { at, rule: 'open_ticket', outcome: 'skipped', detail },
        };
      }
      // On a whole minute, like every due time.
      const until = new Date(
        Math.floor((now.getTime() + TICKET_RECHECK_MINUTES * MINUTE) / MINUTE) * MINUTE,
      ).toISOString();
      return {
        action: 'defer',
        until,
        decision: { at, rule: 'open_ticket', outcome: 'deferred', detail: `recheck at ${until}; ${detail}` },
      };
    }
  }

  const contact: Contact = {
    ...(survey.phone && { phone: survey.phone }),
    ...(survey.email && { email: survey.email }),
  };
  const failed = new Set((survey.attempts ?? []).filter((a) => FAILED.has(a.status)).map((a) => a.channel));
  const order = [...new Set([...(survey.channel ? [survey.channel] : []), ...survey.channelPlan])].filter(
    (c) => !failed.has(c),
  );
  const usable = order.filter((c) => channelBlock(c, contact, consent) === undefined);
  if (usable.length === 0) {
    const blocks = order.map((c) => `${c}: ${channelBlock(c, contact, consent)}`).join(', ');
    const reason = order.some((c) => channelBlock(c, contact, consent) === 'no_consent')
      ? 'no_consent'
      : 'no_contact';
    return {
      action: 'skip',
      reason,
      decision: {
        at,
        rule: 'consent',
        outcome: 'skipped',
        detail: `no channel left (${blocks || 'all failed'})`,
      },
    };
  }

  const country = countryOfPhone(survey.phone);
  const expires = survey.expiresAt ? Date.parse(survey.expiresAt) : Number.POSITIVE_INFINITY;
  const timed = usable.map((channel) => ({
    channel,
    allowed: nextAllowedSendTime(now, channel, survey.timeZone, config, country),
  }));
  const [first] = timed;
  if (!first) throw new Error('unreachable: a usable channel without a send time');
  // Channel preference beats immediacy, unless waiting would outlive the survey.
  const pick =
    first.allowed.getTime() < expires ? first : (timed.find((t) => t.allowed.getTime() < expires) ?? first);
  if (pick.allowed.getTime() <= now.getTime()) return { action: 'send', channel: pick.channel };
  const until = pick.allowed.toISOString();
  return {
    action: 'defer',
    until,
    channel: pick.channel,
    decision: {
      at,
      rule: 'quiet_hours',
      outcome: 'deferred',
      detail: `${pick.channel} allowed from ${until}; window ${describeWindow(config, survey.timeZone, country)}`,
    },
  };
}
