import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/migrate-customers.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { startTestRuntime } from '../support/runtime.ts';

/**
 * Upgrading data written before the Customers table existed, when profiles, tickets and consent
 * lived in the Surveys table: the runtime moves them at start (and `touchpoint migrate-customers`
 * does it for a deployed stack). Newer state in Customers is never overwritten; an old opt-out is
 * never lost.
 */
const prefix = `mig${Date.now().toString(36)}`;
const A = '+12015550175';
const B = '+12015550176';
const C = '+12015550177';
const D = '+12015550178';

describe('moving customer state out of the Surveys table', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ tablePrefix: prefix });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const put = (table: string, item: Record<string, unknown>) =>
    rt.dynamo.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
  const get = async (table: string, pk: string, sk: string) => {
    const out = await rt.dynamo.send(new GetItemCommand({ TableName: table, Key: marshall({ pk, sk }) }));
    return out.Item ? unmarshall(out.Item) : undefined;
  };
  const legacyLeft = async () =>
    (await rt.dynamo.send(new ScanCommand({ TableName: rt.deps.surveys.table }))).Items?.map(
      (i) => unmarshall(i).pk as string,
    ).filter((pk) => !pk.startsWith('SURVEY#')) ?? [];

  it('moves old items, keeps newer ones, merges consent flags, and is a no-op the second time', async () => {
    const surveys = rt.deps.surveys.table;
    const customers = rt.deps.surveys.customersTable;
    // Written by the old version, in the Surveys table:
    await put(surveys, {
      pk: `CUSTOMER#${A}`,
      sk: 'PROFILE',
      customerId: A,
      lastSurveyId: 'sv_old_a',
      version: 2,
    });
    await put(surveys, {
      pk: `CUSTOMER#${D}`,
      sk: 'PROFILE',
      customerId: D,
      lastSurveyId: 'sv_old_d',
      version: 1,
    });
    await put(surveys, {
      pk: `CONTACT#${B}`,
      sk: 'CONSENT',
      contact: B,
      smsOptedOut: true,
      updatedAt: '2026-03-01T00:00:00Z',
    });
    await put(surveys, {
      pk: `CONTACT#${C}`,
      sk: 'CONSENT',
      contact: C,
      smsOptedOut: true,
      updatedAt: '2026-03-01T00:00:00Z',
    });
    await put(surveys, {
      pk: `CUSTOMER#${A}`,
      sk: 'TICKET#zendesk:1',
      ticket: 'zendesk:1',
      open: true,
      at: '2026-03-01T10:00:00Z',
    });
    // Written since the upgrade, in Customers: a newer claim for D, a bounce for B, START for C, a
    // newer "solved" for the ticket.
    await put(customers, {
      pk: `CUSTOMER#${D}`,
      sk: 'PROFILE',
      customerId: D,
      lastSurveyId: 'sv_new_d',
      version: 3,
    });
    await put(customers, {
      pk: `CONTACT#${B}`,
      sk: 'CONSENT',
      contact: B,
      emailSuppressed: 'bounced',
      updatedAt: '2026-03-09T00:00:00Z',
    });
    await put(customers, {
      pk: `CONTACT#${C}`,
      sk: 'CONSENT',
      contact: C,
      smsOptedOut: false,
      updatedAt: '2026-03-09T00:00:00Z',
    });
    await put(customers, {
      pk: `CUSTOMER#${A}`,
      sk: 'TICKET#zendesk:1',
      ticket: 'zendesk:1',
      open: false,
      at: '2026-03-05T10:00:00Z',
    });

    expect(await rt.deps.surveys.moveLegacyCustomerState()).toEqual({
      moved: 1,
      merged: 2,
      kept: 2,
      complete: true,
    });

    expect(await rt.deps.surveys.getCustomer(A)).toMatchObject({ lastSurveyId: 'sv_old_a', version: 2 });
    expect(await rt.deps.surveys.getCustomer(D)).toMatchObject({ lastSurveyId: 'sv_new_d', version: 3 });
    // The old opt-out survives next to the newer bounce; a newer START is not undone.
    expect(await rt.deps.surveys.getConsent(B)).toMatchObject({
      smsOptedOut: true,
      emailSuppressed: 'bounced',
    });
    expect((await rt.deps.surveys.getConsent(C))?.smsOptedOut).toBe(false);
    expect(await get(customers, `CUSTOMER#${A}`, 'TICKET#zendesk:1')).toMatchObject({ open: false });
    expect(await legacyLeft()).toEqual([]);

    expect(await rt.deps.surveys.moveLegacyCustomerState()).toEqual({
      moved: 0,
      merged: 0,
      kept: 0,
      complete: true,
    });
  });

  it('runs at deploy (the trigger function): stops before the timeout, goes on next time, then only reads its marker', async () => {
    const surveys = rt.deps.surveys.table;
    const contacts = Array.from({ length: 30 }, (_, i) => `+1201555${String(100 + i).padStart(4, '0')}`);
    for (const [i, contact] of contacts.entries())
      await put(surveys, {
        pk: `CONTACT#${contact}`,
        sk: 'CONSENT',
        contact,
        smsOptedOut: i % 2 === 0,
        updatedAt: '2026-03-01T00:00:00Z',
      });
    // Pages of 5 items per segment, so the first run stops with most of the 30 still to move.
    const handler = createHandler(rt.deps.surveys, () => rt.clock.now(), 5);
    // Lambda says its time is nearly up: the run stops after its first scan pages and marks nothing.
    const first = await handler({}, { getRemainingTimeInMillis: () => 1_000 });
    expect(first.complete).toBe(false);
    expect(first.moved).toBeGreaterThan(0);
    expect(first.moved).toBeLessThan(contacts.length);
    expect(await rt.deps.surveys.legacyCustomerStateMoved()).toBe(false);

    const second = await handler({}, { getRemainingTimeInMillis: () => 600_000 });
    expect(second).toMatchObject({ complete: true });
    expect(first.moved + second.moved).toBe(contacts.length);
    expect(await legacyLeft()).toEqual([]);
    for (const [i, contact] of contacts.entries())
      expect((await rt.deps.surveys.getConsent(contact))?.smsOptedOut).toBe(i % 2 === 0);
    expect(await rt.deps.surveys.legacyCustomerStateMoved()).toBe(true);

    // Every later deploy that changes the function: one read of the marker, no scan.
    const later = await handler({}, { getRemainingTimeInMillis: () => 600_000 });
    expect(later).toEqual({ moved: 0, merged: 0, kept: 0, complete: true, alreadyDone: true });
  });

  it('moves state left in the Surveys table when the runtime starts on the same tables', async () => {
    const E = '+12015550179';
    await put(rt.deps.surveys.table, {
      pk: `CONTACT#${E}`,
      sk: 'CONSENT',
      contact: E,
      smsOptedOut: true,
      updatedAt: '2026-03-01T00:00:00Z',
    });
    await rt.stop();
    rt = await startTestRuntime({ tablePrefix: prefix });

    expect((await rt.deps.surveys.getConsent(E))?.smsOptedOut).toBe(true);
    expect(await legacyLeft()).toEqual([]);
  });
});
