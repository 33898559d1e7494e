import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type LocalRuntime, type RuntimeOptions, startLocalRuntime } from '../../local/runtime.ts';

/**
 * Starts the real local runtime (gateway, handlers, stream poller, sandbox channels) against the
 * suite's DynamoDB Local, with tables unique to the calling test file and a fixed virtual clock.
 * Background loops are off: tests move time and drain streams explicitly, so they are deterministic.
 */
export async function startTestRuntime(options: Partial<RuntimeOptions> = {}): Promise<LocalRuntime> {
  return startLocalRuntime({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `t${randomBytes(4).toString('hex')}`,
    port: 0,
    background: false,
    clockStart: new Date('2026-03-10T14:00:00Z'),
    // DynamoDB Local expires TTL items by the real clock; the virtual clock here is in the past.
    ttl: false,
    ...options,
  });
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

export const ADMIN_TOKEN = 'local-admin-token-change-me';
export const OUR_NUMBER = '+12015550100';
