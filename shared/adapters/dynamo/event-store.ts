import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CanonicalEvent } from '../../../events/canonical/schema.ts';
import { conditionalPut, type OnceOnlyPut } from './conditional-put.ts';
import { type UsageMeter, usage } from './usage.ts';

/** An accepted event as stored: the canonical event plus what Touchpoint decided about it. */
export interface StoredEvent {
  eventId: string;
  receivedAt: string;
  event: CanonicalEvent;
  surveyable: boolean;
  /** Why the event cannot be surveyed (no contact, duplicate of another source's event...). */
  notSurveyableReason?: string;
  surveyId?: string;
  /** The event this one duplicates (another source reporting the same real-world delivery). */
  duplicateOf?: string;
}

/** Raw events are kept 90 days; aggregates are unaffected by their expiry. */
const RETENTION_SECONDS = 90 * 24 * 3600;

export class EventStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
    private readonly meter: UsageMeter = usage.none,
  ) {}

  /** The key of an event's record, for reads batched with other tables. */
  keyOf(eventId: string): Record<string, unknown> {
    return { pk: `EVENT#${eventId}` };
  }

  /** A stored item as the event record it holds. */
  fromItem(item: Record<string, unknown>): StoredEvent {
    const { pk: _pk, ttl: _ttl, ...stored } = item;
    return stored as unknown as StoredEvent;
  }

  async get(eventId: string): Promise<StoredEvent | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: this.keyOf(eventId),
        ConsistentRead: true,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    return out.Item ? this.fromItem(out.Item) : undefined;
  }

  /** The create-once put of an event record, to send alone (`put`) or inside another transaction. */
  putRequest(stored: StoredEvent): OnceOnlyPut {
    return {
      TableName: this.table,
      Item: {
        ...stored,
        pk: `EVENT#${stored.eventId}`,
        ttl: Math.floor(Date.parse(stored.receivedAt) / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }

  /** Stores the event once; false if it was already stored (a duplicate delivery). */
  async put(stored: StoredEvent): Promise<boolean> {
    return conditionalPut(this.db, this.meter, this.putRequest(stored));
  }
}
