import { randomBytes } from 'node:crypto';
import { expect, inject } from 'vitest';
import { type LocalRuntime, type RuntimeOptions, startLocalRuntime } from '../../local/runtime.ts';
import type { StoredEvent } from '../../shared/adapters/dynamo/event-store.ts';
import { scanTable } from '../../shared/adapters/dynamo/response-store.ts';
import type { Survey } from '../../shared/domain/survey.ts';
import {
  loadTouchpointConfig,
  shippedConfig,
  type TouchpointConfig,
} from '../../shared/domain/touchpoints.ts';

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

/**
 * What an event left in the store: its event record (events that created no survey) and the
 * surveys created for it (which record the others). Scans the Surveys table: test-sized tables only.
 */
export async function storedFor(
  rt: LocalRuntime,
  eventId: string,
): Promise<{ record: StoredEvent | undefined; surveys: Survey[] }> {
  const surveys: Survey[] = [];
  for await (const page of scanTable(rt.deps.surveys.db, rt.deps.surveys.table, {
    filter: { expression: 'eventId = :e', values: { ':e': eventId } },
  })) {
    for (const item of page) {
      const survey = await rt.deps.surveys.get(String(item.surveyId));
      if (survey) surveys.push(survey);
    }
  }
  return { record: await rt.deps.events.get(eventId), surveys };
}

/** The one survey an event created, which is its only record (no event record beside it). */
export async function surveyRecording(rt: LocalRuntime, eventId: string): Promise<Survey> {
  const stored = await storedFor(rt, eventId);
  expect(stored.record, `event record of ${eventId}`).toBeUndefined();
  expect(stored.surveys, `surveys naming ${eventId}`).toHaveLength(1);
  return stored.surveys[0] as Survey;
}

/** The shipped config with some fields of some touchpoints changed, validated like any config. */
export function shippedConfigWith(touchpoints: Record<string, Record<string, unknown>>): TouchpointConfig {
  const base = shippedConfig();
  const changed = Object.fromEntries(
    Object.entries(touchpoints).map(([name, fields]) => [name, { ...base.touchpoints[name], ...fields }]),
  );
  return loadTouchpointConfig({ ...base, touchpoints: { ...base.touchpoints, ...changed } });
}
