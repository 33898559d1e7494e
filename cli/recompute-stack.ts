import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../shared/adapters/clock.ts';
import { AggregateStore } from '../shared/adapters/dynamo/aggregate-store.ts';
import { documentClientOf } from '../shared/adapters/dynamo/client.ts';
import { ResponseStore } from '../shared/adapters/dynamo/response-store.ts';
import { SurveyStore } from '../shared/adapters/dynamo/survey-store.ts';
import { shippedConfig } from '../shared/domain/touchpoints.ts';
import { type RecomputeProgress, recomputeAggregates } from '../shared/usecases/recompute.ts';
import { awsError, CliUsageError, type Outputs } from './connection.ts';

/** The stateful stack's table outputs a recompute needs. */
const TABLE_OUTPUTS = ['ResponsesTableName', 'SurveysTableName', 'AggregatesTableName'] as const;

/**
 * `touchpoint recompute` against a deployed stack: the same fold as the local runtime's, run from
 * the admin's machine with their AWS credentials against the tables the stack outputs name (no
 * Lambda time limit, a progress bar for big tables).
 */
export async function recomputeInStack(
  outputs: Outputs,
  region: string | undefined,
  onProgress: (p: RecomputeProgress) => void,
): Promise<{ items: number; removed: number; keptHistorical: number }> {
  const missing = TABLE_OUTPUTS.filter((name) => !outputs[name]);
  if (missing.length > 0)
    throw new CliUsageError(
      `the stack outputs have no ${missing.join(', ')} (the stateful stack's table names)`,
    );
  const dynamo = new DynamoDBClient({ ...(region && { region }), maxAttempts: 5 });
  const db = documentClientOf(dynamo);
  try {
    return await recomputeAggregates(
      {
        clock: systemClock,
        config: shippedConfig(),
        responses: new ResponseStore(db, outputs.ResponsesTableName ?? ''),
        surveys: new SurveyStore(db, { surveys: outputs.SurveysTableName ?? '' }),
        aggregates: new AggregateStore(db, outputs.AggregatesTableName ?? ''),
      },
      onProgress,
    );
  } catch (error) {
    if (
      (error as { $metadata?: unknown }).$metadata !== undefined ||
      (error as Error).name?.includes('Credentials')
    )
      throw awsError(error, `the tables ${TABLE_OUTPUTS.map((n) => outputs[n]).join(', ')}`, region);
    throw error;
  } finally {
    dynamo.destroy();
  }
}
