import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeek, periodBounds, periodKeyOfDate, periodKeys } from '../../shared/domain/periods.ts';

const keysAt = (iso: string, timeZone: string) => periodKeys(new Date(iso), timeZone);
const dayAt = (iso: string, timeZone: string) => keysAt(iso, timeZone)[0];
const weekAt = (iso: string, timeZone: string) => keysAt(iso, timeZone)[1];

/**
 * Independent oracle for ISO weeks (the ordinal-date method): week = ⌊(ordinal - weekday + 10) / 7⌋,
 * rolled into the previous or next ISO year when it falls outside 1..weeksIn(year). A year has 53
 * weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
 */
function oracleIsoWeek(year: number, month: number, day: number): string {
  const p = (y: number) => (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
  const weeksIn = (y: number) => (p(y) === 4 || p(y - 1) === 3 ? 53 : 52);
  const ordinal = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7; // Monday 1 .. Sunday 7
  const week = Math.floor((ordinal - weekday + 10) / 7);
  if (week < 1) return `${year - 1}-W${weeksIn(year - 1)}`;
  if (week > weeksIn(year)) return `${year + 1}-W01`;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('periodKeys', () => {
  it('gives the day, ISO week, month and all-time keys of an instant', () => {
    expect(keysAt('2026-03-10T12:00:00Z', 'UTC')).toEqual(['D#2026-03-10', 'W#2026-W11', 'M#2026-03', 'ALL']);
  });

  it('takes the calendar day of the reporting time zone, not of UTC', () => {
    expect(dayAt('2026-03-10T23:30:00Z', 'Europe/Berlin')).toBe('D#2026-03-11');
    expect(dayAt('2026-03-11T03:30:00Z', 'America/Los_Angeles')).toBe('D#2026-03-10');
    // Kathmandu is UTC+5:45: 18:14:59Z is 23:59:59, 18:15Z is midnight.
    expect(dayAt('2026-03-10T18:14:59Z', 'Asia/Kathmandu')).toBe('D#2026-03-10');
    expect(dayAt('2026-03-10T18:15:00Z', 'Asia/Kathmandu')).toBe('D#2026-03-11');
  });

  it('follows the spring-forward day in Berlin (23 hours: 23:00Z on 28 March to 22:00Z on 29 March)', () => {
    expect(dayAt('2026-03-28T22:59:59Z', 'Europe/Berlin')).toBe('D#2026-03-28');
    expect(dayAt('2026-03-28T23:00:00Z', 'Europe/Berlin')).toBe('D#2026-03-29');
    // 01:00Z is 03:00 CEST, right after the gap.
    expect(dayAt('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('D#2026-03-29');
    // A fixed winter offset (+1) would still say 29 March (23:30); in summer time it is 00:30 on the 30th.
    expect(dayAt('2026-03-29T22:30:00Z', 'Europe/Berlin')).toBe('D#2026-03-30');
  });

  it('follows the fall-back day in New York (25 hours: 04:00Z on 1 November to 05:00Z on 2 November)', () => {
    // 01:30 happens twice: 05:30Z (EDT) and 06:30Z (EST), both on 1 November.
    expect(dayAt('2026-11-01T05:30:00Z', 'America/New_York')).toBe('D#2026-11-01');
    expect(dayAt('2026-11-01T06:30:00Z', 'America/New_York')).toBe('D#2026-11-01');
    // 04:30Z on 2 November is 23:30 EST on 1 November; with the summer offset it would be 2 November.
    expect(dayAt('2026-11-02T04:30:00Z', 'America/New_York')).toBe('D#2026-11-01');
    expect(dayAt('2026-11-02T05:00:00Z', 'America/New_York')).toBe('D#2026-11-02');
  });

  it('starts the week on Monday midnight of the reporting zone', () => {
    // Sunday 15 March 2026, 23:30 in Berlin (22:30Z) is still W11; Monday 00:30 (23:30Z Sunday) is W12.
    expect(weekAt('2026-03-15T22:30:00Z', 'Europe/Berlin')).toBe('W#2026-W11');
    expect(weekAt('2026-03-15T23:30:00Z', 'Europe/Berlin')).toBe('W#2026-W12');
    expect(weekAt('2026-03-15T23:30:00Z', 'UTC')).toBe('W#2026-W11');
  });

  it('crosses the year boundary in the reporting zone: New Year in Auckland is still 2026 in Los Angeles', () => {
    // 11:30Z on 31 December 2026 is 00:30 on 1 January 2027 in Auckland (UTC+13), which is in 2026-W53.
    expect(keysAt('2026-12-31T11:30:00Z', 'Pacific/Auckland')).toEqual([
      'D#2027-01-01',
      'W#2026-W53',
      'M#2027-01',
      'ALL',
    ]);
    expect(keysAt('2027-01-01T05:00:00Z', 'America/Los_Angeles')).toEqual([
      'D#2026-12-31',
      'W#2026-W53',
      'M#2026-12',
      'ALL',
    ]);
  });

  it('rejects an invalid instant and an unknown time zone instead of inventing a period', () => {
    expect(() => periodKeys(new Date('not a date'), 'UTC')).toThrow(RangeError);
    expect(() => periodKeys(new Date('2026-03-10T12:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('files every instant under the date the zone shows, its ISO week and its month (property)', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, timeZone) => {
          const at = new Date(ms);
          // en-CA formats a date as YYYY-MM-DD: a different Intl path from the one under test.
          const date = at.toLocaleDateString('en-CA', { timeZone });
          const [y, m, d] = date.split('-').map(Number) as [number, number, number];
          expect(periodKeys(at, timeZone)).toEqual([
            `D#${date}`,
            `W#${oracleIsoWeek(y, m, d)}`,
            `M#${date.slice(0, 7)}`,
            'ALL',
          ]);
        },
      ),
    );
  });
});

describe('isoWeek', () => {
  it.each([
    // [date, ISO week, why]
    ['2020-12-31', '2020-W53', '2020 starts on a Wednesday and is a leap year: 53 weeks'],
    ['2021-01-01', '2020-W53', 'a Friday: its Thursday is 31 December 2020'],
    ['2021-01-03', '2020-W53', 'the Sunday ending 2020-W53'],
    ['2021-01-04', '2021-W01', 'the first Monday of 2021'],
    ['2022-01-01', '2021-W52', 'a Saturday: still the last week of 2021'],
    ['2024-12-30', '2025-W01', 'a Monday whose Thursday is 2 January 2025'],
    ['2025-12-28', '2025-W52', '2025 has 52 weeks'],
    ['2025-12-29', '2026-W01', 'a Monday whose Thursday is 1 January 2026'],
    ['2026-01-01', '2026-W01', '2026 starts on a Thursday'],
    ['2026-12-31', '2026-W53', 'so 2026 has 53 weeks'],
    ['2027-01-03', '2026-W53', 'the Sunday ending 2026-W53'],
    ['2027-01-04', '2027-W01', 'the first Monday of 2027'],
    ['2008-12-29', '2009-W01', 'the classic example'],
    ['2010-01-03', '2009-W53', '2009 starts on a Thursday'],
  ])('puts %s in %s (%s)', (date, expected) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const w = isoWeek(y, m, d);
    expect(`${w.year}-W${String(w.week).padStart(2, '0')}`).toBe(expected);
  });

  it('has 53 weeks exactly in the years that start on a Thursday or are leap years starting on a Wednesday', () => {
    const long = [];
    for (let year = 2000; year <= 2040; year++) if (isoWeek(year, 12, 28).week === 53) long.push(year);
    expect(long).toEqual([2004, 2009, 2015, 2020, 2026, 2032, 2037]);
  });

  it('matches the ordinal-date method on every day from 1900 to 2400 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2400, 11, 31) }), (ms) => {
        const date = new Date(ms);
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const w = isoWeek(y, m, d);
        expect(`${w.year}-W${String(w.week).padStart(2, '0')}`).toBe(oracleIsoWeek(y, m, d));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('periodKeyOfDate', () => {
  it('gives the day, week or month key of a reporting-zone date', () => {
    expect(periodKeyOfDate('day', '2027-01-01')).toBe('D#2027-01-01');
    expect(periodKeyOfDate('week', '2027-01-01')).toBe('W#2026-W53');
    expect(periodKeyOfDate('month', '2027-01-01')).toBe('M#2027-01');
  });

  it('rejects what is not a calendar date', () => {
    expect(() => periodKeyOfDate('week', '2026-02-29')).toThrow(RangeError);
    expect(() => periodKeyOfDate('day', '2026-3-1')).toThrow(RangeError);
    expect(() => periodKeyOfDate('month', '2026-13-01')).toThrow(RangeError);
  });
});

describe('periodBounds', () => {
  it('gives the first and last day of a day, an ISO week and a month', () => {
    expect(periodBounds('D#2026-03-10')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(periodBounds('W#2025-W01')).toEqual({ from: '2024-12-30', to: '2025-01-05' });
    expect(periodBounds('W#2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodBounds('M#2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodBounds('M#2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodBounds('ALL')).toBeUndefined();
  });

  it('contains every date whose key it is', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          const date = d.toISOString().slice(0, 10);
          for (const granularity of ['day', 'week', 'month'] as const) {
            const bounds = periodBounds(periodKeyOfDate(granularity, date));
            expect(bounds && bounds.from <= date && date <= bounds.to, `${granularity} ${date}`).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
