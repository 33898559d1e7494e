import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import type { EventType } from './model.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Every driver and its buckets, in display order. Scores are aggregated per bucket so a CX team
 * sees, e.g., CSAT for tickets solved within 4 h against those that took over a day.
 */
export const DRIVER_BUCKETS = {
  /** Ticket creation to the closing event: under 4 h, 4 h to 24 h (inclusive), over 24 h. */
  resolution: ['lt4h', '4to24h', 'gt24h'],
  /** Agent replies on the ticket: at most one (one-touch), two or three, four or more. */
  replies: ['1', '2to3', '4plus'],
  /** Order placement to the delivery event: under 2 days, 2 to 4 days (inclusive), over 4 days. */
  delivery_time: ['lt2d', '2to4d', 'gt4d'],
  /** Delivery against the promised date or time. */
  lateness: ['on_time', 'late'],
} as const;

export type DriverName = keyof typeof DRIVER_BUCKETS;
export type Drivers = { [K in DriverName]?: (typeof DRIVER_BUCKETS)[K][number] };

/** Elapsed time between two ISO instants, or undefined when either is unparseable or it is negative. */
function elapsed(from: string | undefined, to: number): number | undefined {
  if (from === undefined) return undefined;
  const start = Date.parse(from);
  const ms = to - start;
  // A start after the end is clock skew or a wrong field mapping: no bucket beats a wrong one.
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The last on-time instant of a promise. A promised date (local midnight in any offset, the way
 * shops send "delivery by 13 March") means "by the end of that day"; a time of day is a deadline.
 */
function promiseDeadline(promisedAt: string): number {
  const promised = Date.parse(promisedAt);
  const dateOnly = /T00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(promisedAt);
  return dateOnly ? promised + DAY_MS - 1 : promised;
}

/**
 * Operational drivers of a survey, computed from the triggering event: resolution time and replies
 * for `ticket_closed`, delivery time and lateness for `delivery`. Only drivers whose data is present
 * and consistent appear; `purchase` has none.
 */
export function computeDrivers(
  type: EventType,
  context: CanonicalEvent['context'],
  occurredAt: string,
): Drivers {
  const out: Drivers = {};
  const at = Date.parse(occurredAt);
  if (type === 'ticket_closed') {
    const ms = elapsed(context.ticketCreatedAt, at);
    if (ms !== undefined)
      out.resolution = ms < 4 * HOUR_MS ? 'lt4h' : ms <= 24 * HOUR_MS ? '4to24h' : 'gt24h';
    const n = context.ticketReplies;
    if (n !== undefined && Number.isInteger(n) && n >= 0)
      out.replies = n <= 1 ? '1' : n <= 3 ? '2to3' : '4plus';
  }
  if (type === 'delivery') {
    const ms = elapsed(context.orderCreatedAt, at);
    if (ms !== undefined) out.delivery_time = ms < 2 * DAY_MS ? 'lt2d' : ms <= 4 * DAY_MS ? '2to4d' : 'gt4d';
    if (context.promisedDeliveryAt !== undefined && Number.isFinite(at)) {
      const deadline = promiseDeadline(context.promisedDeliveryAt);
      if (Number.isFinite(deadline)) out.lateness = at <= deadline ? 'on_time' : 'late';
    }
  }
  return out;
}
