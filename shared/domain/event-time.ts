import { ValidationError } from '../errors.ts';

/**
 * The window of event times Touchpoint accepts (docs/sources.md, "Event times"). An event's time
 * becomes its survey's due time, so a time far in the future would park a survey in the due index
 * for ever (year 10000 even sorted before every real one); a time decades old is a wrong unit or a
 * default date, never a real order.
 */

/**
 * How far ahead of our clock an event may be: clock skew, and a local time sent as if it were UTC
 * (up to 14 hours off), both fit.
 */
export const MAX_EVENT_LEAD_HOURS = 24;

/**
 * How old an event may be. Nothing this old can be surveyed (delay plus expiry is at most 120
 * days: such events are kept and skipped as `stale`), and a year covers any replayed backlog.
 */
export const MAX_EVENT_AGE_DAYS = 366;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Why an event time is outside the accepted window, or undefined when it is inside. */
export function eventTimeProblem(occurredAt: string, now: Date): string | undefined {
  const at = Date.parse(occurredAt);
  if (Number.isNaN(at)) return `must be a date-time, got ${JSON.stringify(occurredAt.slice(0, 40))}`;
  const ahead = at - now.getTime();
  if (ahead > MAX_EVENT_LEAD_HOURS * HOUR)
    return `${occurredAt} is ${Math.floor(ahead / HOUR)} hours ahead of now (${now.toISOString()}); at most ${MAX_EVENT_LEAD_HOURS} hours ahead is accepted`;
  if (-ahead > MAX_EVENT_AGE_DAYS * DAY)
    return `${occurredAt} is ${Math.floor(-ahead / DAY)} days old; events at most ${MAX_EVENT_AGE_DAYS} days old are accepted`;
  return undefined;
}

/**
 * Throws a 422 naming `field` (the source's own name for the time, e.g. Shopify's `created_at`)
 * when the event time is outside the accepted window.
 */
export function assertEventTime(occurredAt: string, now: Date, field: string): void {
  const problem = eventTimeProblem(occurredAt, now);
  if (problem) throw new ValidationError(`${field}: ${problem}`, 422);
}
