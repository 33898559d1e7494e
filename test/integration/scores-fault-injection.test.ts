import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHandler as scoreStream } from '../../functions/score-stream.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { StreamPoller } from '../../local/stream-poller.ts';
import { type AggregateStore, scanAggregates } from '../../shared/adapters/dynamo/aggregate-store.ts';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import type { SurveyResponse } from '../../shared/domain/survey.ts';
import type { Deps } from '../../shared/runtime/deps.ts';
import { aggregatesFromRaw } from '../../shared/usecases/recompute.ts';
import { startTestRuntime } from '../support/runtime.ts';

/** Drops zero counters so "never touched" and "added then subtracted" compare equal. */
function normalize(
  entries: Iterable<[string, Record<string, number>]>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [key, item] of entries) {
    const kept = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== 0));
    if (Object.keys(kept).length > 0) out[key] = kept;
  }
  return out;
}

/**
 * Wraps the aggregate store so the consumer "crashes" at random points: before reading the
 * ledger, before committing, and — the hard case — right after a commit, before the handler
 * returns (so the same records are delivered again).
 */
function crashingAggregates(
  store: AggregateStore,
  random: () => number,
  counts: { faults: number },
): AggregateStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'alreadyApplied') {
        return async (...args: Parameters<AggregateStore['alreadyApplied']>) => {
          if (random() < 0.1) {
            counts.faults++;
            throw new Error('injected crash before reading the ledger');
          }
          return target.alreadyApplied(...args);
        };
      }
      if (prop === 'applyChunk') {
        return async (...args: Parameters<AggregateStore['applyChunk']>) => {
          const r = random();
          if (r < 0.15) {
            counts.faults++;
            throw new Error('injected crash before commit');
          }
          const committed = await target.applyChunk(...args);
          if (r < 0.3) {
            counts.faults++;
            throw new Error('injected crash after commit');
          }
          return committed;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('score consumer under injected crashes', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('ends with every aggregate equal to a from-scratch recomputation', async () => {
    let seed = 20261124;
    const random = () => {
      // Deterministic LCG so a failure can be replayed.
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const touchpoints = [
      { touchpoint: 'purchase', metric: DEFAULT_METRICS.ces },
      { touchpoint: 'delivery', metric: DEFAULT_METRICS.nps },
      { touchpoint: 'ticket_closed', metric: DEFAULT_METRICS.csat },
    ];
    const channels = ['sms', 'email', 'voice'] as const;
    const base = Date.parse('2026-03-01T00:00:00Z');
    const responses: SurveyResponse[] = [];
    for (let i = 0; i < 2000; i++) {
      const tp = touchpoints[Math.floor(random() * 3)] ?? touchpoints[0];
      if (!tp) throw new Error('unreachable');
      const span = tp.metric.max - tp.metric.min + 1;
      responses.push({
        surveyId: `sv_fault_${i}`,
        touchpoint: tp.touchpoint,
        metric: tp.metric,
        score: random() < 0.05 ? null : tp.metric.min + Math.floor(random() * span),
        ...(random() < 0.3 && { comment: random() < 0.2 ? 'terrible, never again' : 'fine' }),
        channel: channels[Math.floor(random() * 3)] ?? 'sms',
        customerId: `c${i % 300}`,
        answeredAt: new Date(base + Math.floor(random() * 40 * 86_400_000)).toISOString(),
        ...(random() < 0.3 && { drivers: { resolution: random() < 0.5 ? 'lt4h' : 'gt24h' } }),
      });
    }
    const writeAll = async (items: SurveyResponse[]) => {
      for (let i = 0; i < items.length; i += 16)
        await Promise.all(items.slice(i, i + 16).map((r) => rt.deps.responses.put(r)));
    };
    await writeAll(responses);
    // Customers change their minds (email re-clicks) and some are erased.
    const changed = responses
      .filter(() => random() < 0.2)
      .map((r) => ({
        ...r,
        score: r.score === null ? r.metric.min : r.metric.max - (r.score - r.metric.min),
      }));
    await writeAll(changed);
    const erased = responses
      .filter(() => random() < 0.05)
      .map((r) => ({ ...r, score: null, comment: undefined, erased: true }) as SurveyResponse);
    await writeAll(erased);

    const counts = { faults: 0 };
    const crashy: Deps = { ...rt.deps, aggregates: crashingAggregates(rt.deps.aggregates, random, counts) };
    const endpoint = inject('dynamoEndpoint');
    const poller = new StreamPoller(
      rt.dynamo,
      new DynamoDBStreamsClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      [rt.deps.responses.table, rt.deps.surveys.table],
      scoreStream(crashy),
      { batchSize: 100, maxRetries: 1000 },
    );
    await poller.init();
    await poller.drain(100_000);

    expect(poller.deadLetters).toHaveLength(0);
    expect(counts.faults).toBeGreaterThan(20);
    const expected = normalize(await aggregatesFromRaw(rt.deps));
    const actual: Array<[string, Record<string, number>]> = [];
    for await (const { key, item } of scanAggregates(rt.deps.aggregates)) actual.push([key, item]);
    expect(Object.keys(expected).length).toBeGreaterThan(50);
    expect(normalize(actual)).toEqual(expected);
  }, 120_000);
});
