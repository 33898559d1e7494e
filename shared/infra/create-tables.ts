import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableNames } from '../adapters/dynamo/client.ts';
import { TABLES, type TableDefinition } from './tables.ts';

/** Translates a table definition into a CreateTable request (local runtime and tests). */
export function createTableInput(def: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  const keys = [
    def.partitionKey,
    def.sortKey,
    ...def.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ];
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N',
    })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(def.globalIndexes.length > 0 && {
      GlobalSecondaryIndexes: def.globalIndexes.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey.name, KeyType: 'HASH' as const },
          ...(g.sortKey ? [{ AttributeName: g.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        Projection: { ProjectionType: g.projection },
      })),
    }),
    ...(def.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }),
  };
}

/** A throwaway table keyed by a string `pk` alone: no index, no stream (benchmark and probes). */
export function plainTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  };
}

export function tableNamesFor(prefix: string): TableNames {
  return {
    events: `${prefix}-Events`,
    surveys: `${prefix}-Surveys`,
    customers: `${prefix}-Customers`,
    responses: `${prefix}-Responses`,
    aggregates: `${prefix}-Aggregates`,
  };
}

const KEY_OF: Record<TableDefinition['id'], keyof TableNames> = {
  Events: 'events',
  Surveys: 'surveys',
  Customers: 'customers',
  Responses: 'responses',
  Aggregates: 'aggregates',
};

/** Creates any missing table (idempotent), with streams and TTL as defined; returns the ones it created. */
export async function ensureTables(
  client: DynamoDBClient,
  names: TableNames,
  options: { ttl?: boolean } = {},
): Promise<Set<TableDefinition['id']>> {
  const created = new Set<TableDefinition['id']>();
  for (const def of TABLES) {
    const tableName = names[KEY_OF[def.id]];
    try {
      await client.send(new CreateTableCommand(createTableInput(def, tableName)));
      created.add(def.id);
      if (def.ttlAttribute && options.ttl !== false) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: tableName,
            TimeToLiveSpecification: { Enabled: true, AttributeName: def.ttlAttribute },
          }),
        );
      }
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitActive(client, tableName);
  }
  return created;
}

async function waitActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

export { TABLES };
