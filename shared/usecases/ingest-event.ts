import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import type { StoredEvent } from '../adapters/dynamo/event-store.ts';
import type { ContactConsent, CustomerProfile } from '../adapters/dynamo/survey-store.ts';
import { computeDrivers } from '../domain/drivers.ts';
import { type ConsentState, type CustomerState, planSurvey } from '../domain/engine.ts';
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
 * 1. the event record means "fully processed": it is written in the same transaction as the survey
 *    it led to, or last when the event led to no new survey;
 * 2. the survey is created in one transaction with the customer's fatigue slot (an optimistic
 *    version check on each profile), so two concurrent events for one customer cannot both win and
 *    a crash never leaves a claim without its survey;
 * 3. the survey id is deterministic, so a re-run's create is a no-op.
 */
export async function ingestEvent(deps: Deps, received: CanonicalEvent): Promise<IngestResult> {
  const now = deps.clock.now();
  // Before the duplicate check: a ticket solved again after a reopen may repeat its event id, and the
  // newest report must still win (older ones are dropped by the store).
  await trackTicket(deps, received);
  // Most events are checked for a re-delivery in the same BatchGetItem that reads the planning
  // state; those that must first borrow the order's customer, and ticket reports, read it alone.
  const needsOrderCustomer =
    !received.customer.phone && !received.customer.email && !!received.context.orderId;
  if (received.type === 'ticket_opened' || needsOrderCustomer) {
    const existing = await deps.events.get(received.eventId);
    if (existing) return redelivery(existing);
  }
  if (received.type === 'ticket_opened') {
    await deps.events.put({
      eventId: received.eventId,
      receivedAt: now.toISOString(),
      event: received,
      surveyable: false,
      notSurveyableReason: 'ticket_opened: tracked as an open ticket',
    });
    return { eventId: received.eventId, duplicate: false, outcome: 'tracked' };
  }
  const event = needsOrderCustomer ? await withOrderCustomer(deps, received) : received;
  const touchpoint = event.touchpoint ?? event.type;
  const surveyId = surveyIdFor(touchpoint, event);
  const record = (result: IngestResult): StoredEvent => ({
    eventId: event.eventId,
    receivedAt: now.toISOString(),
    event,
    surveyable: result.outcome === 'scheduled' || result.outcome === 'rescheduled',
    ...(result.outcome !== 'scheduled' &&
      result.outcome !== 'rescheduled' && { notSurveyableReason: result.reason ?? result.outcome }),
    ...(result.surveyId && { surveyId: result.surveyId }),
    ...(result.outcome === 'duplicate' && { duplicateOf: result.surveyId }),
  });
  const decided = await decide(deps, event, touchpoint, surveyId, now, !needsOrderCustomer, record);
  if ('redelivered' in decided) return redelivery(decided.redelivered);
  const { recorded, ...result } = decided;
  if (!recorded) await deps.events.put(record(result));
  return result;
}

/** The answer to an event delivered again: what the first delivery decided. */
function redelivery(existing: StoredEvent): IngestResult {
  return {
    eventId: existing.eventId,
    duplicate: true,
    outcome: 'duplicate',
    ...(existing.surveyId && { surveyId: existing.surveyId }),
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
 * customer from the order's purchase event, which the same source delivered earlier.
 */
async function withOrderCustomer(deps: Deps, event: CanonicalEvent): Promise<CanonicalEvent> {
  if (event.customer.phone || event.customer.email || !event.context.orderId) return event;
  const order = await deps.events.get(`${event.source}:order:${event.context.orderId}`);
  if (!order) return event;
  const { customer } = order.event;
  return {
    ...event,
    customer: { ...customer, ...(customer.consent && { consent: customer.consent }) },
    context: {
      ...event.context,
      ...(order.event.context.orderCreatedAt && { orderCreatedAt: order.event.context.orderCreatedAt }),
    },
  };
}

/** A decision; `recorded` when the event record was written with the survey, in one transaction. */
type Decided = IngestResult & { recorded?: true };

async function decide(
  deps: Deps,
  event: CanonicalEvent,
  touchpoint: string,
  surveyId: string,
  now: Date,
  checkRedelivery: boolean,
  record: (result: IngestResult) => StoredEvent,
): Promise<Decided | { redelivered: StoredEvent }> {
  const base = { eventId: event.eventId, duplicate: false, surveyId };
  const identities = identitiesOf(event);
  const contacts = [event.customer.phone, event.customer.email].filter((c): c is string => Boolean(c));
  let state = await deps.surveys.planningState(
    identities,
    contacts,
    checkRedelivery ? { table: deps.events.table, key: deps.events.keyOf(event.eventId) } : undefined,
  );
  if (state.other) return { redelivered: deps.events.fromItem(state.other) };

  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) state = await deps.surveys.planningState(identities, contacts);
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
        record: deps.events.putRequest(record(skipped)),
      });
      if (created === 'recorded') return redeliveredNow(deps, event.eventId);
      if (created === 'exists') return alreadySurveyed(deps, event, touchpoint, surveyId, now);
      return created === 'created' ? { ...skipped, recorded: true } : skipped;
    }
    if (plan.action === 'reschedule') {
      return { ...base, surveyId: plan.surveyId, outcome: 'rescheduled', dueAt: plan.dueAt };
    }
    // One transaction: the survey, the fatigue slot on every identity of the customer (optimistic,
    // versioned), the retirement of the survey it supersedes, and the event record.
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
      record: deps.events.putRequest(record(scheduled)),
    });
    if (created === 'conflict') continue; // the customer changed meanwhile: decide again
    if (created === 'recorded') return redeliveredNow(deps, event.eventId);
    if (created === 'exists') return alreadySurveyed(deps, event, touchpoint, surveyId, now);
    return { ...scheduled, recorded: true };
  }
  throw new Error(`customer ${event.customer.id} kept changing while planning ${surveyId}`);
}

/**
 * The event's survey already exists: the same real-world fact reported again (a second carrier
 * report for the order, another source's copy). A survey that has not gone out yet follows the
 * later delivery report; there is never a second survey.
 */
async function alreadySurveyed(
  deps: Deps,
  event: CanonicalEvent,
  touchpoint: string,
  surveyId: string,
  now: Date,
): Promise<Decided> {
  const base = { eventId: event.eventId, surveyId };
  const already = await deps.surveys.get(surveyId);
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
      if (moved) return { ...base, duplicate: false, outcome: 'rescheduled', dueAt };
    }
  }
  return {
    ...base,
    duplicate: true,
    outcome: 'duplicate',
    reason: `same ${touchpoint} as survey ${surveyId}`,
  };
}

/** The same delivery finished while this one was deciding: answer with what it recorded. */
async function redeliveredNow(deps: Deps, eventId: string): Promise<{ redelivered: StoredEvent }> {
  const stored = await deps.events.get(eventId);
  if (!stored) throw new Error(`event ${eventId} was reported stored but cannot be read`);
  return { redelivered: stored };
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
    },
    ...driversOf(event),
  };
}
