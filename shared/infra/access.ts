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

export const FUNCTION_ACCESS: Readonly<Record<FunctionName, FunctionAccess>> = {
  'ingest-webhook': {
    secret: true,
    tables: {
      Events: { actions: ['GetItem', 'PutItem'] },
      Surveys: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'BatchGetItem'] },
      Customers: { actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    },
  },
  'eventbridge-ingest': {
    secret: true,
    tables: {
      Events: { actions: ['GetItem', 'PutItem'] },
      Surveys: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'BatchGetItem'] },
      Customers: { actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    },
  },
  'twilio-webhook': {
    secret: true,
    tables: {
      Surveys: { actions: ['GetItem', 'BatchGetItem', 'UpdateItem'], indexes: SURVEY_THREADS },
      Customers: { actions: ['GetItem', 'UpdateItem'] },
      Responses: { actions: ['GetItem', 'PutItem'] },
    },
  },
  'sms-inbound': {
    secret: true,
    sms: true,
    tables: {
      Events: { actions: ['PutItem'] },
      Surveys: { actions: ['BatchGetItem', 'UpdateItem'], indexes: SURVEY_THREADS },
      Customers: { actions: ['GetItem', 'UpdateItem'] },
      Responses: { actions: ['GetItem', 'PutItem'] },
    },
  },
  'email-link': {
    secret: true,
    tables: {
      Surveys: { actions: ['GetItem', 'UpdateItem'] },
      Customers: { actions: ['UpdateItem'] },
      Responses: { actions: ['GetItem', 'PutItem'] },
    },
  },
  'admin-api': {
    secret: true,
    email: true,
    sms: true,
    tables: {
      Aggregates: { actions: ['GetItem', 'Query', 'UpdateItem'] },
      Responses: { actions: ['GetItem', 'Query', 'UpdateItem'], indexes: { byTouchpoint: ['Query'], byCustomer: ['Query'] } },
      Surveys: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'BatchGetItem'], indexes: SURVEY_THREADS },
      Customers: { actions: ['GetItem', 'UpdateItem', 'DeleteItem', 'Query'] },
      Events: { actions: ['DeleteItem'] },
    },
  },
  'dispatch-tick': {
    secret: true,
    email: true,
    sms: true,
    alerts: true,
    tables: {
      Surveys: { actions: ['GetItem', 'BatchGetItem', 'UpdateItem'], indexes: { gsi1: ['Query'] } },
      Customers: { actions: ['GetItem', 'BatchGetItem'] },
      Aggregates: { actions: ['Query', 'UpdateItem'] },
    },
  },
  'score-stream': {
    secret: true,
    alerts: true,
    streams: ['Responses', 'Surveys'],
    tables: {
      Aggregates: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    },
  },
  'ses-feedback': {
    secret: true,
    tables: {
      Surveys: { actions: ['GetItem', 'UpdateItem'] },
      Customers: { actions: ['UpdateItem'] },
    },
  },
  'migrate-customers': {
    secret: false,
    tables: {
      Surveys: { actions: ['Scan', 'DeleteItem'] },
      Customers: { actions: ['GetItem', 'PutItem', 'UpdateItem'] },
    },
  },
};
