import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredAlert } from '../adapters/dynamo/aggregate-store.ts';
import type { StoredEvent } from '../adapters/dynamo/event-store.ts';
import { scanTable } from '../adapters/dynamo/response-store.ts';
import type { ContactConsent, CustomerProfile } from '../adapters/dynamo/survey-store.ts';
import { ERASED_TOMBSTONE_DAYS, expiresAfter } from '../domain/retention.ts';
import type { Survey, SurveyResponse } from '../domain/survey.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../runtime/deps.ts';
import { identitiesOfSurvey } from './ingest-event.ts';

/**
 * Data-subject requests: export everything Touchpoint holds about a customer, or erase it.
 * These are rare admin operations, so they scan (cost noted in docs/security-privacy.md) rather
 * than keeping extra indexes on every write.
 */
export interface CustomerData {
  identifiers: string[];
  surveys: Survey[];
  responses: SurveyResponse[];
  events: StoredEvent[];
  profiles: CustomerProfile[];
  consent: ContactConsent[];
  alerts: StoredAlert[];
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function parseCustomerRef(ref: string): string {
  const value = ref.trim();
  if (!value)
    throw new ValidationError('customer: give a customer id, an E.164 phone number or an email address', 400);
  return value.includes('@') ? value.toLowerCase() : value;
}

export async function findCustomerData(deps: Deps, ref: string): Promise<CustomerData> {
  const ids = new Set<string>([parseCustomerRef(ref)]);
  const surveys = new Map<string, Survey>();
  // Two passes: a phone found on a survey found by email (or id) pulls in that phone's surveys too.
  for (let pass = 0; pass < 2; pass++) {
    const values: Record<string, string> = {};
    [...ids].forEach((id, i) => {
      values[`:v${i}`] = id;
    });
    const list = Object.keys(values).join(', ');
    for await (const page of scanTable(deps.surveys.db, deps.surveys.table, {
      filter: {
        expression: `begins_with(pk, :p) AND (customerId IN (${list}) OR phone IN (${list}) OR email IN (${list}))`,
        values: { ':p': 'SURVEY#', ...values },
      },
    })) {
      for (const raw of page) {
        const { pk: _a, sk: _b, gsi1pk: _c, gsi1sk: _d, gsi2pk: _e, gsi2sk: _f, ttl: _g, ...s } = raw;
        const survey = s as unknown as Survey;
        surveys.set(survey.surveyId, survey);
        for (const v of [survey.customerId, survey.phone, survey.email]) if (v) ids.add(v);
      }
    }
  }
  const responses = (await Promise.all([...surveys.keys()].map((id) => deps.responses.get(id)))).filter(
    (r): r is SurveyResponse => r !== undefined,
  );
  const events = await eventsAbout(deps, ids, [...surveys.values()]);
  // Fatigue profiles are kept per phone and email, or per `<source>:<customer id>` without either.
  const identities = new Set([
    ...[...ids].filter((id) => E164.test(id) || id.includes('@')),
    ...[...surveys.values()].flatMap(identitiesOfSurvey),
  ]);
  const profiles = (await Promise.all([...identities].map((c) => deps.surveys.getCustomer(c)))).filter(
    (p) => p.version > 0,
  );
  const contacts = [...identities].filter((id) => E164.test(id) || id.includes('@'));
  const consent = (await Promise.all(contacts.map((c) => deps.surveys.getConsent(c)))).filter(
    (c): c is ContactConsent => c !== undefined,
  );
  const alerts = await deps.aggregates.alertsOfSurveys(new Set(surveys.keys()));
  return {
    identifiers: [...ids],
    surveys: [...surveys.values()],
    responses,
    events,
    profiles,
    consent,
    alerts,
  };
}

/**
 * Event records that are about the customer: by their contact, or (events that name no customer,
 * such as a Shopify fulfillment) by one of the customer's surveys, orders or tickets. Matched in
 * code, not with a filter expression, so any number of orders and tickets works.
 */
async function eventsAbout(deps: Deps, ids: ReadonlySet<string>, surveys: Survey[]): Promise<StoredEvent[]> {
  const surveyIds = new Set(surveys.map((s) => s.surveyId));
  const orders = new Set(surveys.flatMap((s) => (s.context.orderId ? [s.context.orderId] : [])));
  const tickets = new Set(surveys.flatMap((s) => (s.context.ticketId ? [s.context.ticketId] : [])));
  const out: StoredEvent[] = [];
  for await (const page of scanTable(deps.events.db, deps.events.table)) {
    for (const raw of page) {
      const { pk: _pk, ttl: _ttl, ...e } = raw;
      const stored = e as unknown as StoredEvent;
      const customer = stored.event?.customer;
      const context = stored.event?.context ?? {};
      const about =
        [customer?.id, customer?.phone, customer?.email?.toLowerCase()].some((v) => v && ids.has(v)) ||
        (stored.surveyId !== undefined && surveyIds.has(stored.surveyId)) ||
        (context.orderId !== undefined && orders.has(context.orderId)) ||
        (context.ticketId !== undefined && tickets.has(context.ticketId));
      if (about) out.push(stored);
    }
  }
  return out;
}

/**
 * Erases a customer's personal data everywhere. What is left afterwards is only what has to be
 * kept: opt-out records (keyed by the number or address, because honouring an opt-out requires
 * remembering it; they hold nothing else), pseudonymous survey shells and answer tombstones (no
 * contact, no text, no ids from the customer's systems) so the scores stay consistent. Answers
 * become tombstones (no score, no comment, `erased: true`): the stream consumer sees the change and
 * subtracts them from the scores.
 */
export async function eraseCustomer(deps: Deps, ref: string): Promise<Record<string, number>> {
  const data = await findCustomerData(deps, ref);
  const now = deps.clock.now();
  const pseudonym = `erased:${createHash('sha256').update(data.identifiers.sort().join('|')).digest('hex').slice(0, 16)}`;
  for (const r of data.responses) {
    await deps.responses.db.send(
      new PutCommand({
        TableName: deps.responses.table,
        Item: {
          surveyId: r.surveyId,
          touchpoint: r.touchpoint,
          metric: r.metric,
          score: null,
          channel: r.channel,
          customerId: pseudonym,
          answeredAt: r.answeredAt,
          erased: true,
          erasedAt: now.toISOString(),
          ttl: expiresAfter(now, ERASED_TOMBSTONE_DAYS),
        },
      }),
    );
  }
  for (const s of data.surveys) {
    // The ids leave the survey; remembered by hash only, so a replayed answer has no effect later.
    for (const id of s.inboundIds ?? []) await deps.surveys.recordInbound(id, now, 'erased');
    await eraseSurvey(deps, s, pseudonym, now);
  }
  for (const e of data.events) {
    await deps.events.db.send(
      new DeleteCommand({ TableName: deps.events.table, Key: { pk: `EVENT#${e.eventId}` } }),
    );
  }
  for (const p of data.profiles) await deps.surveys.forgetCustomer(p.customerId);
  // An opt-out must be remembered to be honoured; any other consent record goes.
  for (const c of data.consent) await deps.surveys.forgetConsentUnlessRefused(c.contact);
  let tickets = 0;
  for (const identity of new Set([...data.identifiers, ...data.surveys.flatMap(identitiesOfSurvey)]))
    tickets += await deps.surveys.forgetTickets(identity);
  const closedLoop = await deps.aggregates.forgetSurveys(new Set(data.surveys.map((s) => s.surveyId)));
  return {
    responses: data.responses.length,
    surveys: data.surveys.length,
    events: data.events.length,
    profiles: data.profiles.length,
    tickets,
    alerts: closedLoop.alerts,
    followUps: closedLoop.followUps,
    optOutRecordsKept: data.consent.filter((c) => c.smsOptedOut || c.voiceOptedOut || c.emailSuppressed)
      .length,
  };
}

/**
 * Leaves a pseudonymous shell of the survey (touchpoint, status, times, channel and outcome
 * codes): contacts, name, time zone and locale go, and so does everything that can carry an id
 * from the customer's systems or the provider's: the event id (it often embeds a ticket or order
 * number), the context, decision texts (they name tickets and events), provider message ids and
 * error texts of attempts. A survey still waiting to be sent is skipped as `erased`.
 */
async function eraseSurvey(deps: Deps, s: Survey, pseudonym: string, now: Date): Promise<void> {
  await deps.surveys.db.send(
    new UpdateCommand({
      TableName: deps.surveys.table,
      Key: { pk: `SURVEY#${s.surveyId}`, sk: 'SURVEY' },
      UpdateExpression:
        'SET customerId = :p, erasedAt = :now, eventId = :erased, decisions = :decisions, attempts = :attempts, #ctx = :empty ' +
        'REMOVE phone, email, customerName, #tz, locale, consent, inboundIds, gsi2pk, gsi2sk',
      ExpressionAttributeNames: { '#ctx': 'context', '#tz': 'timeZone' },
      ExpressionAttributeValues: {
        ':p': pseudonym,
        ':now': now.toISOString(),
        ':erased': 'erased',
        ':decisions': (s.decisions ?? []).map(({ at, rule, outcome }) => ({ at, rule, outcome })),
        ':attempts': (s.attempts ?? []).map(({ channel, at, status }) => ({ channel, at, status })),
        ':empty': {},
      },
    }),
  );
  if (s.status !== 'scheduled') return;
  try {
    await deps.surveys.db.send(
      new UpdateCommand({
        TableName: deps.surveys.table,
        Key: { pk: `SURVEY#${s.surveyId}`, sk: 'SURVEY' },
        UpdateExpression: 'SET #status = :skipped, skipReason = :erased REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':skipped': 'skipped', ':erased': 'erased', ':scheduled': 'scheduled' },
      }),
    );
  } catch (error) {
    // Sent meanwhile: the shell above is all there is to do.
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}
