import type { FunctionName } from './routes.ts';
import type { TableDefinition } from './tables.ts';

/**
 * What each function's code calls in AWS: the one source of its IAM policy (infra/stateless) and of
 * the tables it is told about. The deploy rehearsal (test/rehearsal) runs every bundle, records every
 * call it makes, and fails on a call this list does not grant or a grant no call used, so the list
 * cannot drift from the code in either direction.
 */

export type TableId = TableDefinition['id'];

/** DynamoDB actions as IAM names them (a TransactWriteItems is authorized per item: Put/Update/Delete/ConditionCheck). */
export type ItemAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'Scan'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheckItem'
  | 'BatchWriteItem';

export interface TableUse {
  /** Actions on the table itself. */
  readonly actions: readonly ItemAction[];
  /** Actions on each index, by index name. */
  readonly indexes?: Readonly<Record<string, readonly ('Query' | 'Scan')[]>>;
}

export interface FunctionAccess {
  readonly tables: Readonly<Partial<Record<TableId, TableUse>>>;
  /** Streams the function consumes through an event source mapping (Lambda reads them with its role). */
  readonly streams?: readonly TableId[];
  /** Reads the Touchpoint secret (GetSecretValue). */
  readonly secret: boolean;
  /** Sends survey email through SES (from the configured sender, through the configuration set). */
  readonly email?: boolean;
  /** Sends SMS; with `-c smsProvider=sns` this is SNS Publish to phone numbers (and the opt-out check). */
  readonly sms?: boolean;
  /** Publishes closed-loop alerts to the alert topic. */
  readonly alerts?: boolean;
}

const SURVEY_THREADS = { gsi2: ['Query'] } as const;

/** Event ingest (webhooks and the bus): plan, claim fatigue slots, track tickets, record what made no survey. */
const INGEST: FunctionAccess = {
  secret: true,
  tables: {
    Events: { actions: ['GetItem', 'PutItem'] },
    Surveys: { actions: ['GetItem', 'PutItem', 'UpdateItem'] },
    Customers: { actions: ['BatchGetItem', 'PutItem', 'Query'] },
  },
};

/** Replies to an SMS survey (Twilio's webhook or SNS two-way): the thread, consent, the response. */
const SMS_REPLIES = {
  Surveys: { actions: ['BatchGetItem', 'UpdateItem'], indexes: SURVEY_THREADS },
  // PutItem: inbound messages that touch no survey (keywords, HELP) are remembered by hashed id.
  Customers: { actions: ['GetItem', 'PutItem', 'UpdateItem'] },
  Responses: { actions: ['GetItem', 'PutItem'] },
} as const;

/** What every function of the stack may call (see the file's comment). */
export function functionAccess(): Readonly<Record<FunctionName, FunctionAccess>> {
  return {
    'ingest-webhook': INGEST,
    'eventbridge-ingest': INGEST,
    'twilio-webhook': {
      secret: true,
      tables: {
        ...SMS_REPLIES,
        // Delivery callbacks and the IVR read their survey by id.
        Surveys: { ...SMS_REPLIES.Surveys, actions: ['GetItem', ...SMS_REPLIES.Surveys.actions] },
      },
    },
    'sms-inbound': {
      secret: true,
      sms: true,
      // Inbound message ids claimed once, so each is answered once.
      tables: { ...SMS_REPLIES, Events: { actions: ['PutItem'] } },
    },
    'email-link': {
      secret: true,
      tables: {
        Surveys: { actions: ['GetItem', 'UpdateItem'] },
        Customers: { actions: ['UpdateItem'] },
        Responses: { actions: ['GetItem', 'PutItem'] },
      },
    },
    // Scores, responses and alerts; export and erase (which scan Surveys and Events for the
    // customer); test sends.
    'admin-api': {
      secret: true,
      email: true,
      sms: true,
      tables: {
        // Erase deletes the customer's alerts and follow-ups.
        Aggregates: { actions: ['GetItem', 'Query', 'DeleteItem'] },
        Responses: { actions: ['GetItem', 'PutItem'], indexes: { byTouchpoint: ['Query'] } },
        // The parked list reads the due index's parked partition; requeue updates.
        Surveys: {
          actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'Scan'],
          indexes: { gsi1: ['Query'] },
        },
        // Erase remembers the erased surveys' inbound message ids by hash (PutItem).
        Customers: { actions: ['GetItem', 'PutItem', 'Query', 'DeleteItem'] },
        Events: { actions: ['Scan', 'DeleteItem'] },
      },
    },
    'dispatch-tick': {
      secret: true,
      email: true,
      sms: true,
      alerts: true,
      tables: {
        Surveys: {
          // GetItem: a survey that failed is read again before its error is recorded (parked-surveys.ts).
          actions: ['BatchGetItem', 'GetItem', 'UpdateItem'],
          indexes: { gsi1: ['Query'] },
        },
        Customers: { actions: ['GetItem', 'Query'] },
        Aggregates: { actions: ['Query', 'UpdateItem'] },
      },
    },
    'score-stream': {
      secret: true,
      alerts: true,
      streams: ['Responses', 'Surveys'],
      tables: {
        Aggregates: { actions: ['Query', 'PutItem', 'UpdateItem'] },
        // An alert names the survey's customer.
        Surveys: { actions: ['GetItem'] },
      },
    },
    'ses-feedback': {
      secret: true,
      tables: {
        Surveys: { actions: ['GetItem', 'UpdateItem'] },
        Customers: { actions: ['GetItem', 'UpdateItem'] },
      },
    },
    // Needs no secret: it runs inside the first deploy, before the admin fills it.
    'migrate-customers': {
      secret: false,
      tables: {
        Surveys: { actions: ['Scan', 'DeleteItem'] },
        Customers: { actions: ['GetItem', 'PutItem', 'UpdateItem'] },
      },
    },
  };
}
