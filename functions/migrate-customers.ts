// Deploy-time adapter: a CloudFormation trigger (aws-cdk-lib/triggers) runs it after each deploy
// that changes it -> moves customer state of earlier versions into the Customers table, once.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { systemClock } from '../shared/adapters/clock.ts';
import { documentClientOf } from '../shared/adapters/dynamo/client.ts';
import { SurveyStore } from '../shared/adapters/dynamo/survey-store.ts';
import { ConfigError } from '../shared/errors.ts';
import { logger } from '../shared/runtime/log.ts';
import { type MoveReport, moveCustomerState } from '../shared/usecases/move-customer-state.ts';

// Only the two tables: unlike the other functions it must not need the secret, which a first
// deploy has not filled yet (the trigger runs inside that deploy).
const Env = z.object({ SURVEYS_TABLE: z.string().min(1), CUSTOMERS_TABLE: z.string().min(1) });

/** Time left when the scan stops, so the function answers before Lambda's timeout. */
const STOP_BEFORE_TIMEOUT_MS = 60_000;

export function createHandler(
  surveys: SurveyStore,
  now: () => Date = () => systemClock.now(),
  /** Scan page size per segment; smaller pages check the remaining time more often. */
  pageSize = 1000,
) {
  return async (
    _event: unknown,
    context?: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<MoveReport> => {
    const report = await moveCustomerState(surveys, now, {
      skipIfDone: true,
      pageSize,
      shouldStop: () => (context ? context.getRemainingTimeInMillis() < STOP_BEFORE_TIMEOUT_MS : false),
    });
    if (!report.complete)
      logger.warn('customer state only partly moved before the timeout; run `touchpoint migrate-customers`', {
        ...report,
      });
    else logger.info('customer state moved', { ...report });
    return report;
  };
}

let ready: ReturnType<typeof createHandler> | undefined;

export const handler = (event: unknown, context: Context): Promise<MoveReport> => {
  if (!ready) {
    const parsed = Env.safeParse(process.env);
    if (!parsed.success)
      throw new ConfigError(
        `invalid environment: missing ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    ready = createHandler(
      new SurveyStore(documentClientOf(new DynamoDBClient({ maxAttempts: 5 })), {
        surveys: parsed.data.SURVEYS_TABLE,
        customers: parsed.data.CUSTOMERS_TABLE,
      }),
    );
  }
  return ready(event, context);
};
