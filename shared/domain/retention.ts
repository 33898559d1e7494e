/**
 * How long Touchpoint keeps what it stores (DynamoDB TTL), in one place. Scores are pre-folded
 * aggregates without personal data and are kept; everything that names a customer expires.
 * docs/security-privacy.md lists what is kept, for how long and why.
 */

/** Raw answers, surveys (after their expiry), detractor alerts and fatigue profiles. */
export const RAW_RETENTION_DAYS = 400;

/** Records of accepted events that created no survey (re-delivery answers). */
export const EVENT_RETENTION_DAYS = 90;

/** An erased answer's tombstone: long enough for the stream to subtract it from the scores. */
export const ERASED_TOMBSTONE_DAYS = 30;

/** The DynamoDB TTL (epoch seconds) of an item kept `days` after the instant `from`. */
export function expiresAfter(from: string | Date, days: number): number {
  const at = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return Math.floor(at / 1000) + days * 86_400;
}
