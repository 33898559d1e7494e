import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent } from '../../local/simulator.ts';
import { dueSortKey } from '../../shared/adapters/dynamo/survey-store.ts';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import type { Survey } from '../../shared/domain/survey.ts';
import { dispatchDue, MAX_DISPATCH_ERRORS, RateBudget } from '../../shared/usecases/dispatch.ts';
import { ADMIN_TOKEN, startTestRuntime } from '../support/runtime.ts';

/**
 * Issue 17.1: one bad survey must not stop the dispatcher. Surveys the code of today cannot write
 * (a year-10000 due time, an item at DynamoDB's 400 KB limit, a record that makes processing throw)
 * are put straight into the table, as data from an older version or a bug would be.
 */
const SECRET = 'local-generic-webhook-secret';
const START = new Date('2026-03-10T14:00:00Z');

describe('the dispatcher against surveys it cannot process', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: START });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  let n = 0;
  /** A scheduled email survey (no quiet hours) due at `dueAt`, as the store holds it. */
  function survey(dueAt: string, patch: Partial<Survey> = {}): Survey {
    n++;
    return {
      surveyId: `sv_hard_${n}`,
      touchpoint: 'ticket_closed',
      metric: DEFAULT_METRICS.csat,
      eventId: `hard-${n}`,
      eventType: 'ticket_closed',
      source: 'crm',
      customerId: `hard-${n}`,
      email: `hard-${n}@example.com`,
      language: 'en',
      status: 'scheduled',
      createdAt: START.toISOString(),
      dueAt,
      expiresAt: '2026-03-20T14:00:00.000Z',
      channelPlan: ['email'],
      attempts: [],
      decisions: [],
      followUp: false,
      context: {},
      ...patch,
    };
  }
  /** Writes the item as it is, with the due-index key `key` (the old writer's format by default). */
  async function putRaw(s: Record<string, unknown>, key = `${String(s.dueAt)}#${String(s.surveyId)}`) {
    await rt.deps.surveys.db.send(
      new PutCommand({
        TableName: rt.deps.surveys.table,
        Item: { ...s, pk: `SURVEY#${String(s.surveyId)}`, sk: 'SURVEY', gsi1pk: 'DUE', gsi1sk: key },
      }),
    );
  }
  async function raw(surveyId: string): Promise<Record<string, unknown>> {
    const out = await rt.deps.surveys.db.send(
      new GetCommand({ TableName: rt.deps.surveys.table, Key: { pk: `SURVEY#${surveyId}`, sk: 'SURVEY' } }),
    );
    return out.Item ?? {};
  }
  const sentTo = (surveyId: string) => rt.sandbox.outbox().filter((e) => e.surveyId === surveyId).length;

  it('orders due-index keys correctly for every time a Date can hold', () => {
    const times = [
      -8.64e15,
      Date.parse('-000001-06-01T00:00:00Z'),
      Date.parse('0000-01-01T00:00:00Z'),
      Date.parse('1970-01-01T00:00:00Z'),
      START.getTime(),
      Date.parse('9999-12-31T23:59:59.999Z'),
      Date.parse('+010000-01-01T00:59:59Z'),
      8.64e15,
    ];
    const keys = times.map((t) => dueSortKey(new Date(t).toISOString(), 'sv_x'));
    for (let i = 1; i < keys.length; i++)
      expect((keys[i - 1] as string) <= (keys[i] as string), `${keys[i - 1]} <= ${keys[i]}`).toBe(true);
    expect(dueSortKey(START.toISOString(), 'sv_x')).toBe(`${START.toISOString()}#sv_x`);
  });

  it('never picks up a survey due in year 10000, and one still keyed the old way is re-keyed once, with no decision', async () => {
    const far = survey('+010000-01-01T00:59:59.000Z');
    await rt.deps.surveys.create(far);
    const legacy = survey('+010000-01-01T00:59:59.000Z');
    await putRaw(legacy as unknown as Record<string, unknown>);
    const real = survey(START.toISOString());
    await rt.deps.surveys.create(real);

    await rt.tick();
    await rt.tick();
    expect(sentTo(real.surveyId)).toBe(1);
    expect(sentTo(far.surveyId) + sentTo(legacy.surveyId)).toBe(0);
    for (const id of [far.surveyId, legacy.surveyId]) {
      const item = await raw(id);
      expect(item.decisions, id).toEqual([]);
      expect(String(item.gsi1sk) > '9999-12-31', id).toBe(true);
    }
  });

  it('reaches the real survey behind more than a page of surveys that are not due, reading each once', async () => {
    const blockers = Array.from({ length: 12 }, () => survey('+010000-01-01T00:59:59.000Z'));
    for (const b of blockers)
      await putRaw(b as unknown as Record<string, unknown>, `0000-01-01#${b.surveyId}`);
    const real = survey(rt.clock.now().toISOString());
    await rt.deps.surveys.create(real);
    const report = await dispatchDue(rt.deps, new RateBudget(rt.deps.config.rateLimits), { batch: 5 });
    expect(sentTo(real.surveyId)).toBe(1);
    expect(report.examined).toBeLessThanOrEqual(blockers.length + 1);
  });

  it('bounds the decisions and attempts kept on a survey however often it changes', async () => {
    const s = survey(rt.clock.now().toISOString(), { status: 'sent' });
    await rt.deps.surveys.create(s);
    for (let i = 0; i < 120; i++) {
      const moved = await rt.deps.surveys.transition(
        s.surveyId,
        { status: 'sent' },
        {},
        {
          appendDecision: { at: `t${i}`, rule: 'open_ticket', outcome: 'deferred', detail: 'x'.repeat(5000) },
          appendAttempt: { channel: 'email', at: `t${i}`, status: 'queued', error: 'y'.repeat(5000) },
        },
      );
      expect(moved, `append ${i}`).toBeDefined();
    }
    const stored = (await rt.deps.surveys.get(s.surveyId)) as Survey;
    expect(stored.decisions.length).toBeLessThanOrEqual(50);
    expect(stored.attempts.length).toBeLessThanOrEqual(30);
    // The first entries (why it was planned) and the newest are kept; the drop is counted.
    expect(stored.decisions[0]?.at).toBe('t0');
    expect(stored.decisions.at(-1)?.at).toBe('t119');
    expect(stored.decisionsDropped).toBe(120 - stored.decisions.length);
    expect(JSON.stringify(stored).length).toBeLessThan(60_000);
  });

  it('keeps the tick going past an item at the 400 KB limit, then sends it after shrinking its history', async () => {
    const now = rt.clock.now().toISOString();
    const huge = survey(now, {
      decisions: [{ at: now, rule: 'legacy', outcome: 'deferred', detail: '' }],
    }) as unknown as Record<string, unknown>;
    // The largest item DynamoDB accepts (found by bisection): any write that adds to it fails.
    const sized = (len: number) => ({
      ...huge,
      decisions: [{ at: now, rule: 'legacy', outcome: 'deferred', detail: 'd'.repeat(len) }],
    });
    let [fits, tooBig] = [400_000, 409_600];
    while (tooBig - fits > 1) {
      const mid = Math.floor((fits + tooBig) / 2);
      try {
        await putRaw(sized(mid));
        fits = mid;
      } catch {
        tooBig = mid;
      }
    }
    await putRaw(sized(fits));
    const after = survey(now);
    await rt.deps.surveys.create(after);

    const first = await rt.tick();
    expect(sentTo(after.surveyId)).toBe(1);
    expect(first.errors).toBe(1);
    await rt.advance({ advanceSeconds: 3600 });
    expect(sentTo(String(huge.surveyId))).toBe(1);
    expect(JSON.stringify(await raw(String(huge.surveyId))).length).toBeLessThan(60_000);
  });

  it('parks a survey that fails every time, with its reason, lists it for admins and can requeue it', async () => {
    const now = rt.clock.now().toISOString();
    const { metric: _missing, ...broken } = survey(now);
    await putRaw(broken as unknown as Record<string, unknown>, dueSortKey(now, broken.surveyId));
    const fine = survey(now);
    await rt.deps.surveys.create(fine);

    let parked = 0;
    let errors = 0;
    for (let i = 0; i < MAX_DISPATCH_ERRORS + 2; i++) {
      const { dispatch } = await rt.advance({ advanceSeconds: 3600 });
      parked += dispatch.parked;
      errors += dispatch.errors;
    }
    expect(sentTo(fine.surveyId)).toBe(1);
    expect(parked).toBe(1);
    expect(errors).toBe(MAX_DISPATCH_ERRORS - 1);
    const item = await raw(broken.surveyId);
    expect(item.parked).toMatchObject({ status: 'scheduled', reason: expect.stringContaining('TypeError') });

    const list = await fetch(`${rt.url}/api/surveys/parked`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: Array<{ surveyId: string; reason: string }> };
    expect(body.items.map((i) => i.surveyId)).toEqual([broken.surveyId]);

    // Fixed (here: the missing metric restored), then put back in the queue by an admin.
    await rt.deps.surveys.db.send(
      new PutCommand({
        TableName: rt.deps.surveys.table,
        Item: { ...item, metric: DEFAULT_METRICS.csat },
      }),
    );
    const requeue = await fetch(`${rt.url}/api/surveys/requeue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ surveyIds: [broken.surveyId, 'sv_not_parked'] }),
    });
    expect(requeue.status).toBe(200);
    expect(await requeue.json()).toEqual({ requeued: [broken.surveyId], notParked: ['sv_not_parked'] });
    await rt.tick();
    expect(sentTo(broken.surveyId)).toBe(1);
    expect((await raw(broken.surveyId)).parked).toBeUndefined();
  });

  it('answers a signed event dated in year 9999 with a 422 and stores nothing', async () => {
    const res = await sendEvent(
      rt.url,
      {
        eventId: 'hard-9999',
        type: 'purchase',
        occurredAt: '9999-12-31T23:59:59Z',
        source: 'crm',
        customer: { id: 'h9', email: 'h9@example.com' },
      },
      SECRET,
      rt.clock.now(),
    );
    expect(res.status).toBe(422);
    expect((res.json as { error: string }).error).toContain('occurredAt');
  });
});
