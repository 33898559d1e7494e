import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import { instantOf, localTime } from './local-time.ts';
import type { Channel, Decision, MetricDefinition, SurveyStatus } from './model.ts';
import type { TouchpointConfig } from './touchpoints.ts';

/**
 * The survey engine's rules: whether, when and on which channels a customer is asked. Pure: the
 * caller passes the customer's state, consent and the time. Every decision is returned with its
 * reason so it can be stored on the survey.
 */
export interface CustomerState {
  lastSurveyAt?: string;
  lastSurveyPriority?: number;
  lastSurveyTouchpoint?: string;
  lastSurveyId?: string;
  /** The last survey, when it has not been sent yet (it can still be superseded). */
  pendingSurvey?: {
    surveyId: string;
    touchpoint: string;
    priority: number;
    dueAt: string;
    status: SurveyStatus;
  };
  /** Tickets of this customer still open (a ticket_closed survey waits for them or is skipped). */
  openTicketIds?: string[];
}

export interface ConsentState {
  smsOptedOut?: boolean;
  voiceOptedOut?: boolean;
  emailSuppressed?: 'unsubscribed' | 'bounced' | 'complaint';
}

export type SkipReason =
  | 'fatigue'
  | 'sampling'
  | 'no_consent'
  | 'no_contact'
  | 'open_ticket'
  | 'not_configured';

export type SurveyPlan =
  | {
      action: 'schedule';
      touchpoint: string;
      metric: MetricDefinition;
      dueAt: string;
      expiresAt: string;
      channelPlan: Channel[];
      decisions: Decision[];
      supersedes?: string;
    }
  | { action: 'reschedule'; surveyId: string; dueAt: string; decisions: Decision[] }
  | { action: 'skip'; touchpoint: string; reason: SkipReason; decisions: Decision[] };

/** A stable number in [0, 1) from the event id: a re-delivered event gets the same sampling decision. */
export function samplingDraw(eventId: string): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) / 2 ** 32;
}

function channelAllowed(
  channel: Channel,
  contact: { phone?: string; email?: string },
  consent: ConsentState,
): boolean {
  if (channel === 'email') return Boolean(contact.email) && !consent.emailSuppressed;
  if (channel === 'sms') return Boolean(contact.phone) && !consent.smsOptedOut;
  return Boolean(contact.phone) && !consent.voiceOptedOut;
}

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
  const rule = config.touchpoints[touchpoint];
  const decisions: Decision[] = [];
  const skip = (reason: SkipReason, detail: string): SurveyPlan => {
    decisions.push({ at, rule: reason, outcome: 'skipped', detail });
    return { action: 'skip', touchpoint, reason, decisions };
  };
  if (!rule) return skip('not_configured', `no touchpoint "${touchpoint}" in touchpoints.config.json`);

  const draw = samplingDraw(event.eventId);
  if (draw >= rule.sampling)
    return skip('sampling', `draw ${draw.toFixed(3)} >= sampling rate ${rule.sampling}`);
  decisions.push({ at, rule: 'sampling', outcome: 'included', detail: `rate ${rule.sampling}` });

  const contact = {
    ...(event.customer.phone && { phone: event.customer.phone }),
    ...(event.customer.email && { email: event.customer.email }),
  };
  if (!contact.phone && !contact.email)
    return skip('no_contact', 'the event has no phone number or email address');
  const preferred = event.preferredChannel;
  const order: Channel[] = preferred
    ? [preferred, ...rule.channels.filter((c) => c !== preferred)]
    : [...rule.channels];
  const channelPlan = order.filter((c) => channelAllowed(c, contact, consent));
  if (channelPlan.length === 0) {
    const reachable = order.some((c) => channelAllowed(c, contact, {}));
    return reachable
      ? skip('no_consent', `opted out or suppressed on every configured channel (${order.join(', ')})`)
      : skip('no_contact', `no contact for any configured channel (${order.join(', ')})`);
  }
  decisions.push({
    at,
    rule: 'channels',
    outcome: channelPlan.join('>'),
    detail: preferred ? `preferred ${preferred} first` : 'configured order',
  });

  if (touchpoint === 'ticket_closed' || event.type === 'ticket_closed') {
    const others = (customer.openTicketIds ?? []).filter((id) => id !== event.context.ticketId);
    if (others.length > 0) {
      if (config.ticketSupersede === 'skip')
        return skip('open_ticket', `customer has other open tickets: ${others.join(', ')}`);
      decisions.push({
        at,
        rule: 'open_ticket',
        outcome: 'wait',
        detail: `re-checked when due; open: ${others.join(', ')}`,
      });
    }
  }

  const dueAt = new Date(Date.parse(event.occurredAt) + rule.delayMinutes * 60_000);
  const due = dueAt.getTime() < now.getTime() ? now : dueAt;
  const windowMs = config.fatigueWindowDays * 86_400_000;
  let supersedes: string | undefined;
  if (
    customer.lastSurveyAt &&
    windowMs > 0 &&
    Math.abs(due.getTime() - Date.parse(customer.lastSurveyAt)) < windowMs
  ) {
    const pending = customer.pendingSurvey;
    const canSupersede = pending && pending.status === 'scheduled' && rule.priority > pending.priority;
    if (!canSupersede) {
      return skip(
        'fatigue',
        `already surveyed (${customer.lastSurveyTouchpoint ?? 'a touchpoint'}) at ${customer.lastSurveyAt}; window ${config.fatigueWindowDays} days`,
      );
    }
    supersedes = pending.surveyId;
    decisions.push({
      at,
      rule: 'fatigue',
      outcome: 'supersedes',
      detail: `priority ${rule.priority} beats ${pending.touchpoint} (${pending.priority})`,
    });
  } else {
    decisions.push({
      at,
      rule: 'fatigue',
      outcome: 'ok',
      detail: `no survey in the last ${config.fatigueWindowDays} days`,
    });
  }
  decisions.push({
    at,
    rule: 'delay',
    outcome: due.toISOString(),
    detail: `${rule.delayMinutes} min after the event`,
  });
  return {
    action: 'schedule',
    touchpoint,
    metric: rule.metric,
    dueAt: due.toISOString(),
    expiresAt: new Date(due.getTime() + rule.expiryDays * 86_400_000).toISOString(),
    channelPlan,
    decisions,
    ...(supersedes && { supersedes }),
  };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The sending window for a zone: the most specific override (zone, zone prefix, country) or the default. */
export function sendingWindow(
  config: TouchpointConfig,
  timeZone: string,
  country?: string,
): { start: string; end: string } {
  const overrides = config.quietHours.overrides;
  const byZone = Object.keys(overrides)
    .filter(
      (k) => k.includes('/') && (timeZone === k || timeZone.startsWith(`${k}/`) || timeZone.startsWith(k)),
    )
    .sort((a, b) => b.length - a.length)[0];
  const chosen =
    (byZone ? overrides[byZone] : undefined) ?? (country ? overrides[country.toUpperCase()] : undefined);
  return chosen ?? { start: config.quietHours.start, end: config.quietHours.end };
}

/**
 * The earliest instant at or after `at` when `channel` may reach the customer: email any time;
 * SMS and voice only inside the local sending window (default 09:00-20:00), else the next
 * allowed minute — deferred, never dropped.
 */
export function nextAllowedSendTime(
  at: Date,
  channel: Channel,
  timeZone: string | undefined,
  config: TouchpointConfig,
  country?: string,
): Date {
  if (channel === 'email') return at;
  const zone = timeZone ?? config.defaultTimeZone;
  const window = sendingWindow(config, zone, country);
  const start = minutes(window.start);
  const end = minutes(window.end);
  const local = localTime(at, zone);
  const now = local.hour * 60 + local.minute;
  const inside = start <= end ? now >= start && now < end : now >= start || now < end;
  if (inside) return at;
  // Next opening: today if we are before the start, else tomorrow (calendar arithmetic in UTC on the local date).
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (now >= start ? 1 : 0)));
  return instantOf(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: Math.floor(start / 60),
      minute: start % 60,
    },
    zone,
  );
}

export type FailureKind = 'failed' | 'undelivered' | 'landline' | 'no_answer' | 'busy' | 'machine';

/**
 * Channel fallback after a failed attempt: undeliverable SMS (or a landline) -> email; an
 * unanswered, busy or voicemail call -> SMS; then whatever is left of the plan. Never a channel
 * already tried, never one the customer opted out of or has no contact for.
 */
export function nextChannel(input: {
  channelPlan: Channel[];
  tried: Channel[];
  failure: FailureKind;
  contact: { phone?: string; email?: string };
  consent: ConsentState;
}): Channel | undefined {
  const { channelPlan, tried, failure, contact, consent } = input;
  const last = tried[tried.length - 1];
  const preferred: Channel[] = [];
  if (last === 'voice' && ['no_answer', 'busy', 'machine', 'failed'].includes(failure)) preferred.push('sms');
  if (last === 'sms' && ['failed', 'undelivered', 'landline'].includes(failure)) preferred.push('email');
  const smsImpossible = failure === 'landline';
  for (const channel of [...preferred, ...channelPlan]) {
    if (tried.includes(channel)) continue;
    if (smsImpossible && channel === 'sms') continue;
    if (channelAllowed(channel, contact, consent)) return channel;
  }
  return undefined;
}
