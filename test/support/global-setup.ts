import type { TestProject } from 'vitest/node';
import { buildDashboard } from '../../dashboard/build.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let db: DynamoDbLocal | undefined;

/**
 * One in-memory DynamoDB Local for the whole run; each test file creates its own tables. The
 * dashboard is built once, before any test serves it.
 */
export async function setup(project: TestProject): Promise<void> {
  await buildDashboard();
  db = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', db.endpoint);
}

export async function teardown(): Promise<void> {
  await db?.stop();
}
