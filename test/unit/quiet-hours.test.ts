import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countryOfPhone,
  describeWindow,
  effectiveTimeZone,
  instantsOfLocalMinute,
  nextAllowedSendTime,
  sendingWindow,
} from '../../shared/domain/quiet-hours.ts';
import {
  DEFAULT_CONFIG,
  loadTouchpointConfig,
  type TouchpointConfig,
} from '../../shared/domain/touchpoints.ts';

const brand = { name: 'Example Shop', contact: 'help.example.com' };
const config = DEFAULT_CONFIG;
const next = (
  iso: string,
  zone: string | undefined,
  channel: 'sms' | 'voice' | 'email' = 'sms',
  c = config,
) => nextAllowedSendTime(new Date(iso), channel, zone, c).toISOString();
const withWindow = (start: string, end: string, extra: Record<string, unknown> = {}): TouchpointConfig =>
  loadTouchpointConfig({ brand, quietHours: { start, end }, ...extra });

describe('nextAllowedSendTime', () => {
  it('lets email go at any hour', () => {
    // 03:00 in New York
    expect(next('2026-01-10T08:00:00Z', 'America/New_York', 'email')).toBe('2026-01-10T08:00:00.000Z');
  });

  it('sends an SMS inside the window at once, seconds included', () => {
    // 10:15:42 EST
    expect(next('2026-01-10T15:15:42Z', 'America/New_York')).toBe('2026-01-10T15:15:42.000Z');
  });

  it('sends at 19:59 but defers 20:00 to 09:00 the next morning', () => {
    expect(next('2026-01-10T19:59:59Z', 'Europe/London')).toBe('2026-01-10T19:59:59.000Z');
    expect(next('2026-01-10T20:00:00Z', 'Europe/London')).toBe('2026-01-11T09:00:00.000Z');
  });

  it('defers 08:59:30 to 09:00:00 the same morning', () => {
    expect(next('2026-01-10T08:59:30Z', 'Europe/London')).toBe('2026-01-10T09:00:00.000Z');
  });

  it('treats voice like SMS', () => {
    // 21:30 EST on 10 March is 02:30 UTC on 11 March; 09:00 EDT is 13:00 UTC
    expect(next('2026-03-11T02:30:00Z', 'America/New_York', 'voice')).toBe('2026-03-11T13:00:00.000Z');
  });

  it('opens at 09:00 EDT (13:00 UTC) on the US spring-forward day, not 09:00 EST', () => {
    // 8 March 2026, 01:30 EST = 06:30 UTC; clocks jump 02:00 -> 03:00
    expect(next('2026-03-08T06:30:00Z', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
    // The evening before (21:00 EST on 7 March) lands on the same instant.
    expect(next('2026-03-08T02:00:00Z', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
  });

  it('closes at 20:00 EDT (00:00 UTC) on the spring-forward day', () => {
    expect(next('2026-03-08T23:59:00Z', 'America/New_York')).toBe('2026-03-08T23:59:00.000Z');
    expect(next('2026-03-09T00:00:00Z', 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
  });

  it('opens at 09:00 CET (08:00 UTC) on the Berlin fall-back day', () => {
    // 25 October 2026, 04:30 CET after clocks went 03:00 CEST -> 02:00 CET
    expect(next('2026-10-25T03:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T08:00:00.000Z');
    // From 21:30 CEST the evening before: one more hour of real time than of wall clock.
    expect(next('2026-10-24T19:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T08:00:00.000Z');
  });

  it('opens at 09:00 CEST (07:00 UTC) on the Berlin spring-forward day', () => {
    expect(next('2026-03-29T05:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T07:00:00.000Z');
  });

  it('crosses month and year boundaries on the local calendar', () => {
    // 22:00 CET on 31 December -> 09:00 CET on 1 January
    expect(next('2026-12-31T21:00:00Z', 'Europe/Berlin')).toBe('2027-01-01T08:00:00.000Z');
    // 23:30 on 28 February in Auckland (NZDT, +13) -> 09:00 on 1 March = 20:00 UTC on 28 February
    expect(next('2027-02-28T10:30:00Z', 'Pacific/Auckland')).toBe('2027-02-28T20:00:00.000Z');
  });

  it('handles the southern-hemisphere fall-back (Sydney, 5 April 2026)', () => {
    // 21:00 AEDT on 4 April -> 09:00 AEST (+10) on 5 April
    expect(next('2026-04-04T10:00:00Z', 'Australia/Sydney')).toBe('2026-04-04T23:00:00.000Z');
  });

  it('handles zones with half- and quarter-hour offsets', () => {
    // 20:30 IST (+05:30) -> 09:00 IST
    expect(next('2026-01-10T15:00:00Z', 'Asia/Kolkata')).toBe('2026-01-11T03:30:00.000Z');
    // 06:00 NPT (+05:45) -> 09:00 NPT
    expect(next('2026-01-10T00:15:00Z', 'Asia/Kathmandu')).toBe('2026-01-10T03:15:00.000Z');
  });

  it('opens at the first minute after a DST gap when the window starts inside it', () => {
    // Chile skips 00:00-00:59 on 6 September 2026; at 20:30 -04 the evening before, a window
    // from 00:00 opens at 01:00 -03.
    const midnight = withWindow('00:00', '20:00');
    expect(next('2026-09-06T00:30:00Z', 'America/Santiago', 'sms', midnight)).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('takes the first of two repeated local minutes on a fall-back night', () => {
    // New York repeats 01:00-01:59 on 1 November 2026; 01:30 EDT (05:30 UTC) comes first.
    const early = withWindow('01:30', '20:00');
    expect(next('2026-11-01T05:00:00Z', 'America/New_York', 'sms', early)).toBe('2026-11-01T05:30:00.000Z');
    // At 01:15 EST the clock has gone back; 01:30 EST comes round again 15 minutes later.
    expect(next('2026-11-01T06:15:00Z', 'America/New_York', 'sms', early)).toBe('2026-11-01T06:30:00.000Z');
  });

  it('re-opens when a fall-back change sets the clock back into the window', () => {
    // Chile: at 24:00 -03 on 4 April 2026 clocks go back to 23:00 -04; a window to 23:30 is open again.
    const late = withWindow('09:00', '23:30');
    expect(next('2026-04-05T02:45:00Z', 'America/Santiago', 'sms', late)).toBe('2026-04-05T03:00:00.000Z');
  });

  it('uses the configured window', () => {
    const narrow = withWindow('10:00', '18:30');
    expect(next('2026-01-10T18:29:00Z', 'UTC', 'sms', narrow)).toBe('2026-01-10T18:29:00.000Z');
    expect(next('2026-01-10T18:30:00Z', 'UTC', 'sms', narrow)).toBe('2026-01-11T10:00:00.000Z');
  });

  it('uses defaultTimeZone for a missing or unknown customer time zone, else UTC', () => {
    const chicago = loadTouchpointConfig({ brand, defaultTimeZone: 'America/Chicago' });
    // 14:00 UTC = 08:00 CST
    expect(next('2026-01-10T14:00:00Z', undefined, 'sms', chicago)).toBe('2026-01-10T15:00:00.000Z');
    expect(next('2026-01-10T14:00:00Z', 'Mars/Olympus_Mons', 'sms', chicago)).toBe(
      '2026-01-10T15:00:00.000Z',
    );
    expect(next('2026-01-10T08:00:00Z', undefined)).toBe('2026-01-10T09:00:00.000Z');
  });
});

describe('sendingWindow', () => {
  const regional = loadTouchpointConfig({
    brand,
    quietHours: {
      start: '08:00',
      end: '21:00',
      overrides: {
        US: { start: '08:00', end: '20:00' },
        'America/Indiana': { start: '09:00', end: '21:00' },
        'America/New_York': { start: '10:00', end: '19:00' },
      },
    },
  });

  it('applies a country override by the phone country', () => {
    expect(sendingWindow(regional, 'America/Chicago', 'US')).toEqual({
      start: '08:00',
      end: '20:00',
      matched: ['US'],
    });
    expect(sendingWindow(regional, 'America/Chicago')).toEqual({ start: '08:00', end: '21:00', matched: [] });
  });

  it('narrows by every matching override: country and zone prefix together', () => {
    expect(sendingWindow(regional, 'America/Indiana/Indianapolis', 'US')).toEqual({
      start: '09:00',
      end: '20:00',
      matched: ['US', 'America/Indiana'],
    });
  });

  it('applies a zone-prefix override under its prefix only, not to zones that merely start alike', () => {
    const odd = loadTouchpointConfig({
      brand,
      quietHours: { overrides: { 'America/Argentina': { start: '10:00', end: '19:00' } } },
    });
    expect(sendingWindow(odd, 'America/Argentina/Salta').matched).toEqual(['America/Argentina']);
    expect(sendingWindow(odd, 'America/Araguaina').matched).toEqual([]);
  });

  it('matches a zone alias to the override of its canonical zone', () => {
    expect(sendingWindow(regional, 'US/Eastern').start).toBe('10:00');
  });

  it('defers by the override: 09:30 in New York waits for 10:00', () => {
    expect(
      nextAllowedSendTime(
        new Date('2026-01-12T14:30:00Z'),
        'sms',
        'America/New_York',
        regional,
        'US',
      ).toISOString(),
    ).toBe('2026-01-12T15:00:00.000Z');
  });
});

describe('quiet-hours helpers', () => {
  it('reads the country of a phone number', () => {
    expect(countryOfPhone('+12015550123')).toBe('US');
    expect(countryOfPhone(undefined)).toBeUndefined();
    // Numbers the metadata cannot place (here Ofcom's drama range) fall to the calling code's main country.
    expect(countryOfPhone('+447700900123')).toBe('GB');
    expect(countryOfPhone('+79001234567')).toBe('RU');
    expect(countryOfPhone('not a number')).toBeUndefined();
  });

  it('says which zone was used and why', () => {
    expect(effectiveTimeZone('Europe/Berlin', config)).toEqual({ zone: 'Europe/Berlin', fallback: false });
    expect(effectiveTimeZone('Nowhere/Land', config)).toEqual({ zone: 'UTC', fallback: true });
    expect(describeWindow(config, undefined)).toBe('09:00-20:00 UTC (customer time zone missing)');
    expect(describeWindow(config, 'Nowhere/Land')).toBe(
      '09:00-20:00 UTC (customer time zone "Nowhere/Land" unknown)',
    );
  });

  it('lists both instants of a repeated minute and the end of a gap', () => {
    const ny = (month: number, day: number, minute: number) =>
      instantsOfLocalMinute({ year: 2026, month, day }, minute, 'America/New_York').map((d) =>
        d.toISOString(),
      );
    expect(ny(11, 1, 90)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
    expect(ny(3, 8, 150)).toEqual(['2026-03-08T07:00:00.000Z']);
    expect(ny(3, 10, 540)).toEqual(['2026-03-10T13:00:00.000Z']);
  });
});

describe('nextAllowedSendTime (properties)', () => {
  const zones = [
    'America/New_York',
    'America/Los_Angeles',
    'America/Santiago',
    'Europe/Berlin',
    'Europe/London',
    'Australia/Lord_Howe',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Pacific/Kiritimati',
    'UTC',
  ];
  // DST changes of 2026 (approximate instants; the draw spreads 30 hours either side).
  const transitions: Array<[string, string]> = [
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
    ['America/Santiago', '2026-04-05T03:00:00Z'],
    ['America/Santiago', '2026-09-06T04:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
    ['Pacific/Chatham', '2026-09-26T14:00:00Z'],
  ];
  const anyTime = fc.tuple(
    fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom(...zones),
  );
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -30 * 3600, max: 30 * 3600 }))
    .map(([[zone, iso], seconds]): [Date, string] => [new Date(Date.parse(iso) + seconds * 1000), zone]);
  const window = fc
    .integer({ min: 0, max: 1380 })
    .chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: start + 15, max: 1440 })));

  const formats = new Map<string, Intl.DateTimeFormat>();
  // An independent reading of the wall clock, so the property does not trust the code under test.
  const minuteOfDay = (at: Date, zone: string) => {
    let f = formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      formats.set(zone, f);
    }
    const [h, m] = f.format(at).split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

  it('returns the first allowed minute at or after the given time, across DST changes', () => {
    fc.assert(
      fc.property(fc.oneof(anyTime, nearTransition), window, ([at, zone], [start, end]) => {
        const result = nextAllowedSendTime(at, 'sms', zone, withWindow(hhmm(start), hhmm(end)));
        const allowed = (t: Date) => {
          const m = minuteOfDay(t, zone);
          return m >= start && m < end;
        };
        expect(result.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(allowed(result)).toBe(true);
        if (result.getTime() === at.getTime()) return;
        expect(result.getUTCSeconds()).toBe(0);
        // A day plus a DST hour; two days when a gap swallows a whole (tiny) window.
        expect(result.getTime() - at.getTime()).toBeLessThanOrEqual(50 * 3_600_000);
        expect(allowed(at)).toBe(false);
        // No allowed minute between `at` and the result.
        for (let t = Math.ceil(at.getTime() / 60_000) * 60_000; t < result.getTime(); t += 60_000) {
          if (allowed(new Date(t))) {
            throw new Error(`${new Date(t).toISOString()} was allowed before ${result.toISOString()}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
