import { localTime } from './local-time.ts';

/**
 * Reporting periods of the score aggregates. Every answer is counted in four items per touchpoint:
 * its day `D#2026-03-10`, ISO week `W#2026-W11`, month `M#2026-03` and `ALL`, all taken in the
 * reporting time zone so "Monday's CSAT" means Monday where the CX team works, DST included.
 * Keys sort lexicographically in time order within a granularity, so a date range is one query.
 */

export type Granularity = 'day' | 'week' | 'month';

/** Sort-key prefix of each granularity. */
export const PERIOD_PREFIX: Record<Granularity, string> = { day: 'D#', week: 'W#', month: 'M#' };

/** The key of the all-time aggregate item. */
export const ALL_PERIOD = 'ALL';

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Milliseconds of UTC midnight of a proleptic Gregorian date (correct for years 0-99 too). */
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/**
 * ISO 8601 week of a calendar date: weeks start on Monday and belong to the year of their
 * Thursday, so 1 January 2027 (a Friday) is in 2026-W53 and 30 December 2024 is in 2025-W01.
 */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = utcMidnight(year, month, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - utcMidnight(isoYear, 1, 1)) / (7 * DAY_MS));
  return { year: isoYear, week };
}

/** Period keys of a calendar date that is already in the reporting zone: [day, week, month, 'ALL']. */
export function periodKeysOfDate(year: number, month: number, day: number): string[] {
  const w = isoWeek(year, month, day);
  const y = pad(year, 4);
  return [
    `${PERIOD_PREFIX.day}${y}-${pad(month)}-${pad(day)}`,
    `${PERIOD_PREFIX.week}${pad(w.year, 4)}-W${pad(w.week)}`,
    `${PERIOD_PREFIX.month}${y}-${pad(month)}`,
    ALL_PERIOD,
  ];
}

/**
 * The aggregate periods an instant belongs to in the reporting time zone, e.g.
 * `['D#2026-03-10', 'W#2026-W11', 'M#2026-03', 'ALL']`. Throws a RangeError for an invalid
 * instant or an unknown IANA zone: a record must never be filed under a made-up period.
 */
export function periodKeys(at: Date, timeZone: string): string[] {
  if (Number.isNaN(at.getTime())) throw new RangeError('periodKeys: invalid date');
  const t = localTime(at, timeZone);
  return periodKeysOfDate(t.year, t.month, t.day);
}

/**
 * The key of one granularity for a `YYYY-MM-DD` reporting-zone date, e.g. the week of a `from`
 * date in a scores query. Throws a RangeError for anything that is not a real calendar date.
 */
export function periodKeyOfDate(granularity: Granularity, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  const probe = new Date(utcMidnight(year, month, day));
  if (!m || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    throw new RangeError(`periodKeyOfDate: not a calendar date: ${date}`);
  const keys = periodKeysOfDate(year, month, day);
  const index = granularity === 'day' ? 0 : granularity === 'week' ? 1 : 2;
  return keys[index] as string;
}

/**
 * The first and last calendar date (YYYY-MM-DD, reporting zone) of a day, week or month key, e.g.
 * `W#2026-W11` -> 2026-03-09 .. 2026-03-15. Undefined for `ALL` or a key it cannot read.
 */
export function periodBounds(periodKey: string): { from: string; to: string } | undefined {
  const iso = (ms: number) => {
    const d = new Date(ms);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  const day = /^D#(\d{4})-(\d{2})-(\d{2})$/.exec(periodKey);
  if (day) return { from: periodKey.slice(2), to: periodKey.slice(2) };
  const week = /^W#(\d{4})-W(\d{2})$/.exec(periodKey);
  if (week) {
    const jan4 = utcMidnight(Number(week[1]), 1, 4);
    const monday =
      jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (Number(week[2]) - 1) * 7 * DAY_MS;
    return { from: iso(monday), to: iso(monday + 6 * DAY_MS) };
  }
  const month = /^M#(\d{4})-(\d{2})$/.exec(periodKey);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return { from: iso(utcMidnight(year, m, 1)), to: iso(utcMidnight(year, m + 1, 1) - DAY_MS) };
  }
  return undefined;
}
