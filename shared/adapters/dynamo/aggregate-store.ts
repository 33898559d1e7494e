import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { expiresAfter, RAW_RETENTION_DAYS } from '../../domain/retention.ts';
import type { Alert } from '../../ports/index.ts';
import { CLOSED_LOOP_PARTITIONS, ClosedLoopItems, createOnce, type FollowUp } from './closed-loop-items.ts';

export type { FollowUp, StoredAlert } from './closed-loop-items.ts';

/**
 * Score aggregates and the stream ledger that makes applying them exactly-once.
 *
 * Layout of the Aggregates table:
 * - `pk = <touchpoint>`, `sk = <period key>` (`D#2026-03-10`, `W#2026-W11`, `M#2026-03`, `ALL`):
 *   flat numeric counters (see shared/domain/scoring.ts), all changed with `ADD`.
 * - `pk = LEDGER#<stream>`, `sk = <first sequence number, zero-padded>`: one entry per applied
 *   batch chunk, listing short hashes of the stream records it covered. Expires after 3 days
 *   (stream records live 24 h, so no retry can be older).
 * - `pk = ALERT` and `pk = FOLLOWUP`: closed-loop items, written in the same transaction as the
 *   aggregates and read through the methods of ClosedLoopItems (closed-loop-items.ts).
 */

export type ItemDelta = Record<string, number>;

/** A stream record reduced to what the ledger needs. */
export interface LedgerRecord {
  eventId: string;
  sequenceNumber: string;
}

const SEQ_WIDTH = 48;
export const padSeq = (seq: string) => seq.padStart(SEQ_WIDTH, '0');
/** 9 bytes of SHA-256 in base64url: collision-safe at our volumes, small enough to list 100 per entry. */
export const recordHash = (eventId: string) =>
  createHash('sha256').update(eventId).digest('base64url').slice(0, 12);

const LEDGER_TTL_SECONDS = 3 * 24 * 3600;
/** How many recent ledger entries a batch checks for overlap (covers that many parallel shards). */
const LEDGER_LOOKBACK = 32;
/** TransactWriteItems takes at most 100 actions: one ledger entry + aggregate items + alerts. */
export const MAX_TRANSACTION_ACTIONS = 100;

export class AggregateStore extends ClosedLoopItems {
  /** Hashes of the records of `records` that an earlier (possibly larger) batch already applied. */
  async alreadyApplied(stream: string, records: readonly LedgerRecord[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const seqs = records.map((r) => padSeq(r.sequenceNumber)).sort();
    const wanted = new Set(records.map((r) => recordHash(r.eventId)));
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk <= :last',
        ExpressionAttributeValues: { ':pk': `LEDGER#${stream}`, ':last': seqs[seqs.length - 1] },
        ScanIndexForward: false,
        Limit: LEDGER_LOOKBACK,
        ConsistentRead: true,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    const applied = new Set<string>();
    for (const entry of out.Items ?? []) {
      for (const h of (entry.records as string[] | undefined) ?? []) if (wanted.has(h)) applied.add(h);
    }
    return applied;
  }

  /**
   * Atomically: records the chunk in the ledger (fails if that entry exists) and adds every delta.
   * Returns false when the ledger entry already existed (someone applied this chunk first).
   */
  async applyChunk(
    stream: string,
    records: readonly LedgerRecord[],
    deltas: ReadonlyMap<string, ItemDelta>,
    alerts: readonly Alert[],
    now: Date,
    followUps: readonly FollowUp[] = [],
  ): Promise<boolean> {
    const first = records.map((r) => padSeq(r.sequenceNumber)).sort()[0];
    if (!first) return true;
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: this.table,
          Item: {
            pk: `LEDGER#${stream}`,
            sk: first,
            records: records.map((r) => recordHash(r.eventId)),
            appliedAt: now.toISOString(),
            ttl: Math.floor(now.getTime() / 1000) + LEDGER_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    for (const [key, delta] of deltas) {
      const { pk, sk } = splitItemKey(key);
      const entries = Object.entries(delta).filter(([, v]) => v !== 0);
      if (entries.length === 0) continue;
      const names: Record<string, string> = { '#u': 'updatedAt' };
      const values: Record<string, unknown> = { ':u': now.toISOString() };
      const adds = entries.map(([attr, value], i) => {
        names[`#a${i}`] = attr;
        values[`:a${i}`] = value;
        return `#a${i} :a${i}`;
      });
      items.push({
        Update: {
          TableName: this.table,
          Key: { pk, sk },
          UpdateExpression: `SET #u = :u ADD ${adds.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
    // Created once, never failing: a second alert or follow-up with the same id (a customer who
    // changes their answer back) must not cancel the chunk, which would stall the stream shard;
    // within a chunk an id is written once (a transaction may touch an item only once).
    for (const alert of uniqueBy(alerts, (a) => a.alertId)) {
      items.push(
        createOnce(
          this.table,
          { pk: 'ALERT', sk: alert.alertId },
          {
            ...alert,
            state: 'pending',
            createdAt: now.toISOString(),
            ttl: expiresAfter(alert.answeredAt, RAW_RETENTION_DAYS),
          },
        ),
      );
    }
    for (const f of uniqueBy(followUps, (f) => f.followUpId)) {
      items.push(
        createOnce(
          this.table,
          { pk: 'FOLLOWUP', sk: f.followUpId },
          {
            ...f,
            state: 'pending',
            createdAt: now.toISOString(),
            ttl: expiresAfter(now, RAW_RETENTION_DAYS),
          },
        ),
      );
    }
    if (items.length > MAX_TRANSACTION_ACTIONS) {
      throw new RangeError(`chunk needs ${items.length} transaction actions; split it first`);
    }
    try {
      const out = await this.db.send(new TransactWriteCommand({ TransactItems: items, ...this.meter.rc }));
      this.meter.record(out.ConsumedCapacity, 'write', items.length, true);
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      }
      throw error;
    }
  }

  async get(touchpoint: string, periodKey: string): Promise<Record<string, number> | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: touchpoint, sk: periodKey }, ...this.meter.rc }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    return out.Item ? numericAttributes(out.Item) : undefined;
  }

  /** Period items of one touchpoint between two period keys of the same kind (e.g. D#... to D#...). */
  async range(
    touchpoint: string,
    fromKey: string,
    toKey: string,
  ): Promise<Array<{ period: string; item: Record<string, number> }>> {
    const items: Array<{ period: string; item: Record<string, number> }> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': touchpoint, ':from': fromKey, ':to': toKey },
          ExclusiveStartKey: start,
          ...this.meter.rc,
        }),
      );
      this.meter.record(out.ConsumedCapacity, 'read');
      for (const item of out.Items ?? [])
        items.push({ period: String(item.sk), item: numericAttributes(item) });
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Replaces an aggregate item wholesale (used by `npm run recompute`). */
  async replace(
    touchpoint: string,
    periodKey: string,
    item: Record<string, number>,
    now: Date,
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...item, pk: touchpoint, sk: periodKey, updatedAt: now.toISOString() },
      }),
    );
  }
}

/** Aggregate item keys are `<touchpoint>#<period>`; touchpoint names never contain '#'. */
export function splitItemKey(key: string): { pk: string; sk: string } {
  const at = key.indexOf('#');
  if (at <= 0) throw new Error(`bad aggregate key ${key}`);
  return { pk: key.slice(0, at), sk: key.slice(at + 1) };
}

function numericAttributes(item: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(item)) if (typeof v === 'number' && k !== 'ttl') out[k] = v;
  return out;
}

/** Every score aggregate item (not ledger, alert or follow-up items), for audits and recompute. */
export async function* scanAggregates(
  store: AggregateStore,
): AsyncGenerator<{ key: string; item: Record<string, number> }> {
  const { scanTable } = await import('./response-store.ts');
  for await (const page of scanTable(store.db, store.table)) {
    for (const raw of page) {
      const pk = String(raw.pk);
      if (CLOSED_LOOP_PARTITIONS.includes(pk) || pk.startsWith('LEDGER#')) continue;
      const item: Record<string, number> = {};
      for (const [k, v] of Object.entries(raw)) if (typeof v === 'number') item[k] = v;
      yield { key: `${pk}#${String(raw.sk)}`, item };
    }
  }
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item] as const)).values()];
}
