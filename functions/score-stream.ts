// Primary adapter: DynamoDB Streams (Responses + Surveys) -> exactly-once score aggregation.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { logger } from '../shared/runtime/log.ts';
import { alertPublisher } from '../shared/runtime/senders.ts';
import { applyScoreBatch } from '../shared/usecases/apply-scores.ts';

export function createHandler(deps: Deps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const { batchItemFailures, ...report } = await applyScoreBatch(deps, event.Records);
    logger.debug('score batch', { ...report });
    return { batchItemFailures };
  };
}

export const handler = lazyHandler(createHandler, { alerts: alertPublisher });
