import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Decision } from '../../domain/model.ts';
import { expiresAfter, RAW_RETENTION_DAYS } from '../../domain/retention.ts';
import { boundAttempt, boundDecision, type Survey } from '../../domain/survey.ts';
import { ConfigError } from '../../errors.ts';
import { conditionalPut } from './conditional-put.ts';
import { DUE_PARTITION, dueSortKey, dueUntilKey, PARKED_PARTITION } from './due-index.ts';
import { scanTable } from './response-store.ts';
import {
  type DispatchErrorOutcome,
  dispatchErrorUpdate,
  requeueUpdate,
  stoppedOnlyByHistoryLimit,
  type TransitionAppends,
  type TransitionChanges,
  type TransitionExpectation,
  transitionUpdate,
} from './survey-update.ts';
import { type UsageMeter, usage } from './usage.ts';

export { DUE_PARTITION, dueSortKey } from './due-index.ts';

/** Customer-level state the engine needs for fatigue and priority decisions. */
export interface CustomerProfile {
  customerId: string;
  lastSurveyId?: string;
  lastSurveyAt?: string;
  lastSurveyPriority?: number;
  lastSurveyTouchpoint?: string;
  version: number;
}

/** Opt-out and suppression state of one phone number or email address. */
export interface ContactConsent {
  contact: string;
  smsOptedOut?: boolean;
  voiceOptedOut?: boolean;
  /** Provider time of the STOP or START that set the SMS and voice flags (the newest one applies). */
  smsKeywordAt?: string;
  emailSuppressed?: 'unsubscribed' | 'bounced' | 'complaint';
  updatedAt: string;
}

const surveyKey = (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'SURVEY' });
const customerKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' });
const contactKey = (contact: string) => ({ pk: `CONTACT#${contact.toLowerCase()}`, sk: 'CONSENT' });
/**
 * Inbound messages are remembered by a hash of the provider's id: the record must not hold an id
 * the provider could resolve to a phone number (it outlives the customer's erasure).
 */
const inboundKey = (messageId: string) => ({
  pk: `INBOUND#${createHash('sha256').update(messageId).digest('base64url')}`,
  sk: 'INBOUND',
});

/**
 * How long an inbound message id is remembered. Keywords are ordered by the provider's time as
 * well, so a replay after this still cannot undo a newer STOP or START.
 */
const INBOUND_RETENTION_SECONDS = 400 * 24 * 3600;

const ticketSortPrefix = 'TICKET#';

/** Written once the customer state of versions before the Customers table has been moved. */
const LEGACY_MOVED_MARKER = { pk: 'MIGRATION#customer-state', sk: 'MOVED' };

/** How an item is found again in a BatchGetItem answer: its key attributes. */
const itemKey = (item: Record<string, unknown>) =>
  `${String(item.pk)}|${item.sk === undefined ? '' : String(item.sk)}`;

/**
 * A ticket nobody has reported on for this long no longer counts as open: a lost "solved" webhook
 * must not hold a customer's surveys back forever.
 */
export const OPEN_TICKET_DAYS = 30;

/** How many of a thread's most recent surveys a reply is matched against. */
const THREAD_PAGE = 10;

/** The reply-routing index key: a customer's number paired with ours, or an email address. */
export const phoneThreadKey = (customerPhone: string, ourNumber: string) =>
  `PHONE#${customerPhone}#${ourNumber}`;

type SurveyItem = Survey & {
  pk: string;
  sk: string;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
  ttl?: number;
};

function stripKeys(item: Record<string, unknown>): Survey {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ttl: _t, ...survey } = item;
  return survey as unknown as Survey;
}

/** A new survey as stored: keys, the due index while scheduled, and its retention TTL. */
function surveyItem(survey: Survey): SurveyItem {
  return {
    ...survey,
    decisions: survey.decisions.map(boundDecision),
    attempts: survey.attempts.map(boundAttempt),
    ...surveyKey(survey.surveyId),
    ...(survey.status === 'scheduled' && {
      gsi1pk: DUE_PARTITION,
      gsi1sk: dueSortKey(survey.dueAt, survey.surveyId),
    }),
    // Raw survey records are kept this long after expiry; scores are unaffected.
    ttl: expiresAfter(survey.expiresAt, RAW_RETENTION_DAYS),
  };
}

/**
 * Surveys (Surveys table) and the customer state they are decided with: fatigue profiles, open
 * tickets and contact consent (Customers table). One store because ingest writes a survey and its
 * customers' claims in one transaction.
 */
export class SurveyStore {
  /** The Surveys table. */
  readonly table: string;
  private readonly customers: string | undefined;

  constructor(
    readonly db: DynamoDBDocumentClient,
    tables: { surveys: string; customers?: string | undefined },
    private readonly meter: UsageMeter = usage.none,
  ) {
    this.table = tables.surveys;
    this.customers = tables.customers;
  }

  /**
   * The Customers table. A function is told only the tables it may use; one that was not given
   * this one fails here, naming the variable, instead of with an access error from DynamoDB.
   */
  get customersTable(): string {
    if (!this.customers)
      throw new ConfigError('missing CUSTOMERS_TABLE: this function was not given that table');
    return this.customers;
  }

  async get(surveyId: string, consistent = true): Promise<Survey | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: surveyKey(surveyId),
        ConsistentRead: consistent,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    return out.Item ? stripKeys(out.Item) : undefined;
  }

  /** Stores a new survey; false when a survey with this id already exists (duplicate event). */
  async create(survey: Survey): Promise<boolean> {
    return conditionalPut(this.db, this.meter, {
      TableName: this.table,
      Item: surveyItem(survey),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /**
   * Creates a scheduled survey and, in the same transaction, claims the customer's fatigue slot on
   * each of their profiles (optimistic version check) and retires the lower-priority survey it
   * supersedes. All or nothing: a crash can never leave a claim pointing at a survey that does not
   * exist, and one write request replaces three or four. The survey names its event, so it is
   * also the record that the event was processed.
   * `exists`: the survey was already created (a re-delivery, or another report of the same fact).
   * `conflict`: a profile or the superseded survey changed since it was read; plan again.
   */
  async createWithClaims(input: {
    survey: Survey;
    claims: ReadonlyArray<{ profile: CustomerProfile; expectedVersion: number }>;
    supersede?: { surveyId: string; decision: Decision };
  }): Promise<'created' | 'exists' | 'conflict'> {
    const create = {
      TableName: this.table,
      Item: surveyItem(input.survey),
      ConditionExpression: 'attribute_not_exists(pk)',
    } as const;
    // A survey with nothing to claim (a skipped one) needs no transaction: a plain conditional put
    // is all-or-nothing already and costs half the write units.
    if (input.claims.length === 0 && !input.supersede)
      return (await conditionalPut(this.db, this.meter, create)) ? 'created' : 'exists';
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      { Put: create },
      ...input.claims.map(({ profile, expectedVersion }) => ({
        Put: {
          TableName: this.customersTable,
          Item: {
            ...profile,
            ...customerKey(profile.customerId),
            version: expectedVersion + 1,
            // A profile names a phone or address: it goes with the surveys it summarizes (longer
            // than the longest fatigue window, 365 days, so fatigue never forgets early).
            ...(profile.lastSurveyAt && { ttl: expiresAfter(profile.lastSurveyAt, RAW_RETENTION_DAYS) }),
          },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expectedVersion !== 0 && { ExpressionAttributeValues: { ':v': expectedVersion } }),
        },
      })),
      ...(input.supersede
        ? [
            {
              Update: {
                TableName: this.table,
                Key: surveyKey(input.supersede.surveyId),
                UpdateExpression:
                  'SET #status = :skipped, skipReason = :reason, decisions = list_append(decisions, :d) REMOVE gsi1pk, gsi1sk',
                ConditionExpression: '#status = :scheduled',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':skipped': 'skipped',
                  ':reason': 'superseded_by_priority',
                  ':d': [boundDecision(input.supersede.decision)],
                  ':scheduled': 'scheduled',
                },
              },
            },
          ]
        : []),
    ];
    try {
      const out = await this.db.send(new TransactWriteCommand({ TransactItems: items, ...this.meter.rc }));
      this.meter.record(out.ConsumedCapacity, 'write', items.length, true);
      return 'created';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'exists';
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return 'conflict';
      }
      throw error;
    }
  }

  /**
   * Applies `changes` when the survey is still in `expected.status` (and, if given, still due at
   * `expected.dueAt`): the compare-and-set every state transition goes through, so two workers can
   * never both move the same survey. Returns the updated survey, or undefined if it lost the race.
   * Appended decisions and attempts keep their lists within `HISTORY_LIMITS`.
   */
  async transition(
    surveyId: string,
    expected: TransitionExpectation,
    changes: TransitionChanges,
    extra: TransitionAppends = {},
  ): Promise<Survey | undefined> {
    const appends = extra.appendDecision !== undefined || extra.appendAttempt !== undefined;
    const first = await this.update(transitionUpdate(surveyKey(surveyId), expected, changes, extra), appends);
    if (first.kind === 'done') return first.survey;
    if (first.kind === 'lost' || !stoppedOnlyByHistoryLimit(first.old, expected, extra)) return undefined;
    // A history list is at its limit: write it whole, bounded (rare: once per overflowing append).
    const second = await this.update(
      transitionUpdate(surveyKey(surveyId), expected, changes, extra, first.old),
      false,
    );
    return second.kind === 'done' ? second.survey : undefined;
  }

  private async update(
    input: Omit<UpdateCommandInput, 'TableName'>,
    wantOld: boolean,
  ): Promise<
    | { kind: 'done'; survey: Survey | undefined }
    | { kind: 'failed'; old: Record<string, unknown> }
    | { kind: 'lost' }
  > {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          ...input,
          ReturnValues: 'ALL_NEW',
          ...(wantOld && { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
          ...this.meter.rc,
        }),
      );
      this.meter.record(out.ConsumedCapacity, 'write');
      return { kind: 'done', survey: out.Attributes ? stripKeys(out.Attributes) : undefined };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item ? { kind: 'failed', old: unmarshall(error.Item) } : { kind: 'lost' };
    }
  }

  /**
   * Records that processing `survey` (as just read) failed: the next try at `retryAt`, or, with
   * `park`, out of the due index into the parked list (see `dispatchErrorUpdate`). False when the
   * survey moved on meanwhile.
   */
  async recordDispatchError(survey: Survey, outcome: DispatchErrorOutcome): Promise<boolean> {
    const update = dispatchErrorUpdate(surveyKey(survey.surveyId), survey, outcome);
    return (await this.update(update, false)).kind === 'done';
  }

  /** Parked surveys, most recently parked first (admin listing). */
  async listParked(limit: number): Promise<Survey[]> {
    return (await this.newestInIndex('gsi1', PARKED_PARTITION, limit)).surveys;
  }

  /**
   * Puts a parked survey back in the due index, due `now`, with its error count reset. False when
   * the survey is not parked.
   */
  async requeue(surveyId: string, now: Date, decision: Decision): Promise<boolean> {
    return (await this.update(requeueUpdate(surveyKey(surveyId), now, decision), false)).kind === 'done';
  }

  /**
   * One page of the surveys due at or before `now`, oldest first, starting after `after` (the
   * `next` of the previous page) so one pass reads each due survey once, whatever stays put.
   * `next` is absent on the last page.
   */
  async queryDue(
    now: Date,
    limit: number,
    after?: Record<string, unknown>,
  ): Promise<{ surveys: Survey[]; next?: Record<string, unknown> }> {
    const dueKey = dueUntilKey(now);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': DUE_PARTITION, ':now': dueKey },
        Limit: limit,
        ...(after && { ExclusiveStartKey: after }),
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    const surveys = await this.surveysFor(
      out.Items ?? [],
      (item) => item.gsi1pk === DUE_PARTITION && String(item.gsi1sk) <= dueKey,
    );
    return { surveys, ...(out.LastEvaluatedKey && { next: out.LastEvaluatedKey }) };
  }

  /** When the earliest survey in the due index is due, if any waits there. */
  async nextDueAt(): Promise<string | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': DUE_PARTITION },
        Limit: 1,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    const key = out.Items?.[0]?.gsi1sk;
    return typeof key === 'string' ? key.slice(0, key.indexOf('#')) : undefined;
  }

  /** Count of surveys waiting in the due index (dispatch backlog), up to `cap`. */
  async countDue(now: Date, cap = 100_000): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
          ExpressionAttributeValues: { ':pk': DUE_PARTITION, ':now': dueUntilKey(now) },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start && count < cap);
    return count;
  }

  /** Surveys sent on a thread (phone pair or email), most recently asked first. */
  async queryThread(threadKey: string, limit = THREAD_PAGE): Promise<Survey[]> {
    return (await this.newestInIndex('gsi2', threadKey, limit)).surveys;
  }

  /**
   * Whether a survey asked on the thread recorded this inbound message: the `newest` already read
   * (`queryThread`), then, only when that page was full, every older one.
   */
  async threadHasInbound(threadKey: string, messageId: string, newest: readonly Survey[]): Promise<boolean> {
    if (newest.some((s) => s.inboundIds?.includes(messageId))) return true;
    if (newest.length < THREAD_PAGE) return false;
    const read = new Set(newest.map((s) => s.surveyId));
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.newestInIndex('gsi2', threadKey, 100, start);
      if (page.surveys.some((s) => !read.has(s.surveyId) && s.inboundIds?.includes(messageId))) return true;
      start = page.next;
    } while (start);
    return false;
  }

  /** One page of the surveys of a partition of a (keys-only) index, newest sort key first. */
  private async newestInIndex(
    index: 'gsi1' | 'gsi2',
    partition: string,
    limit: number,
    after?: Record<string, unknown>,
  ): Promise<{ surveys: Survey[]; next?: Record<string, unknown> }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
        ...(after && { ExclusiveStartKey: after }),
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    const surveys = await this.surveysFor(out.Items ?? [], (item) => item[`${index}pk`] === partition);
    return { surveys, ...(out.LastEvaluatedKey && { next: out.LastEvaluatedKey }) };
  }

  /**
   * Strongly consistent BatchGetItem of up to 100 keys over one or more tables, retrying
   * unprocessed ones. Items come back per table, keyed `pk|sk` (`pk|` without a sort key).
   */
  private async batchGet(
    request: Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>,
  ): Promise<Map<string, Map<string, Record<string, unknown>>>> {
    const found = new Map<string, Map<string, Record<string, unknown>>>();
    let pending: Record<string, { Keys: Array<Record<string, unknown>>; ConsistentRead: true }> = {};
    for (const [table, keys] of Object.entries(request)) {
      found.set(table, new Map());
      if (keys.length === 0) continue;
      const unique = [...new Map(keys.map((k) => [itemKey(k), k])).values()];
      pending[table] = { Keys: unique, ConsistentRead: true };
    }
    for (let attempt = 0; Object.keys(pending).length > 0 && attempt < 8; attempt++) {
      const out = await this.db.send(new BatchGetCommand({ RequestItems: pending, ...this.meter.rc }));
      this.meter.record(out.ConsumedCapacity, 'read');
      for (const [table, items] of Object.entries(out.Responses ?? {})) {
        const into = found.get(table);
        for (const item of items) into?.set(itemKey(item), item);
      }
      pending = (out.UnprocessedKeys ?? {}) as typeof pending;
      if (Object.keys(pending).length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
    if (Object.keys(pending).length > 0) throw new Error('BatchGetItem left keys unprocessed after retries');
    return found;
  }

  /**
   * The current items behind index keys (the indexes project keys only, so survey updates do not
   * rewrite index copies), in index order, keeping only those `stillListed` after a consistent read:
   * the index is eventually consistent and may name a survey that has moved on.
   */
  private async surveysFor(
    indexItems: ReadonlyArray<Record<string, unknown>>,
    stillListed: (item: Record<string, unknown>) => boolean,
  ): Promise<Survey[]> {
    const keys = indexItems.map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
    const found = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < keys.length; i += 100) {
      const page = await this.batchGet({ [this.table]: keys.slice(i, i + 100) });
      for (const [k, v] of page.get(this.table) ?? []) found.set(k, v);
    }
    return keys
      .map((k) => found.get(itemKey(k)))
      .filter((item): item is Record<string, unknown> => item !== undefined && stillListed(item))
      .map(stripKeys);
  }

  /**
   * Everything the engine reads before planning, in ONE BatchGetItem of one table: the customer's
   * profiles (fatigue) and the contacts' consent. Neither the survey nor an event record is read:
   * the survey id is derived from the event, and the transaction that creates it fails as `exists`
   * when it is already there (a re-delivery, or another report of the same fact), which costs one
   * read only for those rare events instead of on every event.
   */
  async planningState(
    identities: string[],
    contacts: string[],
  ): Promise<{ profiles: CustomerProfile[]; consent: Map<string, ContactConsent> }> {
    const customers = this.customersTable;
    const read = await this.batchGet({
      [customers]: [...identities.map(customerKey), ...contacts.map(contactKey)],
    });
    const customer = (key: { pk: string; sk: string }) => read.get(customers)?.get(itemKey(key));
    const strip = (item: Record<string, unknown> | undefined) => {
      if (!item) return undefined;
      const { pk: _pk, sk: _sk, ...rest } = item;
      return rest;
    };
    const consent = new Map<string, ContactConsent>();
    for (const c of contacts) {
      const item = strip(customer(contactKey(c)));
      if (item) consent.set(c, item as unknown as ContactConsent);
    }
    return {
      profiles: identities.map(
        (id) =>
          (strip(customer(customerKey(id))) as CustomerProfile | undefined) ?? {
            customerId: id,
            version: 0,
          },
      ),
      consent,
    };
  }

  async getCustomer(customerId: string): Promise<CustomerProfile> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.customersTable,
        Key: customerKey(customerId),
        ConsistentRead: true,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    if (!out.Item) return { customerId, version: 0 };
    const { pk: _pk, sk: _sk, ...profile } = out.Item;
    return profile as CustomerProfile;
  }

  /** Deletes a customer's fatigue profile (customer erasure). */
  async forgetCustomer(customerId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.customersTable, Key: customerKey(customerId) }));
  }

  /**
   * Records the latest known state of one of the customer's tickets under one of their identities.
   * Later reports win and older ones are dropped, so duplicate and out-of-order webhooks (a late
   * "open" after "solved") leave the newest state. Returns false when the report was older.
   */
  async recordTicket(identity: string, ticketKey: string, open: boolean, at: string): Promise<boolean> {
    return conditionalPut(this.db, this.meter, {
      TableName: this.customersTable,
      Item: {
        pk: customerKey(identity).pk,
        sk: `${ticketSortPrefix}${ticketKey}`,
        ticket: ticketKey,
        open,
        at,
        ttl: Math.floor(Date.parse(at) / 1000) + OPEN_TICKET_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':at': at },
    });
  }

  /** Keys of the tickets reported open (and not since closed) under any of these identities. */
  async openTickets(identities: readonly string[], now: Date): Promise<string[]> {
    const cutoff = new Date(now.getTime() - OPEN_TICKET_DAYS * 86_400_000).toISOString();
    const open = new Set<string>();
    for (const identity of new Set(identities)) {
      for (const item of await this.ticketItems(identity)) {
        // TTL deletes lazily (up to days late), so age is checked here as well.
        if (item.open === true && String(item.at) > cutoff) open.add(String(item.ticket));
      }
    }
    return [...open].sort();
  }

  /** Forgets every ticket recorded under an identity (customer erasure). */
  async forgetTickets(identity: string): Promise<number> {
    const items = await this.ticketItems(identity);
    for (const item of items) {
      await this.db.send(
        new DeleteCommand({ TableName: this.customersTable, Key: { pk: item.pk, sk: item.sk } }),
      );
    }
    return items.length;
  }

  private async ticketItems(identity: string): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.customersTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
          ExpressionAttributeValues: { ':pk': customerKey(identity).pk, ':t': ticketSortPrefix },
          ConsistentRead: true,
          ...(start && { ExclusiveStartKey: start }),
          ...this.meter.rc,
        }),
      );
      this.meter.record(out.ConsumedCapacity, 'read');
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * Moves customer state written by versions that kept it in the Surveys table (profiles, tickets,
   * consent) into the Customers table, then deletes the old copy. Safe to run again and while the
   * new version is live: newer state is never overwritten (a profile or ticket already in Customers
   * wins; for consent, flags set since the upgrade win and the old ones fill the rest, so an old
   * opt-out is never lost).
   */
  async moveLegacyCustomerState(
    options: {
      /** Asked between scan pages; true stops early (what was moved stays moved: run again to go on). */
      shouldStop?: () => boolean;
      pageSize?: number;
    } = {},
  ): Promise<{ moved: number; merged: number; kept: number; complete: boolean }> {
    const counts = { moved: 0, merged: 0, kept: 0, complete: true };
    const customers = this.customersTable;
    for await (const page of scanTable(this.db, this.table, {
      ...(options.pageSize && { pageSize: options.pageSize }),
      filter: {
        expression: 'begins_with(pk, :customer) OR begins_with(pk, :contact)',
        values: { ':customer': 'CUSTOMER#', ':contact': 'CONTACT#' },
      },
    })) {
      for (const item of page) {
        const key = { pk: item.pk, sk: item.sk };
        const isTicket = String(item.sk).startsWith(ticketSortPrefix);
        const moved = await conditionalPut(this.db, this.meter, {
          TableName: customers,
          Item: item,
          // A ticket report already in Customers is kept only if it is newer (as in recordTicket).
          ...(isTicket
            ? {
                ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
                ExpressionAttributeNames: { '#at': 'at' },
                ExpressionAttributeValues: { ':at': item.at },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        });
        if (moved) counts.moved++;
        else if (item.sk === 'CONSENT') {
          await this.mergeOldConsent(item);
          counts.merged++;
        } else counts.kept++;
        await this.db.send(new DeleteCommand({ TableName: this.table, Key: key }));
      }
      if (options.shouldStop?.()) {
        counts.complete = false;
        break;
      }
    }
    return counts;
  }

  /** Whether `moveLegacyCustomerState` has finished once on this table (a marker in Customers). */
  async legacyCustomerStateMoved(): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.customersTable, Key: LEGACY_MOVED_MARKER, ConsistentRead: true }),
    );
    return out.Item !== undefined;
  }

  async markLegacyCustomerStateMoved(at: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.customersTable,
        Item: { ...LEGACY_MOVED_MARKER, movedAt: at.toISOString() },
      }),
    );
  }

  /** Fills the consent flags a contact's newer record does not set from its older record. */
  private async mergeOldConsent(old: Record<string, unknown>): Promise<void> {
    const flags = (['smsOptedOut', 'voiceOptedOut', 'emailSuppressed'] as const).filter(
      (f) => old[f] !== undefined,
    );
    if (flags.length === 0) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.customersTable,
        Key: { pk: old.pk, sk: old.sk },
        UpdateExpression: `SET ${flags.map((_f, i) => `#f${i} = if_not_exists(#f${i}, :f${i})`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(flags.map((f, i) => [`#f${i}`, f])),
        ExpressionAttributeValues: Object.fromEntries(flags.map((f, i) => [`:f${i}`, old[f]])),
      }),
    );
  }

  async getConsent(contact: string): Promise<ContactConsent | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.customersTable,
        Key: contactKey(contact),
        ConsistentRead: true,
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...consent } = out.Item;
    return consent as ContactConsent;
  }

  /** Whether an inbound message (provider id) was already handled. */
  async inboundSeen(messageId: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.customersTable,
        Key: inboundKey(messageId),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'read');
    return out.Item !== undefined;
  }

  /**
   * Remembers that an inbound message was handled, and how (no number, no text, a hash of its id:
   * the record names no one). Written after its effect, so a crash in between repeats an effect
   * that is idempotent rather than losing it.
   */
  async recordInbound(messageId: string, at: Date, outcome: string): Promise<void> {
    await conditionalPut(this.db, this.meter, {
      TableName: this.customersTable,
      Item: {
        ...inboundKey(messageId),
        at: at.toISOString(),
        outcome,
        ttl: Math.floor(at.getTime() / 1000) + INBOUND_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /**
   * Applies a STOP (`optOut`) or START to a number's SMS and voice consent, unless a keyword the
   * customer sent later (provider time `at`) already applied: keywords take effect in the order
   * they were sent, whatever order they arrive in (equal times: in arrival order). A number opted
   * out before keyword times were kept is ordered by its `updatedAt`. Returns whether it applied,
   * and the state before.
   */
  async applySmsKeyword(
    phone: string,
    optOut: boolean,
    at: Date,
    now: Date,
  ): Promise<{ applied: boolean; before?: ContactConsent }> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.customersTable,
          Key: contactKey(phone),
          UpdateExpression:
            'SET #c = :c, updatedAt = :now, smsOptedOut = :o, voiceOptedOut = :o, smsKeywordAt = :at',
          ConditionExpression:
            'smsKeywordAt <= :at OR (attribute_not_exists(smsKeywordAt) AND ' +
            '(attribute_not_exists(updatedAt) OR updatedAt <= :at))',
          ExpressionAttributeNames: { '#c': 'contact' },
          ExpressionAttributeValues: {
            ':c': phone.toLowerCase(),
            ':now': now.toISOString(),
            ':o': optOut,
            ':at': at.toISOString(),
          },
          ReturnValues: 'ALL_OLD',
          ...this.meter.rc,
        }),
      );
      this.meter.record(out.ConsumedCapacity, 'write');
      if (!out.Attributes) return { applied: true };
      const { pk: _pk, sk: _sk, ...before } = out.Attributes;
      return { applied: true, before: before as ContactConsent };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { applied: false };
      throw error;
    }
  }

  /** Deletes a contact's consent record unless it still refuses something (customer erasure). */
  async forgetConsentUnlessRefused(contact: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.customersTable,
          Key: contactKey(contact),
          ConditionExpression:
            'NOT (smsOptedOut = :t OR voiceOptedOut = :t OR attribute_exists(emailSuppressed))',
          ExpressionAttributeValues: { ':t': true },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Sets consent flags on a contact; returns the previous state (to confirm an opt-out only once). */
  async updateConsent(
    contact: string,
    flags: Partial<Omit<ContactConsent, 'contact' | 'updatedAt'>> & {
      emailSuppressed?: ContactConsent['emailSuppressed'] | null;
    },
    at: Date,
  ): Promise<ContactConsent | undefined> {
    const names: Record<string, string> = { '#c': 'contact', '#u': 'updatedAt' };
    const values: Record<string, unknown> = { ':c': contact.toLowerCase(), ':u': at.toISOString() };
    const sets = ['#c = :c', '#u = :u'];
    const removes: string[] = [];
    let i = 0;
    for (const [key, value] of Object.entries(flags)) {
      if (value === undefined) continue;
      names[`#k${i}`] = key;
      if (value === null) removes.push(`#k${i}`);
      else {
        values[`:k${i}`] = value;
        sets.push(`#k${i} = :k${i}`);
      }
      i++;
    }
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.customersTable,
        Key: contactKey(contact),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
        ...this.meter.rc,
      }),
    );
    this.meter.record(out.ConsumedCapacity, 'write');
    if (!out.Attributes) return undefined;
    const { pk: _pk, sk: _sk, ...old } = out.Attributes;
    return old as ContactConsent;
  }
}
