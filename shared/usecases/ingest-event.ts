import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import type { StoredEvent } from '../adapters/dynamo/event-store.ts';
import type { ContactConsent, CustomerProfile } from '../adapters/dynamo/survey-store.ts';
import { computeDrivers } from '../domain/drivers.ts';
import { type ConsentState, type CustomerState, planSurvey } from '../domain/engine.ts';
import { assertEventTime } from '../domain/event-time.ts';
import { languageOf } from '../domain/messages.ts';
import type { Survey } from '../domain/survey.ts';
import type { Deps } from '../runtime/deps.ts';
import { dedupeKeys } from '../sources/index.ts';

/** What happened to an incoming event. */
export interface IngestResult {
  eventId: string;
  duplicate: boolean;
  surveyId?: string;
  /** `scheduled`, `rescheduled`, `skipped`, `tracked` (a ticket's state, no survey), or why nothing was planned. */
  outcome: 'scheduled' | 'rescheduled' | 'skipped' | 'duplicate' | 'not_surveyable' | 'tracked';
  reason?: string;
  dueAt?: string;
}

/**
 * A survey's id is derived from the touchpoint and the real-world thing it is about (the order for
 * deliveries, else the event), so every re-delivery or second source of the same fact lands on the
 * same survey and a conditional put turns duplicates into no-ops.
 */
export function surveyIdFor(touchpoint: string, event: CanonicalEvent): string {
  const key = dedupeKeys(event)[0] ?? `event:${event.eventId}`;
  return `sv_${createHash('sha256').update(`${touchpoint}|${key}`).digest('base64url').slice(0, 22)}`;
}

/** The identities a customer is known by: phone and email, so fatigue works across sources. */
export function identitiesOf(event: CanonicalEvent): string[] {
  const ids = [event.customer.phone, event.customer.email?.toLowerCase()].filter((v): v is string =>
    Boolean(v),
  );
  return ids.length > 0 ? ids : [`${event.source}:${event.customer.id}`];
}

/** The same identities for a stored survey (its contact fields were copied from the event). */
export function identitiesOfSurvey(
  survey: Pick<Survey, 'phone' | 'email' | 'source' | 'customerId'>,
): string[] {
  const ids = [survey.phone, survey.email?.toLowerCase()].filter((v): v is string => Boolean(v));
  return ids.length > 0 ? ids : [`${survey.source}:${survey.customerId}`];
}

function consentOf(
  phone: ContactConsent | undefined,
  email: ContactConsent | undefined,
  event: CanonicalEvent,
): ConsentState {
  const given = event.customer.consent ?? {};
  return {
    smsOptedOut: Boolean(phone?.smsOptedOut) || given.sms === false,
    voiceOptedOut: Boolean(phone?.voiceOptedOut) || given.voice === false,
    ...((email?.emailSuppressed || given.email === false) && {
      emailSuppressed: email?.emailSuppressed ?? 'unsubscribed',
    }),
  };
}

/** The newest survey across all of the customer's identities, excluding this survey itself. */
function customerStateOf(profiles: CustomerProfile[], ownSurveyId: string): CustomerState {
  const latest = profiles
    .filter((p) => p.lastSurveyAt && p.lastSurveyId !== ownSurveyId)
    .sort((a, b) => String(b.lastSurveyAt).localeCompare(String(a.lastSurveyAt)))[0];
  if (!latest?.lastSurveyAt) return {};
  return {
    lastSurveyAt: latest.lastSurveyAt,
    ...(latest.lastSurveyPriority !== undefined && { lastSurveyPriority: latest.lastSurveyPriority }),
    ...(latest.lastSurveyTouchpoint && { lastSurveyTouchpoint: latest.lastSurveyTouchpoint }),
    ...(latest.lastSurveyId && { lastSurveyId: latest.lastSurveyId }),
  };
}

/**
 * Use case: an event arrived (already verified and normalized). Decide whether, when and how to
 * survey, record the decision, and never do it twice. Steps are ordered so that a crash at any
 * point followed by the source's retry converges on exactly one survey:
 * 1. the survey id is deterministic, so a re-delivery lands on the survey the first delivery
 *    created: the survey (scheduled or skipped) is the record of a surveyable event, and one that
 *    names this event id marks the delivery as a duplicate;
 * 2. the survey is created in one transaction with the customer's fatigue slot (an optimistic
 *    version check on each profile), so two concurrent events for one customer cannot both win and
 *    a crash never leaves a claim without its survey;
 * 3. an event that creates no survey (a ticket opened, a second report of a surveyed order) gets an
 *    event record, written last, which answers its re-deliveries.
 */
export async function ingestEvent(deps: Deps, received: CanonicalEvent): Promise<IngestResult> {
  const now = deps.clock.now();
  // Every source checks its own time field first; this holds for any caller (EventBridge too).
  assertEventTime(received.occurredAt, now, 'occurredAt');
  // Before the duplicate check: a ticket solved again after a reopen may repeat its event id, and the
  // newest report must still win (older ones are dropped by the store).
  await trackTicket(deps, received);
  if (received.type === 'ticket_opened') {
    // Tracked, never surveyed: the event record is all it leaves, and its condition spots a re-delivery.
    const recorded = await deps.events.put({
      eventId: received.eventId,
      receivedAt: now.toISOString(),
      event: received,
      surveyable: false,
      notSurveyableReason: 'ticket_opened: tracked as an open ticket',
    });
    return { eventId: received.eventId, duplicate: !recorded, outcome: recorded ? 'tracked' : 'duplicate' };
  }
  const event = await withOrderCustomer(deps, received);
  const touchpoint = event.touchpoint ?? event.type;
  const planning: Planning = { event, touchpoint, surveyId: surveyIdFor(touchpoint, event), now };
  const { needsRecord, ...result } = await decide(deps, planning);
  if (needsRecord) await deps.events.put(recordOf(event, now, result));
  return result;
}

/** The record of an event that created no survey: what was decided, for its re-deliveries. */
function recordOf(event: CanonicalEvent, now: Date, result: IngestResult): StoredEvent {
  return {
    eventId: event.eventId,
    receivedAt: now.toISOString(),
    event,
    surveyable: result.outcome === 'rescheduled',
    ...(result.outcome !== 'rescheduled' && { notSurveyableReason: result.reason ?? result.outcome }),
    ...(result.surveyId && { surveyId: result.surveyId }),
    ...(result.outcome === 'duplicate' && { duplicateOf: result.surveyId }),
  };
}

/** The key a ticket is tracked by: ticket ids are only unique within their source. */
export function ticketKeyOf(source: string, ticketId: string): string {
  return `${source}:${ticketId}`;
}

/** Ticket events keep the customer's open tickets current (see `ticketSupersede`). */
async function trackTicket(deps: Deps, event: CanonicalEvent): Promise<void> {
  const ticketId = event.context.ticketId;
  if (!ticketId || (event.type !== 'ticket_opened' && event.type !== 'ticket_closed')) return;
  const key = ticketKeyOf(event.source, ticketId);
  const at = new Date(event.occurredAt).toISOString();
  await Promise.all(
    identitiesOf(event).map((identity) =>
      deps.surveys.recordTicket(identity, key, event.type === 'ticket_opened', at),
    ),
  );
}

/**
 * Some platform events name the order but not the customer (Shopify fulfillment events): take the
 * customer from the survey of the order's purchase, which the same source delivered earlier (every
 * purchase with a contact leaves one, scheduled or skipped).
 */
async function withOrderCustomer(deps: Deps, event: CanonicalEvent): Promise<CanonicalEvent> {
  const { orderId } = event.context;
  if (event.customer.phone || event.customer.email || !orderId) return event;
  // Versions before 0.2 recorded every purchase as an event record (kept 90 days): it holds the
  // whole event, so it is still preferred where it exists.
  const legacy = await deps.events.get(`${event.source}:order:${orderId}`);
  if (legacy) return lendCustomer(event, legacy.event.customer, legacy.event.context.orderCreatedAt);
  const purchase = await deps.surveys.get(
    surveyIdFor('purchase', { ...event, type: 'purchase', context: { orderId } }),
    false,
  );
  if (purchase?.eventType !== 'purchase') return event;
  const customer: CanonicalEvent['customer'] = {
    id: purchase.customerId,
    ...(purchase.customerName && { name: purchase.customerName }),
    ...(purchase.phone && { phone: purchase.phone }),
    ...(purchase.email && { email: purchase.email }),
    ...(purchase.locale && { locale: purchase.locale }),
    ...(purchase.timeZone && { timeZone: purchase.timeZone }),
    ...(purchase.consent && { consent: purchase.consent }),
  };
  return lendCustomer(event, customer, purchase.context.orderCreatedAt);
}

function lendCustomer(
  event: CanonicalEvent,
  customer: CanonicalEvent['customer'],
  orderCreatedAt: string | undefined,
): CanonicalEvent {
  return {
    ...event,
    customer,
    context: { ...event.context, ...(orderCreatedAt && { orderCreatedAt }) },
  };
}

/** A decision; `needsRecord` when the event created no survey and so needs an event record. */
type Decided = IngestResult & { needsRecord: boolean };

/** The event being decided, the touchpoint it feeds and the survey id derived from both. */
interface Planning {
  event: CanonicalEvent;
  touchpoint: string;
  surveyId: string;
  now: Date;
}

async function decide(deps: Deps, planning: Planning): Promise<Decided> {
  const { event, touchpoint, surveyId, now } = planning;
  const base = { eventId: event.eventId, duplicate: false, surveyId };
  const identities = identitiesOf(event);
  const contacts = [event.customer.phone, event.customer.email].filter((c): c is string => Boolean(c));
  for (let attempt = 0; attempt < 5; attempt++) {
    const state = await deps.surveys.planningState(identities, contacts);
    const profiles = state.profiles;
    const phoneConsent = event.customer.phone ? state.consent.get(event.customer.phone) : undefined;
    const emailConsent = event.customer.email ? state.consent.get(event.customer.email) : undefined;
    const customer = customerStateOf(profiles, surveyId);
    if (event.type === 'ticket_closed') {
      const own = event.context.ticketId && ticketKeyOf(event.source, event.context.ticketId);
      const open = (await deps.surveys.openTickets(identities, now)).filter((key) => key !== own);
      if (open.length > 0) customer.openTicketIds = open;
    }
    if (customer.lastSurveyId) {
      // The last survey may not have gone out yet: then a higher-priority touchpoint can replace it.
      const last = await deps.surveys.get(customer.lastSurveyId, false);
      if (last?.status === 'scheduled') {
        customer.pendingSurvey = {
          surveyId: last.surveyId,
          touchpoint: last.touchpoint,
          priority: deps.config.touchpoints[last.touchpoint]?.priority ?? 0,
          dueAt: last.dueAt,
          status: last.status,
        };
      }
    }
    const plan = planSurvey({
      event,
      config: deps.config,
      customer,
      consent: consentOf(phoneConsent, emailConsent, event),
      now,
    });
    const survey = newSurvey(deps, event, touchpoint, surveyId, now);

    if (plan.action === 'skip') {
      const skipped: IngestResult = { ...base, outcome: 'skipped', reason: plan.reason };
      const created = await deps.surveys.createWithClaims({
        survey: { ...survey, status: 'skipped', skipReason: plan.reason, decisions: plan.decisions },
        claims: [],
      });
      if (created === 'exists') return alreadySurveyed(deps, planning);
      return { ...skipped, needsRecord: false };
    }
    if (plan.action === 'reschedule') {
      const rescheduled = { ...base, surveyId: plan.surveyId, dueAt: plan.dueAt };
      return { ...rescheduled, outcome: 'rescheduled', needsRecord: true };
    }
    // One transaction: the survey, the fatigue slot on every identity of the customer (optimistic,
    // versioned) and the retirement of the survey it supersedes.
    const scheduled: IngestResult = { ...base, outcome: 'scheduled', dueAt: plan.dueAt };
    const created = await deps.surveys.createWithClaims({
      survey: {
        ...survey,
        status: 'scheduled',
        metric: plan.metric,
        dueAt: plan.dueAt,
        expiresAt: plan.expiresAt,
        channelPlan: plan.channelPlan,
        decisions: plan.decisions,
      },
      claims: profiles.map((profile) => ({
        profile: {
          ...profile,
          lastSurveyId: surveyId,
          lastSurveyAt: plan.dueAt,
          lastSurveyPriority: deps.config.touchpoints[touchpoint]?.priority ?? 0,
          lastSurveyTouchpoint: touchpoint,
        },
        expectedVersion: profile.version,
      })),
      ...(plan.supersedes && {
        supersede: {
          surveyId: plan.supersedes,
          decision: {
            at: now.toISOString(),
            rule: 'fatigue',
            outcome: 'superseded',
            detail: `by ${touchpoint} survey ${surveyId}`,
          },
        },
      }),
    });
    if (created === 'conflict') continue; // the customer changed meanwhile: decide again
    if (created === 'exists') return alreadySurveyed(deps, planning);
    return { ...scheduled, needsRecord: false };
  }
  throw new Error(`customer ${event.customer.id} kept changing while planning ${surveyId}`);
}

/**
 * The event's survey already exists. Either this very event was delivered again (the survey names
 * it, or its own record exists): answer as the first delivery did and change nothing. Or the same
 * real-world fact was reported again (a second carrier report for the order, another source's
 * copy): a survey that has not gone out yet follows the later delivery report; there is never a
 * second survey.
 */
async function alreadySurveyed(deps: Deps, planning: Planning): Promise<Decided> {
  const { event, touchpoint, surveyId, now } = planning;
  const base = { eventId: event.eventId, surveyId };
  const already = await deps.surveys.get(surveyId);
  // This very event again: the survey names it, or (a second report) its record says it was handled,
  // and a reschedule must not be repeated over a report that came in between.
  if (already?.eventId === event.eventId || (await deps.events.get(event.eventId)))
    return { ...base, duplicate: true, outcome: 'duplicate', needsRecord: false };
  if (already?.status === 'scheduled' && event.type === 'delivery') {
    const rule = deps.config.touchpoints[touchpoint];
    const dueAt = new Date(Date.parse(event.occurredAt) + (rule?.delayMinutes ?? 0) * 60_000).toISOString();
    if (dueAt !== already.dueAt) {
      const moved = await deps.surveys.transition(
        surveyId,
        { status: 'scheduled', dueAt: already.dueAt },
        { dueAt, due: dueAt },
        {
          appendDecision: {
            at: now.toISOString(),
            rule: 'supersede',
            outcome: 'rescheduled',
            detail: `later ${event.source} delivery event ${event.eventId}`,
          },
        },
      );
      if (moved) return { ...base, duplicate: false, outcome: 'rescheduled', dueAt, needsRecord: true };
    }
  }
  return {
    ...base,
    duplicate: true,
    outcome: 'duplicate',
    reason: `same ${touchpoint} as survey ${surveyId}`,
    needsRecord: true,
  };
}

function driversOf(event: CanonicalEvent): { drivers?: Record<string, string> } {
  if (event.type === 'ticket_opened') return {};
  const drivers = computeDrivers(event.type, event.context, event.occurredAt);
  return Object.keys(drivers).length > 0 ? { drivers } : {};
}

function newSurvey(
  deps: Deps,
  event: CanonicalEvent,
  touchpoint: string,
  surveyId: string,
  now: Date,
): Survey {
  const rule = deps.config.touchpoints[touchpoint];
  const { customer, context } = event;
  return {
    surveyId,
    touchpoint,
    metric: rule?.metric ?? { kind: 'nps', min: 0, max: 10 },
    eventId: event.eventId,
    eventType: event.type,
    source: event.source,
    customerId: customer.id,
    ...(customer.name && { customerName: customer.name }),
    ...(customer.phone && { phone: customer.phone }),
    ...(customer.email && { email: customer.email.toLowerCase() }),
    ...(customer.locale && { locale: customer.locale }),
    language: languageOf(customer.locale),
    ...(customer.timeZone && { timeZone: customer.timeZone }),
    status: 'scheduled',
    createdAt: now.toISOString(),
    dueAt: now.toISOString(),
    expiresAt: now.toISOString(),
    channelPlan: [],
    attempts: [],
    decisions: [],
    followUp: rule?.followUp ?? false,
    context: {
      ...(context.orderId && { orderId: context.orderId }),
      ...(context.ticketId && { ticketId: context.ticketId }),
      ...(context.agent && { agent: context.agent }),
      ...(context.trackingNumber && { trackingNumber: context.trackingNumber }),
      ...(event.type === 'purchase' && context.orderCreatedAt && { orderCreatedAt: context.orderCreatedAt }),
    },
    ...(customer.consent && Object.keys(customer.consent).length > 0 && { consent: customer.consent }),
    ...driversOf(event),
  };
}
