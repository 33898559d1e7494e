/**
 * The Surveys table's sparse `gsi1`: partition `DUE` holds every survey waiting for the dispatcher,
 * sorted by due time; partition `PARKED` the surveys it set aside (docs/rules.md, "Parked surveys").
 */
export const DUE_PARTITION = 'DUE';
export const PARKED_PARTITION = 'PARKED';

/** Due-index times are clamped to years 0000-9999, the range in which ISO strings sort as times. */
const EARLIEST = '0000-01-01T00:00:00.000Z';
const LATEST = '9999-12-31T23:59:59.999Z';

/**
 * The time part of a due-index key. `toISOString` writes years before 0 and after 9999 with a sign
 * and six digits ("+010000-01-01..."), which sort before every four-digit year: such a survey came
 * first on every dispatch page. Clamping them to the ends of the range makes key order time order
 * for every instant a Date can hold (ties at the ends cost nothing: those are never or always due).
 */
export function dueIndexTime(dueAt: string): string {
  const t = Date.parse(dueAt);
  if (Number.isNaN(t)) throw new RangeError(`due time is not a date-time: ${dueAt.slice(0, 40)}`);
  const iso = new Date(t).toISOString();
  if (iso.startsWith('-')) return EARLIEST;
  if (iso.startsWith('+')) return LATEST;
  return iso;
}

/** The due-index sort key of a survey: `<due time>#<surveyId>`. */
export const dueSortKey = (dueAt: string, surveyId: string) => `${dueIndexTime(dueAt)}#${surveyId}`;

/** The key bounding a due query: every survey due at or before `now`. */
export const dueUntilKey = (now: Date) => `${now.toISOString()}#~`;
