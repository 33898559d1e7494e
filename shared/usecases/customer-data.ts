import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredEvent } from '../adapters/dynamo/event-store.ts';
import { scanTable } from '../adapters/dynamo/response-store.ts';
import type { ContactConsent, CustomerProfile } from '../adapters/dynamo/survey-store.ts';
import type { Survey, SurveyResponse } from '../domain/survey.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../runtime/deps.ts';
import { identitiesOfSurvey } from './ingest-event.ts';

/**
 * Data-subject requests: export everything Touchpoint holds about a customer, or erase it.
 * These are rare admin operations, so they scan (cost noted in the README) rather than keeping
 * extra indexes on every write.
 */
export interface CustomerData {
  identifiers: string[];
  surveys: Survey[];
  responses: SurveyResponse[];
  events: StoredEvent[];
  profiles: CustomerProfile[];
  consent: ContactConsent[];
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
  const events: StoredEvent[] = [];
  const values: Record<string, string> = {};
  [...ids].forEach((id, i) => {
    values[`:v${i}`] = id;
  });
  const list = Object.keys(values).join(', ');
  for await (const page of scanTable(deps.events.db, deps.events.table, {
    filter: {
      expression: `#e.#c.#id IN (${list}) OR #e.#c.#ph IN (${list}) OR #e.#c.#em IN (${list})`,
      names: { '#e': 'event', '#c': 'customer', '#id': 'id', '#ph': 'phone', '#em': 'email' },
      values,
    },
  })) {
    for (const raw of page) {
      const { pk: _pk, ttl: _ttl, ...e } = raw;
      events.push(e as unknown as StoredEvent);
    }
  }
  const contacts = [...ids].filter((id) => E164.test(id) || id.includes('@'));
  const profiles = (await Promise.all(contacts.map((c) => deps.surveys.getCustomer(c)))).filter(
    (p) => p.version > 0,
  );
  const consent = (await Promise.all(contacts.map((c) => deps.surveys.getConsent(c)))).filter(
    (c): c is ContactConsent => c !== undefined,
  );
  return { identifiers: [...ids], surveys: [...surveys.values()], responses, events, profiles, consent };
}

/**
 * Erases a customer's personal data everywhere. Responses are turned into tombstones (no score, no
 * comment, `erased: true`): the stream consumer sees the change and subtracts them from the scores.
 * Opt-out records are kept, keyed by the number/address, because honouring an opt-out requires
 * remembering it; they hold nothing else.
 */
export async function eraseCustomer(deps: Deps, ref: string): Promise<Record<string, number>> {
  const data = await findCustomerData(deps, ref);
  const now = deps.clock.now().toISOString();
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
          erasedAt: now,
          ttl: Math.floor(Date.now() / 1000) + 30 * 86_400,
        },
      }),
    );
  }
  for (const s of data.surveys) {
    // The ids leave the survey; remembered by hash only, so a replayed answer has no effect later.
    for (const id of s.inboundIds ?? []) await deps.surveys.recordInbound(id, deps.clock.now(), 'erased');
    await deps.surveys.db.send(
      new UpdateCommand({
        TableName: deps.surveys.table,
        Key: { pk: `SURVEY#${s.surveyId}`, sk: 'SURVEY' },
        UpdateExpression:
          'SET customerId = :p, erasedAt = :now REMOVE phone, email, customerName, consent, gsi2pk, gsi2sk, inboundIds, #ctx.#o, #ctx.#t, #ctx.#a, #ctx.#n',
        ExpressionAttributeNames: {
          '#ctx': 'context',
          '#o': 'orderId',
          '#t': 'ticketId',
          '#a': 'agent',
          '#n': 'trackingNumber',
        },
        ExpressionAttributeValues: { ':p': pseudonym, ':now': now },
      }),
    );
  }
  for (const e of data.events) {
    await deps.events.db.send(
      new DeleteCommand({ TableName: deps.events.table, Key: { pk: `EVENT#${e.eventId}` } }),
    );
  }
  for (const p of data.profiles) await deps.surveys.forgetCustomer(p.customerId);
  let tickets = 0;
  for (const identity of new Set([...data.identifiers, ...data.surveys.flatMap(identitiesOfSurvey)]))
    tickets += await deps.surveys.forgetTickets(identity);
  const alerts = await deps.aggregates.listAlerts({ limit: 1000 });
  const surveyIds = new Set(data.surveys.map((s) => s.surveyId));
  let scrubbed = 0;
  for (const a of alerts.filter((x) => surveyIds.has(x.surveyId))) {
    await deps.aggregates.db.send(
      new UpdateCommand({
        TableName: deps.aggregates.table,
        Key: { pk: 'ALERT', sk: a.alertId },
        UpdateExpression: 'SET customer = :c REMOVE #comment, orderId, ticketId',
        ExpressionAttributeNames: { '#comment': 'comment' },
        ExpressionAttributeValues: { ':c': { id: pseudonym } },
      }),
    );
    scrubbed++;
  }
  return {
    responses: data.responses.length,
    surveys: data.surveys.length,
    events: data.events.length,
    profiles: data.profiles.length,
    tickets,
    alerts: scrubbed,
    optOutRecordsKept: data.consent.filter((c) => c.smsOptedOut || c.emailSuppressed).length,
  };
}
