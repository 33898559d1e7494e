import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../shared/adapters/clock.ts';
import { AggregateStore } from '../shared/adapters/dynamo/aggregate-store.ts';
import { documentClientOf } from '../shared/adapters/dynamo/client.ts';
import { ResponseStore } from '../shared/adapters/dynamo/response-store.ts';
import { SurveyStore } from '../shared/adapters/dynamo/survey-store.ts';
import { shippedConfig } from '../shared/domain/touchpoints.ts';
import { moveCustomerState } from '../shared/usecases/move-customer-state.ts';
import { type RecomputeProgress, recomputeAggregates } from '../shared/usecases/recompute.ts';
import { awsError, CliUsageError, type Outputs } from './connection.ts';

/**
 * Commands that work on a deployed stack's tables directly, from the admin's machine with their AWS
 * credentials (no Lambda time limit, no API sign-in): the tables are named by the stateful stack's
 * outputs.
 */
async function withStackTables<T>(
  outputs: Outputs,
  region: string | undefined,
  names: readonly string[],
  work: (db: DynamoDBDocumentClient, table: (output: string) => string) => Promise<T>,
): Promise<T> {
  const missing = names.filter((name) => !outputs[name]);
  if (missing.length > 0)
    throw new CliUsageError(
      `the stack outputs have no ${missing.join(', ')} (the stateful stack's table names)`,
    );
  const dynamo = new DynamoDBClient({ ...(region && { region }), maxAttempts: 5 });
  try {
    return await work(documentClientOf(dynamo), (output) => outputs[output] ?? '');
  } catch (error) {
    if (
      (error as { $metadata?: unknown }).$metadata !== undefined ||
      (error as Error).name?.includes('Credentials')
    )
      throw awsError(error, `the tables ${names.map((n) => outputs[n]).join(', ')}`, region);
    throw error;
  } finally {
    dynamo.destroy();
  }
}

/** `touchpoint recompute` against a deployed stack: the same fold as the local runtime's. */
export function recomputeInStack(
  outputs: Outputs,
  region: string | undefined,
  onProgress: (p: RecomputeProgress) => void,
): Promise<{ items: number; removed: number; keptHistorical: number }> {
  return withStackTables(
    outputs,
    region,
    ['ResponsesTableName', 'SurveysTableName', 'AggregatesTableName'],
    (db, table) =>
      recomputeAggregates(
        {
          clock: systemClock,
          config: shippedConfig(),
          responses: new ResponseStore(db, table('ResponsesTableName')),
          surveys: new SurveyStore(db, { surveys: table('SurveysTableName') }),
          aggregates: new AggregateStore(db, table('AggregatesTableName')),
        },
        onProgress,
      ),
  );
}

/**
 * `touchpoint migrate-customers`: moves the customer state an earlier version kept in the Surveys
 * table (fatigue profiles, open tickets, consent) into the Customers table. Safe to run again and
 * while the stack is live (see `SurveyStore.moveLegacyCustomerState`).
 */
export function migrateCustomersInStack(
  outputs: Outputs,
  region: string | undefined,
): Promise<{ moved: number; merged: number; kept: number }> {
  return withStackTables(outputs, region, ['SurveysTableName', 'CustomersTableName'], async (db, table) => {
    const store = new SurveyStore(db, {
      surveys: table('SurveysTableName'),
      customers: table('CustomersTableName'),
    });
    // Always scans (it is asked for), and marks the move done so the deploy trigger skips it.
    const { moved, merged, kept } = await moveCustomerState(store, () => systemClock.now());
    return { moved, merged, kept };
  });
}
