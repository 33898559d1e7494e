import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDrivers, DRIVER_BUCKETS } from '../../shared/domain/drivers.ts';
import { isNegativeComment } from '../../shared/domain/negative-words.ts';

const HOUR = 3_600_000;
const closedAfter = (ms: number) =>
  computeDrivers(
    'ticket_closed',
    { ticketCreatedAt: '2026-03-10T08:00:00Z' },
    new Date(Date.parse('2026-03-10T08:00:00Z') + ms).toISOString(),
  ).resolution;
const deliveredAfter = (ms: number) =>
  computeDrivers(
    'delivery',
    { orderCreatedAt: '2026-03-10T08:00:00Z' },
    new Date(Date.parse('2026-03-10T08:00:00Z') + ms).toISOString(),
  ).delivery_time;

describe('operational drivers', () => {
  it('buckets ticket resolution time and replies', () => {
    expect(
      computeDrivers(
        'ticket_closed',
        { ticketCreatedAt: '2026-03-10T08:00:00Z', ticketReplies: 3 },
        '2026-03-10T10:00:00Z',
      ),
    ).toEqual({ resolution: 'lt4h', replies: '2to3' });
    expect(
      computeDrivers(
        'ticket_closed',
        { ticketCreatedAt: '2026-03-08T08:00:00Z', ticketReplies: 7 },
        '2026-03-10T08:00:00Z',
      ),
    ).toEqual({ resolution: 'gt24h', replies: '4plus' });
  });

  it('puts exactly 4 h and exactly 24 h in 4to24h', () => {
    expect([4 * HOUR - 1, 4 * HOUR, 24 * HOUR, 24 * HOUR + 1].map(closedAfter)).toEqual([
      'lt4h',
      '4to24h',
      '4to24h',
      'gt24h',
    ]);
  });

  it('measures resolution across time zones as elapsed time, whatever offsets the source uses', () => {
    // 08:00+01:00 is 07:00Z; closed 10:30Z is 3.5 h later.
    expect(
      computeDrivers(
        'ticket_closed',
        { ticketCreatedAt: '2026-03-10T08:00:00+01:00' },
        '2026-03-10T10:30:00Z',
      ),
    ).toEqual({ resolution: 'lt4h' });
  });

  it('buckets replies as one-touch (0 or 1), 2-3 and 4 or more', () => {
    const replies = (n: number) =>
      computeDrivers('ticket_closed', { ticketReplies: n }, '2026-03-10T10:00:00Z');
    expect([0, 1, 2, 3, 4, 40].map((n) => replies(n).replies)).toEqual([
      '1',
      '1',
      '2to3',
      '2to3',
      '4plus',
      '4plus',
    ]);
  });

  it('buckets delivery time in days, with exactly 2 and exactly 4 days in 2to4d', () => {
    const DAY = 24 * HOUR;
    expect([2 * DAY - 1, 2 * DAY, 4 * DAY, 4 * DAY + 1].map(deliveredAfter)).toEqual([
      'lt2d',
      '2to4d',
      '2to4d',
      'gt4d',
    ]);
  });

  it('reads a promised date as "by the end of that day" and a promised time as a deadline', () => {
    const lateness = (promisedDeliveryAt: string, deliveredAt: string) =>
      computeDrivers('delivery', { promisedDeliveryAt }, deliveredAt).lateness;
    // Promised 13 March (midnight UTC): 23:59:59Z that day is on time, 00:00Z on the 14th is late.
    expect(lateness('2026-03-13T00:00:00Z', '2026-03-13T23:59:59Z')).toBe('on_time');
    expect(lateness('2026-03-13T00:00:00Z', '2026-03-14T00:00:00Z')).toBe('late');
    // Promised 13 March in Berlin (+01:00): the day ends at 23:00Z.
    expect(lateness('2026-03-13T00:00:00+01:00', '2026-03-13T22:59:59Z')).toBe('on_time');
    expect(lateness('2026-03-13T00:00:00+01:00', '2026-03-13T23:00:00Z')).toBe('late');
    // Promised by noon: on time at noon, late a second later.
    expect(lateness('2026-03-13T12:00:00Z', '2026-03-13T12:00:00Z')).toBe('on_time');
    expect(lateness('2026-03-13T12:00:00Z', '2026-03-13T12:00:01Z')).toBe('late');
  });

  it('computes delivery time and lateness together', () => {
    expect(
      computeDrivers(
        'delivery',
        { orderCreatedAt: '2026-03-01T10:00:00Z', promisedDeliveryAt: '2026-03-05T12:00:00Z' },
        '2026-03-07T09:00:00Z',
      ),
    ).toEqual({ delivery_time: 'gt4d', lateness: 'late' });
  });

  it('adds no driver without the data, for the wrong event type, or when the times are inconsistent', () => {
    expect(computeDrivers('purchase', { orderId: '1' }, '2026-03-10T10:00:00Z')).toEqual({});
    expect(computeDrivers('delivery', {}, '2026-03-10T10:00:00Z')).toEqual({});
    // Ticket fields on a purchase say nothing about that purchase.
    expect(
      computeDrivers(
        'purchase',
        { ticketCreatedAt: '2026-03-10T08:00:00Z', ticketReplies: 2 },
        '2026-03-10T10:00:00Z',
      ),
    ).toEqual({});
    // Created after it was closed (clock skew or a wrong mapping): no bucket rather than a wrong one.
    expect(
      computeDrivers('ticket_closed', { ticketCreatedAt: '2026-03-10T12:00:00Z' }, '2026-03-10T10:00:00Z'),
    ).toEqual({});
    expect(
      computeDrivers(
        'delivery',
        { orderCreatedAt: '2026-03-10T08:00:00Z', promisedDeliveryAt: '2026-03-11T00:00:00Z' },
        'soon',
      ),
    ).toEqual({});
  });

  it('only ever produces the documented driver names and buckets (property)', () => {
    const instant = fc
      .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(
        fc.constantFrom('purchase' as const, 'ticket_closed' as const, 'delivery' as const),
        fc.record(
          {
            ticketCreatedAt: instant,
            ticketReplies: fc.nat(50),
            orderCreatedAt: instant,
            promisedDeliveryAt: instant,
          },
          { requiredKeys: [] },
        ),
        instant,
        (type, context, occurredAt) => {
          const drivers: Record<string, string> = computeDrivers(type, context, occurredAt);
          for (const [name, bucket] of Object.entries(drivers))
            expect(DRIVER_BUCKETS[name as keyof typeof DRIVER_BUCKETS]).toContain(bucket);
          if (type === 'ticket_closed' && context.ticketReplies !== undefined)
            expect(drivers.replies).toBeDefined();
          if (type === 'delivery' && context.promisedDeliveryAt !== undefined)
            expect(drivers.lateness).toBeDefined();
          if (type === 'purchase') expect(drivers).toEqual({});
        },
      ),
    );
  });
});

describe('negative comment detection', () => {
  it('spots strongly negative words in the shipped languages, not neutral text', () => {
    expect(isNegativeComment('Terrible service, never again')).toBe(true);
    expect(isNegativeComment('Die Lieferung war kaputt')).toBe(true);
    expect(isNegativeComment('ужасно долго')).toBe(true);
    expect(isNegativeComment('All good, thanks')).toBe(false);
  });
});
