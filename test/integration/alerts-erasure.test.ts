import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { clickRatingLink, newMessageSid, ratingLinksOf, sendEvent, sendSms } from '../../local/simulator.ts';
import { scanTable } from '../../shared/adapters/dynamo/response-store.ts';
import { RAW_RETENTION_DAYS } from '../../shared/domain/retention.ts';
import { summarize } from '../../shared/domain/scoring.ts';
import { surveyIdFor } from '../../shared/usecases/ingest-event.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

const SECRET = 'local-generic-webhook-secret';
const TWILIO = 'local-twilio-auth-token';
const DAY = 86_400;

/** Ada is erased; Bob and Cy are the control group (their data must stay). */
const ADA = {
  id: 'crm-ada-77',
  name: 'Ada Example',
  phone: '+12015550131',
  email: 'ada.example@example.com',
  timeZone: 'America/Chicago',
  ticket: 'TCK-ADA-9',
  comment: 'Left at the blue back door',
};

type Alert = { alertId: string; surveyId: string; answeredAt: string; customer?: { name?: string } };

const adminGet = async (rt: LocalRuntime, path: string) => {
  const res = await fetch(`${rt.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.json();
};

/** A delivery event (NPS, due at once) whose order id makes survey ids sort against answer time. */
function delivery(rt: LocalRuntime, eventId: string, customer: Record<string, unknown>, orderId: string) {
  return {
    eventId,
    type: 'delivery' as const,
    occurredAt: new Date(rt.clock.now().getTime() - DAY * 1000).toISOString(),
    source: 'crm',
    customer: { timeZone: 'America/New_York', ...customer },
    context: { orderId },
  };
}

/** The first order id from `ORD-<who>-<n>` whose survey id sorts below `below` (or any, without). */
function orderSortingBelow(rt: LocalRuntime, who: string, below?: string): string {
  for (let n = 0; ; n++) {
    const orderId = `ORD-${who}-${n}`;
    const id = surveyIdFor('delivery', delivery(rt, 'x', { id: 'x' }, orderId) as never);
    if (!below || id < below) return orderId;
  }
}

describe('detractor alerts and customer erasure', () => {
  let rt: LocalRuntime;
  const ids: Record<'ada' | 'bob' | 'cy', string> = { ada: '', bob: '', cy: '' };
  const adaProviderIds: string[] = [];

  async function answeredBySms(
    who: keyof typeof ids,
    event: ReturnType<typeof delivery>,
    ...replies: string[]
  ) {
    const res = await sendEvent(rt.url, event, SECRET, rt.clock.now());
    expect(res.status).toBe(200);
    ids[who] = (res.json as { surveyId: string }).surveyId;
    await rt.advance({ advanceSeconds: 60 });
    for (const body of replies) {
      const sid = newMessageSid();
      if (who === 'ada') adaProviderIds.push(sid);
      await sendSms(
        rt.url,
        { from: String((event.customer as { phone?: string }).phone), to: OUR_NUMBER, body, messageSid: sid },
        TWILIO,
      );
    }
    await rt.drainStreams();
  }

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
    // Survey ids sort the other way round from answer times: Ada (first) > Bob > Cy (last).
    const adaOrder = orderSortingBelow(rt, 'ADA');
    const bobOrder = orderSortingBelow(
      rt,
      'BOB',
      surveyIdFor('delivery', delivery(rt, 'x', { id: 'x' }, adaOrder) as never),
    );
    const cyOrder = orderSortingBelow(
      rt,
      'CY',
      surveyIdFor('delivery', delivery(rt, 'x', { id: 'x' }, bobOrder) as never),
    );

    await answeredBySms(
      'ada',
      delivery(
        rt,
        `evt-ada-${ADA.ticket}`,
        { id: ADA.id, name: ADA.name, phone: ADA.phone, email: ADA.email, timeZone: ADA.timeZone },
        adaOrder,
      ),
      '3',
      ADA.comment,
    );
    // Her support ticket: opened (an event record and an open-ticket record), then solved (a survey
    // skipped for fatigue, whose decisions name the other survey).
    for (const [status, type] of [
      ['open', 'ticket_opened'],
      ['solved', 'ticket_closed'],
    ] as const) {
      const res = await sendEvent(
        rt.url,
        {
          eventId: `zd-${ADA.ticket}-${status}`,
          type,
          occurredAt: rt.clock.now().toISOString(),
          source: 'zendesk',
          customer: { id: ADA.id, name: ADA.name, email: ADA.email, timeZone: ADA.timeZone },
          context: { ticketId: ADA.ticket, agent: 'Alex' },
        },
        SECRET,
        rt.clock.now(),
      );
      expect(res.status).toBe(200);
    }
    await rt.advance({ advanceSeconds: 600 });
    await answeredBySms(
      'bob',
      delivery(rt, 'evt-bob', { id: 'crm-bob', name: 'Bob Control', phone: '+12015550132' }, bobOrder),
      '2',
    );
    await rt.advance({ advanceSeconds: 600 });
    await answeredBySms(
      'cy',
      delivery(rt, 'evt-cy', { id: 'crm-cy', name: 'Cy Control', phone: '+12015550133' }, cyOrder),
      '1',
    );
    // Ada opts out of SMS: the one record the law requires us to keep.
    await sendSms(rt.url, { from: ADA.phone, to: OUR_NUMBER, body: 'STOP' }, TWILIO);
    const ada = await rt.deps.surveys.get(ids.ada);
    for (const a of ada?.attempts ?? []) if (a.providerMessageId) adaProviderIds.push(a.providerMessageId);
    expect(adaProviderIds.length).toBeGreaterThan(2);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('lists alerts newest first by answer time, not by survey id', async () => {
    const { items } = (await adminGet(rt, '/api/alerts?limit=10')) as { items: Alert[] };
    expect(items.map((a) => a.surveyId)).toEqual([ids.cy, ids.bob, ids.ada]);
    expect([ids.ada, ids.bob, ids.cy]).toEqual([ids.ada, ids.bob, ids.cy].sort().reverse());
  });

  it('keeps an alert as long as the raw answer, and a fatigue profile as long as its surveys (TTL)', async () => {
    const { items } = (await adminGet(rt, '/api/alerts?limit=10')) as { items: Alert[] };
    const bob = items.find((a) => a.surveyId === ids.bob);
    const alert = await rt.deps.aggregates.db.send(
      new GetCommand({ TableName: rt.deps.aggregates.table, Key: { pk: 'ALERT', sk: bob?.alertId } }),
    );
    const response = await rt.deps.responses.get(ids.bob);
    expect(alert.Item?.ttl).toBe(
      Math.floor(Date.parse(String(response?.answeredAt)) / 1000) + RAW_RETENTION_DAYS * DAY,
    );

    const profile = await rt.deps.surveys.db.send(
      new GetCommand({
        TableName: rt.deps.surveys.customersTable,
        Key: { pk: 'CUSTOMER#+12015550132', sk: 'PROFILE' },
      }),
    );
    expect(profile.Item?.lastSurveyId).toBe(ids.bob);
    expect(profile.Item?.ttl).toBe(
      Math.floor(Date.parse(String(profile.Item?.lastSurveyAt)) / 1000) + RAW_RETENTION_DAYS * DAY,
    );
  });

  it('publishes a minimal alert to SNS by default: no name, contact, comment, order or ticket', async () => {
    const published = rt.sandbox.outbox().filter((m) => m.channel === 'alert' && m.text?.includes(ids.ada));
    expect(published).toHaveLength(1);
    const message = JSON.parse(String(published[0]?.text));
    expect(message).toMatchObject({
      surveyId: ids.ada,
      touchpoint: 'delivery',
      score: 3,
      detail: 'minimal',
      link: `${rt.url}/#alerts-section`,
    });
    for (const secret of [ADA.name, ADA.phone, ADA.email, ADA.id, ADA.comment, 'ORD-ADA'])
      expect(published[0]?.text, secret).not.toContain(secret);
  });

  it('erases every alert of the customer, however many alerts there are, and everything that identifies her', async () => {
    // 1,100 older-format alerts of other surveys that sort before hers (an erase used to look at 1,000).
    for (let i = 0; i < 1100; i += 25) {
      await rt.deps.aggregates.db.send(
        new BatchWriteCommand({
          RequestItems: {
            [rt.deps.aggregates.table]: Array.from({ length: 25 }, (_, j) => ({
              PutRequest: {
                Item: {
                  pk: 'ALERT',
                  sk: `sv_zzzz${String(i + j).padStart(5, '0')}#detractor`,
                  alertId: `sv_zzzz${String(i + j).padStart(5, '0')}#detractor`,
                  surveyId: `sv_zzzz${String(i + j).padStart(5, '0')}`,
                  answeredAt: '2026-01-01T00:00:00.000Z',
                  state: 'sent',
                },
              },
            })),
          },
        }),
      );
    }
    const res = await fetch(`${rt.url}/api/customers/erase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: ADA.phone }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { erased: unknown }).erased).toMatchObject({
      alerts: 1,
      optOutRecordsKept: 1,
    });
    await rt.drainStreams();

    const identifying = [
      ADA.name,
      ADA.phone.slice(2),
      ADA.email,
      ADA.id,
      ADA.ticket,
      'ORD-ADA',
      ADA.comment,
      ADA.timeZone,
      'evt-ada',
      ...adaProviderIds,
    ];
    const tables = {
      Events: rt.deps.events.table,
      Surveys: rt.deps.surveys.table,
      Customers: rt.deps.surveys.customersTable,
      Responses: rt.deps.responses.table,
      Aggregates: rt.deps.aggregates.table,
    };
    const found: string[] = [];
    let controlSeen = 0;
    for (const [name, table] of Object.entries(tables)) {
      for await (const page of scanTable(rt.deps.surveys.db, table)) {
        for (const item of page) {
          const text = JSON.stringify(item);
          if (text.includes('Bob Control')) controlSeen++;
          const hits = identifying.filter((token) => text.includes(token));
          if (hits.length) found.push(`${name} ${String(item.pk ?? item.surveyId)}: ${hits.join(', ')}`);
        }
      }
    }
    // The opt-out (STOP) record, kept by law, holds the number and nothing else about her.
    expect(found).toEqual([`Customers CONTACT#${ADA.phone}: ${ADA.phone.slice(2)}`]);
    const consent = await rt.deps.surveys.getConsent(ADA.phone);
    expect(Object.keys(consent ?? {}).sort()).toEqual([
      'contact',
      // When her STOP was sent (provider time): orders later keywords; names no one.
      'smsKeywordAt',
      'smsOptedOut',
      'updatedAt',
      'voiceOptedOut',
    ]);
    // The scan saw the other customers' data, which erasure left alone.
    expect(controlSeen).toBeGreaterThan(0);
    const { items } = (await adminGet(rt, '/api/alerts?limit=5')) as { items: Alert[] };
    expect(items.map((a) => a.surveyId)).toEqual([
      ids.cy,
      ids.bob,
      'sv_zzzz01099',
      'sv_zzzz01098',
      'sv_zzzz01097',
    ]);
  });
});

describe('a customer who changes their answer back and forth by email', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  /** An email survey sent to `email`, and its rating links (index = score). */
  async function ratingLinks(email: string): Promise<{ surveyId: string; links: string[] }> {
    const res = await sendEvent(
      rt.url,
      delivery(rt, `evt-${email}`, { id: email, email }, `ORD-${email}`),
      SECRET,
      rt.clock.now(),
    );
    const surveyId = (res.json as { surveyId: string }).surveyId;
    await rt.advance({ advanceSeconds: 60 });
    const mail = rt.sandbox.outbox().find((m) => m.surveyId === surveyId && m.channel === 'email');
    return { surveyId, links: ratingLinksOf(mail?.html ?? '') };
  }

  const click = async (link: string | undefined) =>
    expect((await clickRatingLink(link ?? '')).confirm?.status).toBe(204);

  /** The survey's answer as the aggregates count it now. */
  async function counted(): Promise<Record<string, number>> {
    const all = await rt.deps.aggregates.get('delivery', 'ALL');
    return summarize(all ?? {}, { kind: 'nps', min: 0, max: 10 }).distribution;
  }

  it('keeps the scores moving when they become a detractor again (3, 9, 2), batch by batch', async () => {
    const { surveyId, links } = await ratingLinks('dee@example.com');
    for (const score of [3, 9, 2]) {
      await click(links[score]);
      await rt.drainStreams();
    }
    expect(await counted()).toMatchObject({ '2': 1, '3': 0, '9': 0 });
    const { items } = (await adminGet(rt, '/api/alerts?limit=10')) as { items: Alert[] };
    expect(items.filter((a) => a.surveyId === surveyId).length).toBeGreaterThanOrEqual(1);
  });

  it('and when all three changes arrive in one stream batch', async () => {
    const { links } = await ratingLinks('eve@example.com');
    for (const score of [3, 9, 1]) await click(links[score]);
    await rt.drainStreams();
    expect(await counted()).toMatchObject({ '1': 1, '2': 1, '3': 0, '9': 0 });
  });

  it('re-publishes, once, an alert whose publish failed', async () => {
    const phone = '+12015550139';
    const res = await sendEvent(
      rt.url,
      delivery(rt, 'evt-fay', { id: 'crm-fay', phone }, 'ORD-FAY-1'),
      SECRET,
      rt.clock.now(),
    );
    const surveyId = (res.json as { surveyId: string }).surveyId;
    await rt.advance({ advanceSeconds: 60 });
    rt.sandbox.faults = { transientRate: 1, statuses: [503] };
    await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: '2' }, TWILIO);
    await rt.drainStreams();
    rt.sandbox.faults = { transientRate: 0, statuses: [503] };
    const published = () =>
      rt.sandbox.outbox().filter((m) => m.channel === 'alert' && m.text?.includes(surveyId));
    expect(published()).toHaveLength(0);

    await rt.advance({ advanceSeconds: 120 });
    await rt.advance({ advanceSeconds: 120 });
    expect(published()).toHaveLength(1);
    const { items } = (await adminGet(rt, '/api/alerts?limit=10')) as {
      items: Array<Alert & { state: string }>;
    };
    expect(items.find((a) => a.surveyId === surveyId)?.state).toBe('sent');
  });
});
