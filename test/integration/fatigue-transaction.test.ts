import {
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent } from '../../local/simulator.ts';
import { CapacityMeter, probeTransactionalWriteScale } from '../../shared/adapters/dynamo/usage.ts';
import { plainTableInput } from '../../shared/infra/create-tables.ts';
import { startTestRuntime, storedFor } from '../support/runtime.ts';

/**
 * Fatigue and priority against real DynamoDB Local: the survey, the customer's fatigue slot on each
 * identity and the retirement of a superseded survey are one transaction, so concurrent events for
 * one customer produce exactly one survey, and a higher-priority touchpoint replaces an unsent one.
 */
const SECRET = 'local-generic-webhook-secret';

const event = (n: number, type: string, phone: string, email: string) => ({
  eventId: `fatigue-${type}-${n}-${phone}`,
  type,
  occurredAt: '2026-03-10T13:30:00Z',
  source: 'crm',
  customer: { id: `c-${phone}`, phone, email, timeZone: 'America/New_York' },
  context: { orderId: `F-${n}-${phone}` },
});

describe('fatigue claims and survey creation are one transaction', () => {
  let rt: LocalRuntime;
  const meter = new CapacityMeter();
  beforeAll(async () => {
    rt = await startTestRuntime({ meter });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('writes a scheduled survey and both fatigue claims in one transaction, the survey recording the event', async () => {
    const deliver = () =>
      sendEvent(
        rt.url,
        event(1, 'purchase', '+12015550170', 'one.write@example.com'),
        SECRET,
        rt.clock.now(),
      );
    meter.reset();
    const res = await deliver();
    expect(res.json).toMatchObject({ outcome: 'scheduled', duplicate: false });
    expect({ requests: meter.writeRequests, items: meter.writeItems }).toEqual({ requests: 1, items: 3 });
    const surveyId = (res.json as { surveyId: string }).surveyId;
    const stored = await storedFor(rt, 'fatigue-purchase-1-+12015550170');
    expect(stored.record).toBeUndefined();
    expect(stored.surveys.map((s) => [s.surveyId, s.status])).toEqual([[surveyId, 'scheduled']]);
    const claims = await Promise.all(
      ['+12015550170', 'one.write@example.com'].map((id) => rt.deps.surveys.getCustomer(id)),
    );
    // The same delivery again finds the survey that names it: the create is cancelled by the
    // survey's condition, so it is answered as a duplicate and nothing is written.
    meter.reset();
    const again = await deliver();
    expect(again.json).toMatchObject({ outcome: 'duplicate', duplicate: true, surveyId });
    expect(meter.writeRequests).toBe(0);
    expect(await storedFor(rt, 'fatigue-purchase-1-+12015550170')).toEqual(stored);
    expect(
      await Promise.all(
        ['+12015550170', 'one.write@example.com'].map((id) => rt.deps.surveys.getCustomer(id)),
      ),
    ).toEqual(claims);
  });

  it('answers another event about an already surveyed order as a duplicate and changes no claim', async () => {
    const phone = '+12015550175';
    const email = 'same.fact@example.com';
    const first = await sendEvent(rt.url, event(3, 'purchase', phone, email), SECRET, rt.clock.now());
    expect(first.json).toMatchObject({ outcome: 'scheduled' });
    const surveyId = (first.json as { surveyId: string }).surveyId;
    const before = await Promise.all([phone, email].map((id) => rt.deps.surveys.getCustomer(id)));
    // Another source's copy of the same order: a new event id, the same survey id.
    const copy = { ...event(3, 'purchase', phone, email), eventId: 'crm-copy-of-order-F-3' };
    const again = await sendEvent(rt.url, copy, SECRET, rt.clock.now());
    expect(again.json).toMatchObject({ outcome: 'duplicate', duplicate: true, surveyId });
    expect(String((again.json as { reason?: string }).reason)).toContain(surveyId);
    // The cancelled transaction left the claims as they were and the survey as the first event wrote it.
    expect(await Promise.all([phone, email].map((id) => rt.deps.surveys.getCustomer(id)))).toEqual(before);
    expect((await rt.deps.surveys.get(surveyId))?.eventId).toBe('fatigue-purchase-3-+12015550175');
    expect(await rt.deps.events.get('crm-copy-of-order-F-3')).toMatchObject({
      surveyable: false,
      duplicateOf: surveyId,
    });
    // Its re-delivery is answered the same way and changes nothing.
    const twice = await sendEvent(rt.url, copy, SECRET, rt.clock.now());
    expect(twice.json).toMatchObject({ outcome: 'duplicate', duplicate: true, surveyId });
    expect(await Promise.all([phone, email].map((id) => rt.deps.surveys.getCustomer(id)))).toEqual(before);
  });

  it('writes a skipped survey as its one item, and its re-delivery writes nothing', async () => {
    const anonymous = {
      ...event(7, 'purchase', '+12015550177', 'x@example.com'),
      customer: { id: 'anon-7' },
    };
    meter.reset();
    const res = await sendEvent(rt.url, anonymous, SECRET, rt.clock.now());
    expect(res.json).toMatchObject({ outcome: 'skipped', reason: 'no_contact', duplicate: false });
    expect({ requests: meter.writeRequests, items: meter.writeItems }).toEqual({ requests: 1, items: 1 });
    const stored = await storedFor(rt, anonymous.eventId);
    expect(stored.surveys.map((s) => s.status)).toEqual(['skipped']);
    meter.reset();
    const again = await sendEvent(rt.url, anonymous, SECRET, rt.clock.now());
    expect(again.json).toMatchObject({
      outcome: 'duplicate',
      duplicate: true,
      surveyId: (res.json as { surveyId: string }).surveyId,
    });
    expect(meter.writeRequests).toBe(0);
    expect(await storedFor(rt, anonymous.eventId)).toEqual(stored);
  });

  it('lets a re-delivered second report of a delivery change nothing, even after a third report', async () => {
    const first = event(6, 'delivery', '+12015550176', 'three.reports@example.com');
    const created = await sendEvent(rt.url, first, SECRET, rt.clock.now());
    expect(created.json).toMatchObject({ outcome: 'scheduled' });
    const surveyId = (created.json as { surveyId: string }).surveyId;
    const report = (eventId: string, occurredAt: string) => ({
      ...first,
      eventId,
      source: 'carrier',
      occurredAt,
    });
    const second = report('carrier-report-2', '2026-03-10T15:00:00Z');
    const third = report('carrier-report-3', '2026-03-10T16:00:00Z');
    expect((await sendEvent(rt.url, second, SECRET, rt.clock.now())).json).toMatchObject({
      outcome: 'rescheduled',
      surveyId,
    });
    expect((await sendEvent(rt.url, third, SECRET, rt.clock.now())).json).toMatchObject({
      outcome: 'rescheduled',
      surveyId,
    });
    const after = await rt.deps.surveys.get(surveyId);
    // The second report again: answered from its record, the third report's schedule stands.
    const again = await sendEvent(rt.url, second, SECRET, rt.clock.now());
    expect(again.json).toMatchObject({ outcome: 'duplicate', duplicate: true, surveyId });
    expect(await rt.deps.surveys.get(surveyId)).toEqual(after);
    expect(after?.decisions.filter((d) => d.outcome === 'rescheduled')).toHaveLength(2);
  });

  it('meters transactional writes at the rate AWS bills once the store is probed', async () => {
    // DynamoDB Local 2.x reports 4 units for a small transactional write, 3.x and AWS 2.
    const probe = await probeTransactionalWriteScale(rt.dynamo);
    expect([2, 4]).toContain(probe.reportedUnits);
    const table = `meter-check-${Date.now()}`;
    await rt.dynamo.send(new CreateTableCommand(plainTableInput(table)));
    const scaled = new CapacityMeter();
    scaled.transactionalWriteScale = probe.scale;
    const tx = await rt.dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: { S: 'a' }, note: { S: 'x'.repeat(1500) } } } },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    scaled.record(tx.ConsumedCapacity, 'write', 1, true);
    const put = await rt.dynamo.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: 'c' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    scaled.record(put.ConsumedCapacity, 'write');
    // A 1.5 KB item in a transaction is 2 KB at 2 units each; a small plain put is 1.
    expect(scaled.writeUnits).toBe(5);
    expect(scaled.writeItems).toBe(2);
  });

  it('keeps the claims in the Customers table, so the Surveys stream carries surveys only', async () => {
    const phone = '+12015550174';
    const res = await sendEvent(
      rt.url,
      event(1, 'purchase', phone, 'split.tables@example.com'),
      SECRET,
      rt.clock.now(),
    );
    const surveyId = (res.json as { surveyId: string }).surveyId;
    const item = async (table: string, pk: string, sk: string) =>
      (await rt.dynamo.send(new GetItemCommand({ TableName: table, Key: marshall({ pk, sk }) }))).Item;

    // The phone identity's claim points at the new survey, in Customers and nowhere else.
    expect(await rt.deps.surveys.getCustomer(phone)).toMatchObject({ lastSurveyId: surveyId, version: 1 });
    expect(await item(rt.deps.surveys.customersTable, `CUSTOMER#${phone}`, 'PROFILE')).toBeDefined();
    expect(await item(rt.deps.surveys.table, `CUSTOMER#${phone}`, 'PROFILE')).toBeUndefined();

    // Every record on the Surveys stream so far (this file's events and claims) is a survey.
    const { Table } = await rt.dynamo.send(new DescribeTableCommand({ TableName: rt.deps.surveys.table }));
    const streams = new DynamoDBStreamsClient({
      endpoint: rt.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: Table?.LatestStreamArn }),
    );
    const keys: string[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: Table?.LatestStreamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      let iterator = ShardIterator;
      for (let page = 0; iterator && page < 50; page++) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        keys.push(...(out.Records ?? []).map((r) => String(r.dynamodb?.Keys?.pk?.S)));
        if ((out.Records ?? []).length === 0) break;
        iterator = out.NextShardIterator;
      }
    }
    expect(keys).toContain(`SURVEY#${surveyId}`);
    expect(keys.filter((k) => !k.startsWith('SURVEY#'))).toEqual([]);
  });

  it('schedules exactly one survey when eight purchases of one customer arrive at once', async () => {
    const phone = '+12015550171';
    const email = 'ana.fatigue@example.com';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        sendEvent(rt.url, event(n, 'purchase', phone, email), SECRET, rt.clock.now()),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const outcomes = results.map((r) => (r.json as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'scheduled')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(7);
    const winner = results.find((r) => (r.json as { outcome: string }).outcome === 'scheduled');
    const winnerId = (winner?.json as { surveyId?: string } | undefined)?.surveyId;
    expect(winnerId).toBeDefined();
    // Both identities point at the one survey that exists.
    for (const identity of [phone, email]) {
      const profile = await rt.deps.surveys.getCustomer(identity);
      expect(profile.lastSurveyId).toBe(winnerId);
    }
    expect((await rt.deps.surveys.get(winnerId ?? ''))?.status).toBe('scheduled');
  });

  it('replaces an unsent lower-priority survey with a higher-priority one, atomically', async () => {
    const phone = '+12015550172';
    const email = 'ben.fatigue@example.com';
    const purchase = await sendEvent(rt.url, event(1, 'purchase', phone, email), SECRET, rt.clock.now());
    expect(purchase.json).toMatchObject({ outcome: 'scheduled' });
    const delivery = await sendEvent(rt.url, event(1, 'delivery', phone, email), SECRET, rt.clock.now());
    expect(delivery.json).toMatchObject({ outcome: 'scheduled' });
    const old = await rt.deps.surveys.get((purchase.json as { surveyId: string }).surveyId);
    expect(old?.status).toBe('skipped');
    expect(old?.skipReason).toBe('superseded_by_priority');
    expect(old?.decisions.at(-1)).toMatchObject({ rule: 'fatigue', outcome: 'superseded' });
    const newId = (delivery.json as { surveyId: string }).surveyId;
    expect((await rt.deps.surveys.getCustomer(email)).lastSurveyId).toBe(newId);
    // The retired survey left the due index: moving past both due times sends only the delivery survey.
    await rt.advance({ advanceSeconds: 2 * 86_400 });
    const sent = rt.sandbox.outbox().filter((m) => m.to === phone);
    expect(sent.map((m) => m.surveyId)).toEqual([newId]);
  });

  it('does not replace a survey that already went out, even for a higher priority', async () => {
    const phone = '+12015550173';
    const email = 'cy.fatigue@example.com';
    const purchase = await sendEvent(rt.url, event(2, 'purchase', phone, email), SECRET, rt.clock.now());
    await rt.advance({ advanceSeconds: 3 * 3600 });
    expect((await rt.deps.surveys.get((purchase.json as { surveyId: string }).surveyId))?.status).toBe(
      'sent',
    );
    const delivery = await sendEvent(rt.url, event(2, 'delivery', phone, email), SECRET, rt.clock.now());
    expect(delivery.json).toMatchObject({ outcome: 'skipped', reason: 'fatigue' });
  });
});
