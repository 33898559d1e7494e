import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/**
 * Optional capacity accounting: when enabled, every request asks for ReturnConsumedCapacity and
 * the totals are added up (the benchmark turns them into cost per survey).
 */
export interface UsageMeter {
  rc: { ReturnConsumedCapacity?: 'TOTAL' };
  /** `items`: how many items a write request wrote (a transaction writes several). */
  record(
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
    kind: 'read' | 'write',
    items?: number,
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

  record(
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
    kind: 'read' | 'write',
    items = 1,
  ): void {
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
        this.writeUnits += c.WriteCapacityUnits ?? 0;
      } else if (kind === 'read') this.readUnits += c.CapacityUnits ?? 0;
      else this.writeUnits += c.CapacityUnits ?? 0;
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
