import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import type { EventType } from './model.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Operational drivers of a survey, from the event itself: which bucket of resolution time,
 * replies, delivery time and lateness it falls in. Scores are aggregated per bucket so a CX team
 * sees, e.g., CSAT for tickets solved within 4 h vs over 24 h. Only drivers with data appear.
 */
export function computeDrivers(
  type: EventType,
  context: CanonicalEvent['context'],
  occurredAt: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const at = Date.parse(occurredAt);
  if (type === 'ticket_closed') {
    if (context.ticketCreatedAt) {
      const hours = (at - Date.parse(context.ticketCreatedAt)) / HOUR;
      if (hours >= 0) out.resolution = hours < 4 ? 'lt4h' : hours <= 24 ? '4to24h' : 'gt24h';
    }
    if (context.ticketReplies !== undefined) {
      const n = context.ticketReplies;
      out.replies = n <= 1 ? '1' : n <= 3 ? '2to3' : '4plus';
    }
  }
  if (type === 'delivery') {
    if (context.orderCreatedAt) {
      const days = (at - Date.parse(context.orderCreatedAt)) / DAY;
      if (days >= 0) out.delivery_time = days < 2 ? 'lt2d' : days <= 4 ? '2to4d' : 'gt4d';
    }
    if (context.promisedDeliveryAt) {
      // Delivered by the end of the promised day counts as on time.
      const promised = Date.parse(context.promisedDeliveryAt);
      const endOfPromisedDay = /T00:00:00(\.000)?(Z|[+-]00:00)$/.test(context.promisedDeliveryAt)
        ? promised + DAY
        : promised;
      out.lateness = at <= endOfPromisedDay ? 'on_time' : 'late';
    }
  }
  return out;
}
