import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Reads DynamoDB Local's real streams (DescribeStream / GetShardIterator / GetRecords) and invokes
 * a stream handler with Lambda-shaped events, the way Lambda's event source mapping does: shards in
 * order (parents before children), batches of up to `batchSize`, partial batch failures honoured by
 * retrying from the first failed record, bounded retries, then the batch goes to a dead-letter list.
 */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

interface ShardState {
  shardId: string;
  parentShardId?: string;
  iterator?: string;
  /** Last sequence number fully processed (checkpoint). */
  checkpoint?: string;
  closed: boolean;
  failures: number;
  /** Current read size: halved after a failed batch (bisect on error), reset after a success. */
  limit?: number;
}

export interface PollerOptions {
  batchSize?: number;
  /** Split a failing batch in halves on retry, like `bisectBatchOnError` (default true). */
  bisectOnError?: boolean;
  maxRetries?: number;
  checkpointFile?: string;
  region?: string;
}

export class StreamPoller {
  private readonly shards = new Map<string, Map<string, ShardState>>();
  private streamArns: string[] = [];
  private running = false;
  private loop: Promise<void> | undefined;
  readonly deadLetters: Array<{ streamArn: string; records: DynamoDBRecord[]; error: string }> = [];
  invocations = 0;

  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly tableNames: string[],
    private readonly handler: StreamHandler,
    private readonly options: PollerOptions = {},
  ) {}

  async init(): Promise<void> {
    this.streamArns = [];
    for (const table of this.tableNames) {
      const { Table } = await this.dynamo.send(new DescribeTableCommand({ TableName: table }));
      if (!Table?.LatestStreamArn) throw new Error(`table ${table} has no stream`);
      this.streamArns.push(Table.LatestStreamArn);
    }
    const saved = this.loadCheckpoints();
    for (const arn of this.streamArns) {
      const states = this.shards.get(arn) ?? new Map<string, ShardState>();
      this.shards.set(arn, states);
      for (const [shardId, checkpoint] of Object.entries(saved[arn] ?? {})) {
        states.set(shardId, { shardId, checkpoint, closed: false, failures: 0 });
      }
    }
  }

  /** Polls continuously until `stop()`. */
  start(intervalMs = 50): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          const n = await this.pollOnce();
          if (n === 0) await sleep(intervalMs);
        } catch (error) {
          console.error('stream poller:', (error as Error).message);
          await sleep(500);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private inFlight: Promise<number> | undefined;

  /**
   * Reads every shard once; returns how many records were fetched and handed to the handler.
   * Calls are serialized (like Lambda's one concurrent batch per shard): a drain() while the
   * background loop runs waits its turn instead of delivering the same records twice at once.
   */
  async pollOnce(): Promise<number> {
    while (this.inFlight) await this.inFlight.catch(() => 0);
    this.inFlight = this.pollAll();
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
  }

  private async pollAll(): Promise<number> {
    let delivered = 0;
    for (const arn of this.streamArns) {
      await this.discoverShards(arn);
      const states = this.shards.get(arn);
      if (!states) continue;
      for (const state of states.values()) {
        if (state.closed) continue;
        const parent = state.parentShardId ? states.get(state.parentShardId) : undefined;
        if (parent && !parent.closed) continue; // parents first: per-key order across splits
        delivered += await this.pollShard(arn, state);
      }
    }
    this.saveCheckpoints();
    return delivered;
  }

  /** Polls until a full pass finds nothing new (tests and benchmarks use this to wait for scores). */
  async drain(maxPasses = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      const n = await this.pollOnce();
      total += n;
      if (n === 0) return total;
    }
    return total;
  }

  private async discoverShards(arn: string): Promise<void> {
    const states = this.shards.get(arn);
    if (!states) return;
    let start: string | undefined;
    do {
      const out = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
      );
      for (const shard of out.StreamDescription?.Shards ?? []) this.track(states, shard);
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  private track(states: Map<string, ShardState>, shard: Shard): void {
    if (!shard.ShardId) return;
    const existing = states.get(shard.ShardId);
    if (existing) {
      existing.parentShardId ??= shard.ParentShardId;
      return;
    }
    states.set(shard.ShardId, {
      shardId: shard.ShardId,
      parentShardId: shard.ParentShardId,
      closed: false,
      failures: 0,
    });
  }

  private async iteratorFor(arn: string, state: ShardState): Promise<string | undefined> {
    if (state.iterator) return state.iterator;
    const out = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: state.shardId,
        ...(state.checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.checkpoint }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    state.iterator = out.ShardIterator;
    return state.iterator;
  }

  private async pollShard(arn: string, state: ShardState): Promise<number> {
    const iterator = await this.iteratorFor(arn, state);
    if (!iterator) {
      state.closed = true;
      return 0;
    }
    let out: GetRecordsCommandOutput;
    try {
      out = await this.streams.send(
        new GetRecordsCommand({
          ShardIterator: iterator,
          Limit: state.limit ?? this.options.batchSize ?? 100,
        }),
      );
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'ExpiredIteratorException') {
        state.iterator = undefined;
        // Not "no records": the shard must be read again with a fresh iterator.
        return 1;
      }
      if (name === 'TrimmedDataAccessException') {
        // Records behind the checkpoint aged out; start again from the oldest one still there
        // (re-delivery is harmless: the consumer's ledger skips what it already applied).
        state.iterator = undefined;
        state.checkpoint = undefined;
        return 1;
      }
      throw error;
    }
    const records = (out.Records ?? []).map((r) =>
      toLambdaRecord(r, arn, this.options.region ?? 'us-east-1'),
    );
    if (records.length === 0) {
      state.iterator = out.NextShardIterator;
      if (!out.NextShardIterator) state.closed = true;
      return 0;
    }
    const failedAt = await this.invoke(records);
    if (failedAt === undefined) {
      state.checkpoint = records[records.length - 1]?.dynamodb?.SequenceNumber;
      state.iterator = out.NextShardIterator;
      state.failures = 0;
      state.limit = undefined;
      if (!out.NextShardIterator) state.closed = true;
      return records.length;
    }
    // Records before the first failure are done; retry from the failed one (Lambda semantics).
    const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
    const before = index > 0 ? records[index - 1]?.dynamodb?.SequenceNumber : undefined;
    if (before) state.checkpoint = before;
    state.iterator = undefined;
    state.failures++;
    if (index <= 0 && this.options.bisectOnError !== false)
      state.limit = Math.max(1, Math.floor(records.length / 2));
    if (state.failures > (this.options.maxRetries ?? 10)) {
      const rest = records.slice(Math.max(index, 0));
      this.deadLetters.push({
        streamArn: arn,
        records: rest,
        error: `gave up after ${state.failures - 1} retries`,
      });
      state.checkpoint = rest[rest.length - 1]?.dynamodb?.SequenceNumber ?? state.checkpoint;
      state.failures = 0;
    } else {
      await sleep(Math.min(1000, 20 * 2 ** state.failures));
    }
    // Count what was fetched, so drain() keeps going until retries succeed or dead-letter.
    return records.length;
  }

  /** Invokes the handler; returns the sequence number to retry from, or undefined on success. */
  private async invoke(records: DynamoDBRecord[]): Promise<string | undefined> {
    this.invocations++;
    try {
      const response = await this.handler({ Records: records });
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) return undefined;
      const failedSeqs = new Set(failures.map((f) => f.itemIdentifier));
      const first = records.find((r) => failedSeqs.has(r.dynamodb?.SequenceNumber ?? ''));
      return first?.dynamodb?.SequenceNumber ?? records[0]?.dynamodb?.SequenceNumber;
    } catch (error) {
      console.error('stream handler failed:', (error as Error).message);
      return records[0]?.dynamodb?.SequenceNumber;
    }
  }

  private loadCheckpoints(): Record<string, Record<string, string>> {
    const file = this.options.checkpointFile;
    if (!file || !existsSync(file)) return {};
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    } catch {
      return {};
    }
  }

  private saveCheckpoints(): void {
    const file = this.options.checkpointFile;
    if (!file) return;
    const out: Record<string, Record<string, string>> = {};
    for (const [arn, states] of this.shards) {
      out[arn] = {};
      for (const s of states.values()) if (s.checkpoint) out[arn][s.shardId] = s.checkpoint;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(out));
  }
}

/**
 * The SDK's stream deserializer turns an empty map `{"M":{}}` into `{}`; Lambda delivers the
 * wire form. Restore it so handlers see exactly what Lambda would give them.
 */
function repairImage(image: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!image) return image;
  const fix = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const v = value as Record<string, unknown>;
    if (Object.keys(v).length === 0) return { M: {} };
    if (v.M && typeof v.M === 'object')
      return { M: Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, fix(x)])) };
    if (Array.isArray(v.L)) return { L: v.L.map(fix) };
    return v;
  };
  return Object.fromEntries(Object.entries(image).map(([k, x]) => [k, fix(x)]));
}

/** SDK stream records differ from Lambda's: add the ARN and make the timestamp epoch seconds. */
export function toLambdaRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  const images = {
    ...(record.dynamodb?.NewImage && { NewImage: repairImage(record.dynamodb.NewImage as never) }),
    ...(record.dynamodb?.OldImage && { OldImage: repairImage(record.dynamodb.OldImage as never) }),
  };
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as NonNullable<DynamoDBRecord['dynamodb']>),
      ...(images as Partial<NonNullable<DynamoDBRecord['dynamodb']>>),
      ApproximateCreationDateTime:
        created instanceof Date ? Math.floor(created.getTime() / 1000) : (created as number | undefined),
    },
    ...(record.userIdentity && { userIdentity: record.userIdentity }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
