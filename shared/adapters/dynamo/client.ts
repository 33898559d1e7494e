import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Document client over `client` that drops undefined values (optional fields) instead of failing. */
export function documentClientOf(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/** Physical table names, read from the env vars named in `shared/infra/tables.ts`. */
export interface TableNames {
  events: string;
  surveys: string;
  customers: string;
  responses: string;
  aggregates: string;
}
