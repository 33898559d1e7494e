import {
  type ConsumedCapacity,
  CreateTableCommand,
  DeleteTableCommand,
  type DynamoDBClient,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { plainTableInput } from '../../infra/create-tables.ts';

/**
 * Optional capacity accounting: when enabled, every request asks for ReturnConsumedCapacity and
 * the totals are added up (the benchmark turns them into cost per survey).
 */
export interface UsageMeter {
  rc: { ReturnConsumedCapacity?: 'TOTAL' };
  /**
   * `items`: how many items a write request wrote; `transaction` for TransactWriteItems (several
   * items, billed at the transactional rate).
   */
  record(
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
    kind: 'read' | 'write',
    items?: number,
    transaction?: boolean,
  ): void;
}

export class CapacityMeter implements UsageMeter {
  readonly rc = { ReturnConsumedCapacity: 'TOTAL' as const };
  readUnits = 0;
  writeUnits = 0;
  requests = 0;
  readRequests = 0;
  writeRequests = 0;
  /** Items written (a transaction counts each of its items; a plain write counts one). */
  writeItems = 0;
  /**
   * Factor applied to the units a store reports for transactional writes. AWS bills 2 units per KB
   * of a transactional write; DynamoDB Local 2.x reports 4, so the benchmark probes the store and
   * sets 0.5 there (see `bench/run.ts`).
   */
  transactionalWriteScale = 1;

  record(
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
    kind: 'read' | 'write',
    items = 1,
    transaction = false,
  ): void {
    const scale = transaction ? this.transactionalWriteScale : 1;
    this.requests++;
    if (kind === 'read') this.readRequests++;
    else {
      this.writeRequests++;
      this.writeItems += items;
    }
    for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      // DynamoDB reports either the split or only the total (DynamoDB Local): the call's kind decides.
      if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
        this.readUnits += c.ReadCapacityUnits ?? 0;
        this.writeUnits += (c.WriteCapacityUnits ?? 0) * scale;
      } else if (kind === 'read') this.readUnits += c.CapacityUnits ?? 0;
      else this.writeUnits += (c.CapacityUnits ?? 0) * scale;
    }
  }

  reset(): void {
    this.readUnits = 0;
    this.writeUnits = 0;
    this.requests = 0;
    this.readRequests = 0;
    this.writeRequests = 0;
    this.writeItems = 0;
  }
}

export const usage = {
  none: { rc: {}, record: () => {} } satisfies UsageMeter as UsageMeter,
};

/** What AWS bills for a transactional write of an item up to 1 KB (DynamoDB pricing). */
export const TRANSACTIONAL_WRITE_UNITS_PER_KB = 2;

/**
 * Asks the store what it reports for a one-item transaction of a tiny item (AWS: 2 units) and
 * returns the factor that turns its reports into AWS's: 1 on AWS and DynamoDB Local 3.x, 0.5 on
 * DynamoDB Local 2.x, which counts transactional writes twice. Uses a throwaway table.
 */
export async function probeTransactionalWriteScale(
  client: DynamoDBClient,
  table = `capacity-probe-${Date.now()}`,
): Promise<{ reportedUnits: number; scale: number }> {
  await client.send(new CreateTableCommand(plainTableInput(table)));
  try {
    const out = await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: table, Item: { pk: { S: 'probe' } } } }],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    // Read through an unscaled meter, so split and total-only reports are handled as everywhere.
    const meter = new CapacityMeter();
    meter.record(out.ConsumedCapacity, 'write');
    const reportedUnits = meter.writeUnits;
    return {
      reportedUnits,
      scale: reportedUnits > 0 ? TRANSACTIONAL_WRITE_UNITS_PER_KB / reportedUnits : 1,
    };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: table }));
  }
}
