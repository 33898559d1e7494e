import { localTime } from './local-time.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date + (3 - weekday) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000));
  return { year: isoYear, week };
}

/**
 * The aggregate periods an instant belongs to, in the reporting time zone:
 * `D#2026-03-10`, `W#2026-W11`, `M#2026-03`, `ALL`.
 */
export function periodKeys(at: Date, timeZone: string): string[] {
  const t = localTime(at, timeZone);
  const w = isoWeek(t.year, t.month, t.day);
  return [
    `D#${t.year}-${pad(t.month)}-${pad(t.day)}`,
    `W#${w.year}-W${pad(w.week)}`,
    `M#${t.year}-${pad(t.month)}`,
    'ALL',
  ];
}
