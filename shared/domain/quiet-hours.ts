import { parsePhoneNumberFromString } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json';
import { localTime, offsetMinutes } from './local-time.ts';
import type { Channel } from './model.ts';
import { isTimeZone, minutesOfDay, type SendingWindow, type TouchpointConfig } from './touchpoints.ts';

/**
 * Quiet hours: SMS and voice reach a customer only inside the sending window (default 09:00-20:00)
 * of the customer's own time zone; email goes any time. A send outside the window is deferred to
 * the next allowed minute, never dropped. Wall-clock arithmetic goes through Intl (via
 * `local-time.ts`), so DST changes are handled by the platform's tz database.
 */

/** Channels that interrupt the customer and therefore respect quiet hours. */
export const QUIET_HOURS_CHANNELS: readonly Channel[] = ['sms', 'voice'];

/**
 * The zone quiet hours are computed in: the customer's when it is a known IANA zone, else the
 * config's `defaultTimeZone`, else UTC. `fallback` says the customer's zone was not used.
 */
export function effectiveTimeZone(
  timeZone: string | undefined,
  config: Pick<TouchpointConfig, 'defaultTimeZone'>,
): { zone: string; fallback: boolean } {
  if (timeZone && isTimeZone(timeZone)) return { zone: timeZone, fallback: false };
  return { zone: isTimeZone(config.defaultTimeZone) ? config.defaultTimeZone : 'UTC', fallback: true };
}

const canonicalZones = new Map<string, string>();
/** ICU's canonical name for a zone (`US/Eastern` -> `America/New_York`), so aliases match overrides too. */
function canonicalZone(zone: string): string {
  let canonical = canonicalZones.get(zone);
  if (canonical === undefined) {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    canonicalZones.set(zone, canonical);
  }
  return canonical;
}

function zoneMatches(key: string, zones: string[]): boolean {
  return zones.some((zone) => zone === key || zone.startsWith(`${key}/`));
}

/**
 * The sending window for a customer: the global window narrowed by every matching override (the
 * phone's country code, the zone itself, or a zone prefix such as `America/Indiana`). Overrides
 * are intersected rather than "most specific wins" because each is a legal floor of its own.
 */
export function sendingWindow(
  config: Pick<TouchpointConfig, 'quietHours'>,
  timeZone: string,
  country?: string,
): SendingWindow & { matched: string[] } {
  const zones = isTimeZone(timeZone) ? [timeZone, canonicalZone(timeZone)] : [timeZone];
  let start = minutesOfDay(config.quietHours.start);
  let end = minutesOfDay(config.quietHours.end);
  const matched: string[] = [];
  for (const [key, window] of Object.entries(config.quietHours.overrides)) {
    const applies = /^[A-Z]{2}$/.test(key) ? key === country?.toUpperCase() : zoneMatches(key, zones);
    if (!applies) continue;
    matched.push(key);
    start = Math.max(start, minutesOfDay(window.start));
    end = Math.min(end, minutesOfDay(window.end));
  }
  return { start: hhmm(start), end: hhmm(Math.max(start, end)), matched };
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The ISO country of an E.164 number (`+12015550123` -> `US`), for country-keyed overrides. */
export function countryOfPhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return undefined;
  // A number the metadata cannot place (a brand-new range, or a fictional one) still has a calling
  // code: its main country (+1 US, +44 GB, +7 RU) is the best guess for regional rules.
  return parsed.country ?? metadata.country_calling_codes[parsed.countryCallingCode]?.[0];
}

function inside(at: Date, zone: string, start: number, end: number): boolean {
  const local = localTime(at, zone);
  const minute = local.hour * 60 + local.minute;
  return minute >= start && minute < end;
}

type LocalDate = { year: number; month: number; day: number };

function localKey(at: Date, zone: string): number {
  const t = localTime(at, zone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
}

/**
 * The instants at which the wall clock in `zone` reaches `minute` on `date`, ascending: one on a
 * normal day, two when the minute repeats (fall-back), and when it is skipped (spring-forward gap)
 * the first instant after the gap, which is the moment the clock passes that minute.
 */
export function instantsOfLocalMinute(date: LocalDate, minute: number, zone: string): Date[] {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minute);
  // Offsets on either side of any transition near that day (transitions are at least weeks apart).
  const offsets = new Set(
    [-86_400_000, 0, 86_400_000].map((delta) => offsetMinutes(new Date(naive + delta), zone)),
  );
  const candidates = [...offsets].map((offset) => naive - offset * 60_000).sort((a, b) => a - b);
  const exact = candidates.filter((t) => localKey(new Date(t), zone) === naive);
  if (exact.length > 0) return [...new Set(exact)].map((t) => new Date(t));
  // In a gap: local time jumps over `naive` somewhere between the candidates; find the minute.
  let lo = Math.floor((candidates[0] ?? naive) / 60_000);
  let hi = Math.ceil((candidates[candidates.length - 1] ?? naive) / 60_000);
  if (localKey(new Date(hi * 60_000), zone) < naive) return [];
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (localKey(new Date(mid * 60_000), zone) >= naive) hi = mid;
    else lo = mid + 1;
  }
  return [new Date(hi * 60_000)];
}

/**
 * The other way into a window: a fall-back change that sets the clock back from after `end` to
 * inside the window (Santiago goes from 24:00 back to 23:00). Returns that instant when it lies
 * between `at` and `opening`.
 */
function backwardJumpInto(
  at: Date,
  opening: Date,
  zone: string,
  start: number,
  end: number,
): Date | undefined {
  const before = offsetMinutes(at, zone);
  const after = offsetMinutes(opening, zone);
  if (after >= before) return undefined;
  let lo = Math.ceil(at.getTime() / 60_000);
  let hi = opening.getTime() / 60_000;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(new Date(mid * 60_000), zone) === after) hi = mid;
    else lo = mid + 1;
  }
  const change = new Date(hi * 60_000);
  return change.getTime() > at.getTime() && change < opening && inside(change, zone, start, end)
    ? change
    : undefined;
}

/**
 * The earliest instant at or after `at` when `channel` may reach the customer: `at` itself for
 * email or inside the window; otherwise the start of the next window, exact to the minute. A
 * missing or unknown `timeZone` uses `config.defaultTimeZone` (else UTC). `country` (ISO code)
 * selects country overrides; see `countryOfPhone`.
 */
export function nextAllowedSendTime(
  at: Date,
  channel: Channel,
  timeZone: string | undefined,
  config: Pick<TouchpointConfig, 'quietHours' | 'defaultTimeZone'>,
  country?: string,
): Date {
  if (!QUIET_HOURS_CHANNELS.includes(channel)) return at;
  const { zone } = effectiveTimeZone(timeZone, config);
  const window = sendingWindow(config, zone, country);
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start >= end) throw new RangeError(`empty sending window ${window.start}-${window.end} for ${zone}`);
  if (inside(at, zone, start, end)) return at;
  const today = localTime(at, zone);
  for (let offset = 0; offset <= 2; offset++) {
    // Calendar arithmetic on the local date; Date.UTC normalizes month and year ends.
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    for (const opening of instantsOfLocalMinute(date, start, zone)) {
      if (opening.getTime() > at.getTime() && inside(opening, zone, start, end)) {
        return backwardJumpInto(at, opening, zone, start, end) ?? opening;
      }
    }
  }
  throw new RangeError(`no sending window for ${zone} within two days of ${at.toISOString()}`);
}

/** A one-line explanation of the window that applied, for decisions and logs. */
export function describeWindow(
  config: Pick<TouchpointConfig, 'quietHours' | 'defaultTimeZone'>,
  timeZone: string | undefined,
  country?: string,
): string {
  const { zone, fallback } = effectiveTimeZone(timeZone, config);
  const window = sendingWindow(config, zone, country);
  const via = window.matched.length > 0 ? ` (override ${window.matched.join(', ')})` : '';
  const zoneNote = fallback ? ` (customer time zone ${timeZone ? `"${timeZone}" unknown` : 'missing'})` : '';
  return `${window.start}-${window.end} ${zone}${zoneNote}${via}`;
}
