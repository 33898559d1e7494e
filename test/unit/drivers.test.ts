import { describe, expect, it } from 'vitest';
import { computeDrivers } from '../../shared/domain/drivers.ts';
import { isNegativeComment } from '../../shared/domain/negative-words.ts';
import { periodKeys } from '../../shared/domain/periods.ts';

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
      computeDrivers('ticket_closed', { ticketCreatedAt: '2026-03-10T08:00:00Z' }, '2026-03-10T20:00:00Z'),
    ).toEqual({ resolution: '4to24h' });
    expect(
      computeDrivers(
        'ticket_closed',
        { ticketCreatedAt: '2026-03-08T08:00:00Z', ticketReplies: 7 },
        '2026-03-10T08:00:00Z',
      ),
    ).toEqual({ resolution: 'gt24h', replies: '4plus' });
  });

  it('buckets delivery time and lateness against the promised date', () => {
    expect(
      computeDrivers(
        'delivery',
        { orderCreatedAt: '2026-03-10T10:00:00Z', promisedDeliveryAt: '2026-03-13T00:00:00Z' },
        '2026-03-13T15:00:00Z',
      ),
    ).toEqual({ delivery_time: '2to4d', lateness: 'on_time' });
    expect(
      computeDrivers(
        'delivery',
        { orderCreatedAt: '2026-03-01T10:00:00Z', promisedDeliveryAt: '2026-03-05T12:00:00Z' },
        '2026-03-07T09:00:00Z',
      ),
    ).toEqual({ delivery_time: 'gt4d', lateness: 'late' });
  });

  it('adds no driver without the data', () => {
    expect(computeDrivers('purchase', { orderId: '1' }, '2026-03-10T10:00:00Z')).toEqual({});
    expect(computeDrivers('delivery', {}, '2026-03-10T10:00:00Z')).toEqual({});
  });
});

describe('periods', () => {
  it('uses ISO weeks: 1 January 2027 belongs to 2026-W53', () => {
    expect(periodKeys(new Date('2027-01-01T12:00:00Z'), 'UTC')).toEqual([
      'D#2027-01-01',
      'W#2026-W53',
      'M#2027-01',
      'ALL',
    ]);
    expect(periodKeys(new Date('2026-12-28T12:00:00Z'), 'UTC')[1]).toBe('W#2026-W53');
    expect(periodKeys(new Date('2027-01-04T12:00:00Z'), 'UTC')[1]).toBe('W#2027-W01');
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
