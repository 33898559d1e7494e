import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { type ItemDelta, scanAggregates, splitItemKey } from '../adapters/dynamo/aggregate-store.ts';
import { scanTable } from '../adapters/dynamo/response-store.ts';
import { type LifecycleImage, lifecycleCounts } from '../domain/lifecycle-counts.ts';
import { periodBounds } from '../domain/periods.ts';
import { RAW_RETENTION_DAYS } from '../domain/retention.ts';
import {
  foldResponseChanges,
  foldSurveyChanges,
  mergeDeltas,
  type ResponseSnapshot,
} from '../domain/scoring.ts';
import type { Deps } from '../runtime/deps.ts';
import { snapshot } from './apply-scores.ts';

/** What a recompute reads and writes: the raw tables, the aggregates, the clock and the config. */
export type RecomputeDeps = Pick<Deps, 'clock' | 'config' | 'surveys' | 'responses' | 'aggregates'>;

export interface RecomputeProgress {
  phase: 'responses' | 'surveys' | 'writing';
  done: number;
  total?: number;
}

/**
 * Folds every retained raw response and survey from scratch: the reference the incremental
 * stream consumer must always equal (the fault-injection test compares the two).
 */
export async function aggregatesFromRaw(
  deps: RecomputeDeps,
  onProgress?: (p: RecomputeProgress) => void,
): Promise<Map<string, ItemDelta>> {
  const tz = deps.config.reportingTimeZone;
  let totals = new Map<string, ItemDelta>();
  let done = 0;
  for await (const page of scanTable(deps.responses.db, deps.responses.table)) {
    // The same reading of a response as the stream consumer's, so the two always agree.
    const changes = page
      .map((raw) => snapshot(raw))
      .filter((s): s is ResponseSnapshot => s !== undefined)
      .map((s) => ({ new: s }));
    totals = mergeDeltas(totals, foldResponseChanges(changes, tz));
    done += page.length;
    onProgress?.({ phase: 'responses', done });
  }
  done = 0;
  for await (const page of scanTable(deps.surveys.db, deps.surveys.table, {
    filter: { expression: 'begins_with(pk, :p)', values: { ':p': 'SURVEY#' } },
  })) {
    // The same rule as the stream consumer's, so the two always agree.
    const changes = page.flatMap((raw) => lifecycleCounts(raw as LifecycleImage));
    totals = mergeDeltas(totals, foldSurveyChanges(changes, tz));
    done += page.length;
    onProgress?.({ phase: 'surveys', done });
  }
  return totals;
}

/**
 * `npm run recompute`: replaces every aggregate item with the from-scratch fold of the raw data.
 * Run it while the stream consumer is quiet (it does not coordinate with in-flight batches).
 */
export async function recomputeAggregates(
  deps: RecomputeDeps,
  onProgress?: (p: RecomputeProgress) => void,
): Promise<{ items: number; removed: number; keptHistorical: number }> {
  const fresh = await aggregatesFromRaw(deps, onProgress);
  const now = deps.clock.now();
  // Raw data expires (TTL) but history must not change: periods that ended before the retention
  // horizon are kept as they are, and their months still count towards the all-time item.
  const horizon = new Date(now.getTime() - RAW_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  const historical = new Set<string>();
  for await (const { key, item } of scanAggregates(deps.aggregates)) {
    if (fresh.has(key)) continue;
    const { pk, sk } = splitItemKey(key);
    if (!endsBefore(sk, horizon)) continue;
    historical.add(key);
    if (sk.startsWith('M#')) {
      const all = { ...(fresh.get(`${pk}#ALL`) ?? {}) };
      for (const [attr, n] of Object.entries(item))
        if (attr !== 'updatedAt') all[attr] = (all[attr] ?? 0) + n;
      fresh.set(`${pk}#ALL`, all);
    }
  }
  let written = 0;
  for (const [key, item] of fresh) {
    const { pk, sk } = splitItemKey(key);
    await deps.aggregates.replace(pk, sk, item, now);
    written++;
    onProgress?.({ phase: 'writing', done: written, total: fresh.size });
  }
  let removed = 0;
  for await (const { key } of scanAggregates(deps.aggregates)) {
    if (fresh.has(key) || historical.has(key)) continue;
    const { pk, sk } = splitItemKey(key);
    await deps.aggregates.db.send(new DeleteCommand({ TableName: deps.aggregates.table, Key: { pk, sk } }));
    removed++;
  }
  return { items: written, removed, keptHistorical: historical.size };
}

/** True when a period key (D#2025-01-02, W#2025-W01, M#2025-01) ends before `date` (YYYY-MM-DD). */
function endsBefore(periodKey: string, date: string): boolean {
  const bounds = periodBounds(periodKey);
  return bounds !== undefined && bounds.to < date;
}
