import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { expiresAfter, RAW_RETENTION_DAYS } from '../../domain/retention.ts';
import type { SurveyResponse } from '../../domain/survey.ts';
import { type UsageMeter, usage } from './usage.ts';

export class ResponseStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
    private readonly meter: UsageMeter = usage.none,
  ) {}

  async get(surveyId: string): Promise<SurveyResponse | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { surveyId }, ConsistentRead: true, ...this.meter.rc }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    if (!out.Item) return undefined;
    const { ttl: _ttl, ...response } = out.Item;
    return response as SurveyResponse;
  }

  /** Writes the answer (idempotent: the same answer twice leaves the item unchanged). */
  async put(response: SurveyResponse): Promise<void> {
    const out = await this.db.send(
      new PutCommand({
        TableName: this.table,
        // Raw answers expire; the aggregates keep the history after that.
        Item: { ...response, ttl: expiresAfter(response.answeredAt, RAW_RETENTION_DAYS) },
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'write');
  }

  /** Adds the "why?" comment to an existing answer. */
  async setComment(surveyId: string, comment: string): Promise<void> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { surveyId },
        UpdateExpression: 'SET #c = :c',
        ConditionExpression: 'attribute_exists(surveyId)',
        ExpressionAttributeNames: { '#c': 'comment' },
        ExpressionAttributeValues: { ':c': comment },
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'write');
  }

  /** Newest responses of a touchpoint, for the comments list and exports. */
  async queryByTouchpoint(
    touchpoint: string,
    options: { limit: number; from?: string; to?: string; cursor?: Record<string, unknown> },
  ): Promise<{ items: SurveyResponse[]; cursor?: Record<string, unknown> }> {
    const values: Record<string, unknown> = { ':t': touchpoint };
    let range = '';
    if (options.from && options.to) {
      range = ' AND answeredAt BETWEEN :from AND :to';
      values[':from'] = options.from;
      values[':to'] = options.to;
    } else if (options.from) {
      range = ' AND answeredAt >= :from';
      values[':from'] = options.from;
    } else if (options.to) {
      range = ' AND answeredAt <= :to';
      values[':to'] = options.to;
    }
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byTouchpoint',
        KeyConditionExpression: `touchpoint = :t${range}`,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.cursor,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    return {
      items: (out.Items ?? []).map(({ ttl: _ttl, ...r }) => r as SurveyResponse),
      ...(out.LastEvaluatedKey && { cursor: out.LastEvaluatedKey }),
    };
  }
}

/** Reads every item of a table with a parallel scan (admin operations: recompute, erase, export). */
export async function* scanTable(
  db: DynamoDBDocumentClient,
  table: string,
  options: {
    segments?: number;
    filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
    /** Items each segment reads per request (default: DynamoDB's 1 MB page). */
    pageSize?: number;
  } = {},
): AsyncGenerator<Record<string, unknown>[]> {
  const segments = options.segments ?? 4;
  const cursors: Array<Record<string, unknown> | undefined | null> = Array.from(
    { length: segments },
    () => undefined,
  );
  while (cursors.some((c) => c !== null)) {
    const pages = await Promise.all(
      cursors.map(async (cursor, segment) => {
        if (cursor === null) return { items: [] as Record<string, unknown>[], next: null };
        const out = await db.send(
          new ScanCommand({
            TableName: table,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: cursor,
            ...(options.pageSize && { Limit: options.pageSize }),
            ...(options.filter && {
              FilterExpression: options.filter.expression,
              ...(options.filter.names && { ExpressionAttributeNames: options.filter.names }),
              ...(options.filter.values && { ExpressionAttributeValues: options.filter.values }),
            }),
          }),
        );
        return { items: out.Items ?? [], next: out.LastEvaluatedKey ?? null };
      }),
    );
    pages.forEach((p, i) => {
      cursors[i] = p.next;
    });
    const items = pages.flatMap((p) => p.items);
    if (items.length > 0) yield items;
  }
}
