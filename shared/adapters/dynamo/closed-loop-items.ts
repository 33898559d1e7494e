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
    const legacy = { ':legacy': LEGACY_ALERT_PREFIX };
    const timed = await this.collect(
      this.pages('ALERT', { range: 'sk < :legacy', values: legacy, pageSize: options.limit }),
      { limit: options.limit },
    );
    if (timed.length >= options.limit) return timed;
    const older = await this.collect(
      this.pages('ALERT', { range: 'begins_with(sk, :legacy)', values: legacy }),
    );
    older.sort((a, b) => b.answeredAt.localeCompare(a.answeredAt));
    return [...timed, ...older].slice(0, options.limit);
  }

  /**
   * Alerts still `pending` (publish failed or crashed) answered since `since`, oldest first, for the
   * dispatch tick's re-publish sweep. The window keeps the read small however many alerts are kept.
   */
  async pendingAlerts(since: Date, limit: number): Promise<StoredAlert[]> {
    const pages = this.pages('ALERT', {
      range: 'sk BETWEEN :since AND :legacy',
      values: { ':since': since.toISOString(), ':legacy': LEGACY_ALERT_PREFIX },
      forward: true,
    });
    return this.collect(pages, { limit, where: (a) => a.state === 'pending' });
  }

  /** Every alert about these surveys, whatever its age or id format (a customer's data export). */
  async alertsOfSurveys(surveyIds: ReadonlySet<string>): Promise<StoredAlert[]> {
    if (surveyIds.size === 0) return [];
    return this.collect(this.pages('ALERT'), { where: (a) => surveyIds.has(a.surveyId) });
  }

  /**
   * Deletes every alert and follow-up about these surveys (customer erasure), page by page however
   * many items the partitions hold.
   */
  async forgetSurveys(surveyIds: ReadonlySet<string>): Promise<{ alerts: number; followUps: number }> {
    const forgotten = { alerts: 0, followUps: 0 };
    if (surveyIds.size === 0) return forgotten;
    for (const [pk, counter] of [
      ['ALERT', 'alerts'],
      ['FOLLOWUP', 'followUps'],
    ] as const) {
      for await (const page of this.pages(pk)) {
        for (const item of page.filter((i) => surveyIds.has(String(i.surveyId)))) {
          await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk, sk: item.sk } }));
          forgotten[counter]++;
        }
      }
    }
    return forgotten;
  }

  /** The items of one partition (or a key range of it), a page at a time, newest key first by default. */
  private async *pages(
    pk: string,
    options: { range?: string; values?: Record<string, string>; forward?: boolean; pageSize?: number } = {},
  ): AsyncGenerator<Array<Record<string, unknown>>> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: `pk = :pk${options.range ? ` AND ${options.range}` : ''}`,
          ExpressionAttributeValues: { ':pk': pk, ...options.values },
          ScanIndexForward: options.forward ?? false,
          ...(options.pageSize && { Limit: options.pageSize }),
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      yield page.Items ?? [];
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** Alerts from `pages` (keys and TTL left out) that pass `where`, stopping at `limit`. */
  private async collect(
    pages: AsyncGenerator<Array<Record<string, unknown>>>,
    options: { limit?: number; where?: (alert: StoredAlert) => boolean } = {},
  ): Promise<StoredAlert[]> {
    const out: StoredAlert[] = [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    for await (const page of pages) {
      for (const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } of page) {
        const alert = rest as unknown as StoredAlert;
        if (!options.where || options.where(alert)) out.push(alert);
        if (out.length >= limit) return out;
      }
    }
    return out;
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
