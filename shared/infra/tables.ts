/**
 * Table definitions: the one source of truth for keys, indexes, stream view types and TTL
 * attributes. The CDK stateful stack and the local runtime both build their tables from this.
 */

export type KeyType = 'S' | 'N';

export interface TableDefinition {
  /** Logical id, also the suffix of the physical table name. */
  id: 'Events' | 'Surveys' | 'Customers' | 'Responses' | 'Aggregates';
  /** Env var through which functions learn the physical table name. */
  envVar: string;
  partitionKey: { name: string; type: KeyType };
  sortKey?: { name: string; type: KeyType };
  globalIndexes: Array<{
    name: string;
    partitionKey: { name: string; type: KeyType };
    sortKey?: { name: string; type: KeyType };
    /** Projected attributes; ALL keeps reads to one request. */
    projection: 'ALL' | 'KEYS_ONLY';
  }>;
  stream?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
  ttlAttribute?: string;
}

/** Accepted webhook events and cross-source dedupe markers. Raw events expire (TTL). */
export const EVENTS_TABLE: TableDefinition = {
  id: 'Events',
  envVar: 'EVENTS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  globalIndexes: [],
  ttlAttribute: 'ttl',
};

/**
 * Surveys. `gsi1` is the sparse due-time index the dispatcher queries; `gsi2` finds the open
 * surveys of a phone-number pair or email so replies are routed. The stream feeds
 * sent/delivered/answered counts into the scores.
 */
export const SURVEYS_TABLE: TableDefinition = {
  id: 'Surveys',
  envVar: 'SURVEYS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  // Both indexes project keys only: a survey item carries its decision and attempt history (a few
  // KB), and with ALL every update of it (claim, sent, reply) would be written again into the index
  // at full size. Readers take the keys and fetch the items with one consistent BatchGetItem: reads
  // cost a fifth of writes and the fetch sees the current state, not the index's lagging copy.
  globalIndexes: [
    {
      name: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      name: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'ttl',
};

/**
 * Customer state the engine decides with: fatigue profiles (`CUSTOMER#<identity>`/`PROFILE`),
 * the open tickets under an identity (`CUSTOMER#<identity>`/`TICKET#…`, expiring by TTL) and the
 * consent of each phone number and email address (`CONTACT#<contact>`/`CONSENT`).
 * Deliberately without indexes or a stream: every ingested event claims one or two profiles, and
 * in the Surveys table each claim was also a stream record the score consumer had to read and
 * drop, plus index upkeep on every write.
 */
export const CUSTOMERS_TABLE: TableDefinition = {
  id: 'Customers',
  envVar: 'CUSTOMERS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  ttlAttribute: 'ttl',
};

/**
 * One item per answered survey (keyed by surveyId, so a changed answer overwrites it).
 * Its stream drives the score aggregates; TTL expiry of raw responses is ignored by the
 * consumer so historical scores never change when raw data ages out.
 */
export const RESPONSES_TABLE: TableDefinition = {
  id: 'Responses',
  envVar: 'RESPONSES_TABLE',
  partitionKey: { name: 'surveyId', type: 'S' },
  globalIndexes: [
    {
      name: 'byTouchpoint',
      partitionKey: { name: 'touchpoint', type: 'S' },
      sortKey: { name: 'answeredAt', type: 'S' },
      projection: 'ALL',
    },
    {
      name: 'byCustomer',
      partitionKey: { name: 'customerId', type: 'S' },
      sortKey: { name: 'answeredAt', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'ttl',
};

/** Pre-folded score aggregates: one item per touchpoint x period, dimensions as attributes. */
export const AGGREGATES_TABLE: TableDefinition = {
  id: 'Aggregates',
  envVar: 'AGGREGATES_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  // Only ledger entries carry a ttl; aggregate items never expire.
  ttlAttribute: 'ttl',
};

export const TABLES = [
  EVENTS_TABLE,
  SURVEYS_TABLE,
  CUSTOMERS_TABLE,
  RESPONSES_TABLE,
  AGGREGATES_TABLE,
] as const;
