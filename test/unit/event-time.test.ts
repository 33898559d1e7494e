import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.ts';
import { SOURCE_ADAPTERS } from '../../shared/sources/index.ts';
import type { WebhookRequest } from '../../shared/sources/types.ts';

/**
 * Issue 17.1: a signed event dated in year 9999 was accepted and, due in year 10000, sorted before
 * every real survey in the due index. Every source now refuses event times outside the accepted
 * window (24 hours ahead, 366 days back) with a 422 that names the source's own field.
 */
const now = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sample = (file: string) => JSON.parse(readFileSync(`events/${file}`, 'utf8'));
const json = (body: unknown, headers: Record<string, string> = {}): WebhookRequest => ({
  headers: { 'content-type': 'application/json', ...headers },
  rawBody: JSON.stringify(body),
});

/** Each source with a request whose event time is `at`, and the field its error must name. */
const sources: Array<{ name: string; field: string; request: (at: string) => WebhookRequest }> = [
  {
    name: 'generic',
    field: 'occurredAt',
    request: (at) => json({ ...sample('generic/purchase.json'), occurredAt: at }),
  },
  {
    name: 'shopify',
    field: 'created_at',
    request: (at) =>
      json(
        { ...sample('shopify/orders-create.json'), created_at: at },
        { 'x-shopify-topic': 'orders/create' },
      ),
  },
  {
    name: 'shopify',
    field: 'happened_at',
    request: (at) =>
      json(
        { ...sample('shopify/fulfillment-event-delivered.json'), happened_at: at },
        { 'x-shopify-topic': 'fulfillment_events/create' },
      ),
  },
  {
    name: 'zendesk',
    field: 'ticket.updated_at',
    request: (at) => {
      const body = sample('zendesk/ticket-solved.json');
      return json({ ...body, ticket: { ...body.ticket, updated_at: at } });
    },
  },
  {
    name: 'aftership',
    field: 'msg.shipment_delivery_date',
    request: (at) => {
      const body = sample('aftership/tracking-delivered.json');
      return json({ ...body, msg: { ...body.msg, shipment_delivery_date: at, updated_at: at } });
    },
  },
];

function rejection(name: string, req: WebhookRequest): ValidationError | undefined {
  try {
    SOURCE_ADAPTERS[name as keyof typeof SOURCE_ADAPTERS].normalize(req, now);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

describe('event time window on every source', () => {
  for (const { name, field, request } of sources) {
    it(`${name}: rejects ${field} in year 9999, ten years ahead and in 1970 with a 422 naming it`, () => {
      for (const at of ['9999-12-31T23:59:59Z', '2036-03-10T12:00:00Z', '1970-01-01T00:00:00Z']) {
        const error = rejection(name, request(at));
        expect(error, `${field} = ${at}`).toBeInstanceOf(ValidationError);
        expect(error?.status).toBe(422);
        expect(error?.message).toContain(field);
      }
    });

    it(`${name}: accepts ${field} up to 24 hours ahead and up to 366 days back`, () => {
      for (const offset of [23 * HOUR, -365 * DAY, 0]) {
        const at = new Date(now.getTime() + offset).toISOString();
        expect(rejection(name, request(at)), `${field} = ${at}`).toBeUndefined();
      }
    });
  }

  it('says how far off the time is and what the window is', () => {
    const error = rejection('generic', sources[0]?.request('2026-03-12T12:00:00Z') as WebhookRequest);
    expect(error?.message).toMatch(/occurredAt: .*48 hours ahead.*at most 24 hours/);
    const old = rejection('generic', sources[0]?.request('2024-01-01T00:00:00Z') as WebhookRequest);
    expect(old?.message).toMatch(/occurredAt: .*days old.*at most 366 days/);
  });
});
