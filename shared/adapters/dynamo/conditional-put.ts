import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { UsageMeter } from './usage.ts';

/**
 * A PutItem guarded by a condition: true when written, false when the condition failed (the item
 * exists, or a newer version does). Every create-once and compare-and-set put goes through here, so
 * capacity accounting and the "lost the race is not an error" rule live in one place.
 */
export async function conditionalPut(
  db: DynamoDBDocumentClient,
  meter: UsageMeter,
  input: Required<Pick<PutCommandInput, 'TableName' | 'Item' | 'ConditionExpression'>> &
    Pick<PutCommandInput, 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
): Promise<boolean> {
  try {
    const out = await db.send(new PutCommand({ ...input, ...meter.rc }));
    meter.record(out.ConsumedCapacity, 'write');
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
