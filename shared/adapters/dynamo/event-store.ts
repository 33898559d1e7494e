import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CanonicalEvent } from '../../../events/canonical/schema.ts';
import { EVENT_RETENTION_DAYS, expiresAfter } from '../../domain/retention.ts';
import { conditionalPut } from './conditional-put.ts';
import { type UsageMeter, usage } from './usage.ts';

/**
 * The record of an accepted event that created no survey (a ticket opened, a second report of a
 * surveyed order): the canonical event plus what Touchpoint decided, which answers re-deliveries.
 * An event that created a survey is recorded by the survey itself.
 */
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

export class EventStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
    private readonly meter: UsageMeter = usage.none,
  ) {}

  async get(eventId: string): Promise<StoredEvent | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `EVENT#${eventId}` },
        ConsistentRead: true,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    if (!out.Item) return undefined;
    const { pk: _pk, ttl: _ttl, ...stored } = out.Item;
    return stored as unknown as StoredEvent;
  }

  /**
   * Claims an inbound provider message id once (SNS two-way SMS): true the first time, false for
   * a re-delivery of the same message, so its reply is sent once.
   */
  async claimInbound(messageId: string, at: Date): Promise<boolean> {
    return conditionalPut(this.db, this.meter, {
      TableName: this.table,
      Item: {
        pk: `INBOUND#${messageId}`,
        receivedAt: at.toISOString(),
        ttl: expiresAfter(at, EVENT_RETENTION_DAYS),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /** Stores the event once; false if it was already stored (a duplicate delivery). */
  async put(stored: StoredEvent): Promise<boolean> {
    return conditionalPut(this.db, this.meter, {
      TableName: this.table,
      Item: {
        ...stored,
        pk: `EVENT#${stored.eventId}`,
        ttl: expiresAfter(stored.receivedAt, EVENT_RETENTION_DAYS),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }
}
