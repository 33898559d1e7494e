import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../../ports/index.ts';
import { type UsageMeter, usage } from './usage.ts';

/**
 * The closed-loop items of the Aggregates table, written by the score consumer in the same
 * transaction as the aggregates (see AggregateStore.applyChunk):
 * - `pk = ALERT`, `sk = <alert id>`: detractor and negative-comment alerts. The id starts with the
 *   answer's time, so the partition reads newest first. Alerts name the customer: they expire
 *   with the raw answers (TTL) and are deleted when the customer is erased. Ids written by versions
 *   before that start with `sv_` and sort after every time-keyed one.
 * - `pk = FOLLOWUP`, `sk = <follow-up id>`: messages to customers (a promoter's review invitation).
 */

/** An alert as kept: its publish state and when it was recorded. */
export type StoredAlert = Alert & { state: string; createdAt: string };

/** Alert ids of versions before they began with the answer time; every time-keyed id sorts below. */
const LEGACY_ALERT_PREFIX = 'sv_';

/** A message to the customer decided by the score consumer (a promoter's review invitation). */
export interface FollowUp {
  followUpId: string;
  kind: 'review_request';
  surveyId: string;
  url: string;
  state?: 'pending' | 'sending' | 'sent' | 'failed';
}

/** Partition keys of the closed-loop items: never score aggregates (recompute leaves them alone). */
export const CLOSED_LOOP_PARTITIONS: readonly string[] = ['ALERT', 'FOLLOWUP'];

/** Alerts and follow-ups in the Aggregates table. */
export class ClosedLoopItems {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
    protected readonly meter: UsageMeter = usage.none,
  ) {}

  /**
   * Alerts newest first by answer time (the dashboard). Alerts stored before ids started with the
   * time (`sv_…`) follow, newest first among themselves.
   */
  async listAlerts(options: { limit: number }): Promise<StoredAlert[]> {
    const timed = await this.query<StoredAlert>(
      'ALERT',
      'sk < :legacy',
      { ':legacy': LEGACY_ALERT_PREFIX },
      options.limit,
    );
    if (timed.length >= options.limit) return timed;
    const legacy = await this.query<StoredAlert>(
      'ALERT',
      'begins_with(sk, :legacy)',
      { ':legacy': LEGACY_ALERT_PREFIX },
      Number.POSITIVE_INFINITY,
    );
    legacy.sort((a, b) => b.answeredAt.localeCompare(a.answeredAt));
    return [...timed, ...legacy].slice(0, options.limit);
  }

  /**
   * Alerts still `pending` (publish failed or crashed) answered since `since`, oldest first, for the
   * dispatch tick's re-publish sweep. The window keeps the read small however many alerts are kept.
   */
  async pendingAlerts(since: Date, limit: number): Promise<StoredAlert[]> {
    return this.query<StoredAlert>(
      'ALERT',
      'sk BETWEEN :since AND :legacy',
      { ':since': since.toISOString(), ':legacy': LEGACY_ALERT_PREFIX },
      limit,
      { forward: true, pendingOnly: true },
    );
  }

  /** Every alert about these surveys, whatever its age or id format (a customer's data export). */
  async alertsOfSurveys(surveyIds: ReadonlySet<string>): Promise<StoredAlert[]> {
    if (surveyIds.size === 0) return [];
    const all = await this.query<StoredAlert>('ALERT', undefined, {}, Number.POSITIVE_INFINITY);
    return all.filter((a) => surveyIds.has(a.surveyId));
  }

  /**
   * Deletes every alert and follow-up about these surveys (customer erasure), reading both
   * partitions page by page however many items they hold.
   */
  async forgetSurveys(surveyIds: ReadonlySet<string>): Promise<{ alerts: number; followUps: number }> {
    const forgotten = { alerts: 0, followUps: 0 };
    if (surveyIds.size === 0) return forgotten;
    for (const [pk, counter] of [
      ['ALERT', 'alerts'],
      ['FOLLOWUP', 'followUps'],
    ] as const) {
      const items = await this.query<{ surveyId: string; sk: string }>(pk, undefined, {}, Infinity, {
        keepKeys: true,
      });
      for (const item of items.filter((i) => surveyIds.has(i.surveyId))) {
        await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk, sk: item.sk } }));
        forgotten[counter]++;
      }
    }
    return forgotten;
  }

  /** Pages through one partition until `limit` items (after the pending filter) are read. */
  private async query<T>(
    pk: string,
    range: string | undefined,
    values: Record<string, string>,
    limit: number,
    options: { forward?: boolean; pendingOnly?: boolean; keepKeys?: boolean } = {},
  ): Promise<T[]> {
    const out: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: `pk = :pk${range ? ` AND ${range}` : ''}`,
          ...(options.pendingOnly && {
            FilterExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'state' },
          }),
          ExpressionAttributeValues: {
            ':pk': pk,
            ...values,
            ...(options.pendingOnly && { ':pending': 'pending' }),
          },
          ScanIndexForward: options.forward ?? false,
          ...(Number.isFinite(limit) && !options.pendingOnly && { Limit: limit - out.length }),
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = item;
        out.push((options.keepKeys ? item : rest) as T);
      }
      start = page.LastEvaluatedKey;
    } while (start && out.length < limit);
    return out.slice(0, Number.isFinite(limit) ? limit : undefined);
  }

  async markAlertSent(alertId: string, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: 'ALERT', sk: alertId },
        UpdateExpression: 'SET #s = :s, sentAt = :at',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':s': 'sent', ':at': at.toISOString() },
      }),
    );
  }

  async pendingFollowUps(limit: number): Promise<FollowUp[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':pk': 'FOLLOWUP', ':s': 'pending' },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(({ pk: _pk, sk: _sk, ...rest }) => rest as FollowUp);
  }

  /** Compare-and-set on a follow-up's state; false when another worker moved it first. */
  async moveFollowUp(
    id: string,
    from: FollowUp['state'],
    to: FollowUp['state'],
    at: Date,
    detail?: string,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: 'FOLLOWUP', sk: id },
          UpdateExpression: `SET #s = :to, updatedAt = :at${detail ? ', detail = :d' : ''}`,
          ConditionExpression: '#s = :from',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: {
            ':to': to,
            ':from': from,
            ':at': at.toISOString(),
            ...(detail && { ':d': detail }),
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

/**
 * An Update that creates the item with `fields` when it does not exist and changes nothing when it
 * does (every attribute `if_not_exists`): idempotent, and it never cancels a transaction.
 */
export function createOnce(
  table: string,
  key: { pk: string; sk: string },
  fields: Record<string, unknown>,
): NonNullable<TransactWriteCommandInput['TransactItems']>[number] {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:f${i}`] = value;
      return `#f${i} = if_not_exists(#f${i}, :f${i})`;
    });
  return {
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
