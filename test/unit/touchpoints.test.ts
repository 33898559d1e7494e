import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  loadTouchpointConfig,
  MAX_DELAY_MINUTES,
  shippedConfig,
} from '../../shared/domain/touchpoints.ts';
import { ConfigError } from '../../shared/errors.ts';

const brand = { name: 'Example Shop', contact: 'help.example.com' };
const shippedFile = () => JSON.parse(readFileSync('touchpoints.config.json', 'utf8'));

/** The ConfigError message of an invalid config (fails the test when the config is accepted). */
function errorOf(raw: unknown): string {
  try {
    loadTouchpointConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('DEFAULT_CONFIG', () => {
  it('asks CES 2.0 1-7 after a purchase, NPS 0-10 after a delivery and CSAT 1-5 after a closed ticket', () => {
    expect(DEFAULT_CONFIG.touchpoints.purchase?.metric).toEqual({
      kind: 'ces',
      min: 1,
      max: 7,
      convention: 'ces2',
    });
    expect(DEFAULT_CONFIG.touchpoints.delivery?.metric).toEqual({ kind: 'nps', min: 0, max: 10 });
    expect(DEFAULT_CONFIG.touchpoints.ticket_closed?.metric).toEqual({ kind: 'csat', min: 1, max: 5 });
  });

  it('waits 1 h after a purchase, 24 h after a delivery and 1 h after a closed ticket', () => {
    expect(DEFAULT_CONFIG.touchpoints.purchase?.delayMinutes).toBe(60);
    expect(DEFAULT_CONFIG.touchpoints.delivery?.delayMinutes).toBe(1440);
    expect(DEFAULT_CONFIG.touchpoints.ticket_closed?.delayMinutes).toBe(60);
  });

  it('uses SMS then email, samples everyone, expires after 7 days and reminds once by email after 48 h', () => {
    expect(DEFAULT_CONFIG.touchpoints.delivery).toMatchObject({
      channels: ['sms', 'email'],
      sampling: 1,
      expiryDays: 7,
      followUp: true,
      reminder: { afterHours: 48, channels: ['email'] },
    });
    expect(DEFAULT_CONFIG.touchpoints.delivery?.promoterReviewUrl).toBeUndefined();
    expect(DEFAULT_CONFIG.touchpoints.delivery?.question).toBeUndefined();
  });

  it('ranks delivery over ticket_closed over purchase', () => {
    const { purchase, delivery, ticket_closed } = DEFAULT_CONFIG.touchpoints;
    expect([delivery?.priority, ticket_closed?.priority, purchase?.priority]).toEqual([3, 2, 1]);
  });

  it('has the documented global defaults', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      fatigueWindowDays: 14,
      quietHours: { start: '09:00', end: '20:00', overrides: {} },
      ticketSupersede: 'wait',
      reportingTimeZone: 'UTC',
      defaultTimeZone: 'UTC',
      minSample: 30,
      rateLimits: { sms: 1, voice: 1, email: 14 },
    });
  });

  it('finds only configured touchpoints, never a property of Object.prototype', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(DEFAULT_CONFIG.touchpoints[name], name).toBeUndefined();
    expect(DEFAULT_CONFIG.touchpoints.delivery?.metric.kind).toBe('nps');
  });

  it('is frozen, so no caller can change the rules for everyone', () => {
    expect(Object.isFrozen(DEFAULT_CONFIG.touchpoints.purchase?.channels)).toBe(true);
    expect(() => {
      (DEFAULT_CONFIG as { fatigueWindowDays: number }).fatigueWindowDays = 1;
    }).toThrow(TypeError);
  });
});

describe('shippedConfig', () => {
  it('is touchpoints.config.json with the defaults applied', () => {
    const config = shippedConfig();
    expect(config.brand).toEqual(shippedFile().brand);
    expect(Object.keys(config.touchpoints).sort()).toEqual(['delivery', 'purchase', 'ticket_closed']);
    expect(config.touchpoints.purchase?.expiryDays).toBe(7);
  });
});

describe('loadTouchpointConfig', () => {
  it('needs only a brand; everything else defaults', () => {
    expect(loadTouchpointConfig({ brand })).toEqual(DEFAULT_CONFIG);
  });

  it('loads its own output again unchanged (configs can be spread and re-validated)', () => {
    const once = loadTouchpointConfig({
      brand,
      quietHours: { overrides: { US: { start: '10:00', end: '19:00' } } },
      touchpoints: {
        returns: { metric: { kind: 'ces', min: 1, max: 5, convention: 'effort' }, delayMinutes: 5 },
      },
    });
    expect(loadTouchpointConfig(structuredClone(once))).toEqual(once);
  });

  it('fills a built-in touchpoint from its own defaults, not the generic ones', () => {
    const config = loadTouchpointConfig({ brand, touchpoints: { delivery: { sampling: 0.25 } } });
    expect(config.touchpoints.delivery).toMatchObject({
      metric: { kind: 'nps' },
      delayMinutes: 1440,
      priority: 3,
      sampling: 0.25,
    });
    // Listing touchpoints chooses which ones are surveyed.
    expect(config.touchpoints.purchase).toBeUndefined();
  });

  it('accepts a user-defined touchpoint with a localized question, voice and no reminder', () => {
    const config = loadTouchpointConfig({
      brand,
      touchpoints: {
        onboarding_call: {
          metric: 'csat',
          delayMinutes: 30,
          channels: ['voice', 'sms'],
          question: { en: 'How was your onboarding call?', de: 'Wie war Ihr Einführungsgespräch?' },
          followUp: false,
          reminder: null,
          priority: 5,
          promoterReviewUrl: 'https://rev.example.com/a',
        },
      },
    });
    expect(config.touchpoints.onboarding_call).toEqual({
      metric: { kind: 'csat', min: 1, max: 5 },
      question: { en: 'How was your onboarding call?', de: 'Wie war Ihr Einführungsgespräch?' },
      followUp: false,
      delayMinutes: 30,
      channels: ['voice', 'sms'],
      sampling: 1,
      expiryDays: 7,
      reminder: null,
      priority: 5,
      promoterReviewUrl: 'https://rev.example.com/a',
    });
  });

  it('merges a partial reminder and partial rate limits with the defaults', () => {
    const config = loadTouchpointConfig({
      brand,
      rateLimits: { sms: 3 },
      touchpoints: { purchase: { reminder: { afterHours: 24 } } },
    });
    expect(config.rateLimits).toEqual({ sms: 3, email: 14, voice: 1 });
    expect(config.touchpoints.purchase?.reminder).toEqual({ afterHours: 24, channels: ['email'] });
  });

  it('takes an SMS sender type for the SMS rate: long code 1/s, toll-free 3/s, short code 100/s, SNS 20/s', () => {
    const rate = (sms: unknown) => loadTouchpointConfig({ brand, rateLimits: { sms } }).rateLimits.sms;
    expect([rate('long_code'), rate('toll_free'), rate('short_code'), rate('sns'), rate(2.5)]).toEqual([
      1, 3, 100, 20, 2.5,
    ]);
    expect(() => rate('carrier_pigeon')).toThrow(/rateLimits\.sms/);
    expect(() => rate(0)).toThrow(/rateLimits\.sms/);
  });

  it('names the field of a delay outside 1 minute .. 30 days, exact to the minute', () => {
    const bad = shippedFile();
    bad.touchpoints.delivery.delayMinutes = 0;
    expect(errorOf(bad)).toContain('touchpoints.delivery.delayMinutes: must be between 1 and 43200');
    bad.touchpoints.delivery.delayMinutes = MAX_DELAY_MINUTES + 1;
    expect(errorOf(bad)).toContain('touchpoints.delivery.delayMinutes: must be between 1 and 43200');
    bad.touchpoints.delivery.delayMinutes = 90.5;
    expect(errorOf(bad)).toContain('touchpoints.delivery.delayMinutes: must be a whole number of minutes');
    bad.touchpoints.delivery.delayMinutes = MAX_DELAY_MINUTES;
    expect(loadTouchpointConfig(bad).touchpoints.delivery?.delayMinutes).toBe(43_200);
  });

  it('rejects unknown keys at any depth, naming them', () => {
    expect(errorOf({ brand, colour: 'red' })).toContain('colour: unknown key');
    expect(errorOf({ brand, touchpoints: { delivery: { delay: 60 } } })).toContain(
      'touchpoints.delivery.delay: unknown key',
    );
    expect(errorOf({ brand, quietHours: { start: '09:00', stop: '20:00' } })).toContain(
      'quietHours.stop: unknown key',
    );
    expect(errorOf({ brand, touchpoints: { delivery: { question: { xx: 'A question?' } } } })).toContain(
      'touchpoints.delivery.question.xx: unknown key',
    );
  });

  it('lists every problem at once', () => {
    const message = errorOf({
      brand: { name: 'A brand name far too long for SMS', contact: 'help.example.com' },
      touchpoints: { delivery: { sampling: 1.5, channels: [] } },
    });
    expect(message).toContain('brand.name: must be at most 20 characters');
    expect(message).toContain('touchpoints.delivery.sampling: must be between 0 and 1');
    expect(message).toContain('touchpoints.delivery.channels: must list at least one channel');
  });

  it('rejects, naming the field and language, any SMS text that would not fit one segment', () => {
    const longContact = 'https://support.example.com/hc/en-us/requests/new';
    expect(errorOf({ brand: { ...brand, contact: longContact } })).toMatch(
      /brand\.contact: too long for one SMS in ru: the "help" text needs \d+ UCS-2 characters, one segment holds 70/,
    );
    expect(errorOf({ brand: { ...brand, name: 'Żółć Sklep' } })).toContain(
      'brand.name: has characters outside the GSM-7 SMS alphabet',
    );
    const wordy = 'Mennyire valószínű, hogy ajánlaná az Example Shopot egy barátjának vagy kollégájának?';
    expect(errorOf({ brand, touchpoints: { delivery: { question: { hu: wordy } } } })).toContain(
      'touchpoints.delivery.question.hu: too long for one SMS in hu',
    );
    // The same custom question is fine for an email-only touchpoint: no SMS ever carries it.
    expect(() =>
      loadTouchpointConfig({
        brand,
        touchpoints: { delivery: { question: { hu: wordy }, channels: ['email'], reminder: null } },
      }),
    ).not.toThrow();
    // Contacts up to the catalogue's proven limit pass in every language.
    expect(() =>
      loadTouchpointConfig({ brand: { ...brand, contact: 'support.example.com/help' } }),
    ).not.toThrow();
  });

  it('requires a brand', () => {
    expect(errorOf({})).toContain('brand:');
  });

  it('requires metric and delay for a user-defined touchpoint', () => {
    const message = errorOf({ brand, touchpoints: { returns: { sampling: 0.5 } } });
    expect(message).toContain('touchpoints.returns.metric: is required for a user-defined touchpoint');
    expect(message).toContain('touchpoints.returns.delayMinutes: is required for a user-defined touchpoint');
  });

  it('rejects touchpoint names that events could not carry', () => {
    expect(errorOf({ brand, touchpoints: { 'Returns!': { metric: 'nps', delayMinutes: 60 } } })).toContain(
      'touchpoint names are 2-40 lowercase letters',
    );
  });

  it('only accepts the scales each metric is defined on, and never mixes CES conventions silently', () => {
    const metric = (m: unknown) => ({ brand, touchpoints: { delivery: { metric: m } } });
    expect(errorOf(metric({ kind: 'nps', min: 1, max: 10 }))).toContain(
      'touchpoints.delivery.metric.max: a nps scale must be 0-10 (got 1-10)',
    );
    expect(errorOf(metric({ kind: 'csat', min: 1, max: 4 }))).toContain('a csat scale must be');
    expect(errorOf(metric({ kind: 'ces', min: 1, max: 5 }))).toContain('a ces2 scale must be 1-7');
    expect(errorOf(metric({ kind: 'csat', min: 1, max: 5, convention: 'effort' }))).toContain(
      'touchpoints.delivery.metric.convention: only a ces metric has a convention',
    );
    expect(errorOf(metric('stars'))).toContain('touchpoints.delivery.metric: must be "nps", "csat", "ces"');
    expect(
      loadTouchpointConfig(metric({ kind: 'csat', min: 1, max: 10 })).touchpoints.delivery?.metric,
    ).toEqual({ kind: 'csat', min: 1, max: 10 });
    expect(
      loadTouchpointConfig(metric({ kind: 'ces', min: 1, max: 7 })).touchpoints.delivery?.metric.convention,
    ).toBe('ces2');
  });

  it('rejects a channel listed twice, a voice reminder and a reminder that would come after expiry', () => {
    expect(errorOf({ brand, touchpoints: { purchase: { channels: ['sms', 'sms'] } } })).toContain(
      'touchpoints.purchase.channels: must not list a channel twice',
    );
    expect(
      errorOf({ brand, touchpoints: { purchase: { reminder: { afterHours: 24, channels: ['voice'] } } } }),
    ).toContain('touchpoints.purchase.reminder.channels.0');
    expect(
      errorOf({ brand, touchpoints: { purchase: { expiryDays: 2, reminder: { afterHours: 48 } } } }),
    ).toContain('touchpoints.purchase.reminder.afterHours: must be less than the survey expiry (48 h)');
    // Turning the reminder off makes a short expiry fine.
    expect(
      loadTouchpointConfig({ brand, touchpoints: { purchase: { expiryDays: 1, reminder: null } } })
        .touchpoints.purchase?.expiryDays,
    ).toBe(1);
  });

  it('only takes short http(s) review links', () => {
    const withUrl = (url: string) => ({ brand, touchpoints: { delivery: { promoterReviewUrl: url } } });
    expect(errorOf(withUrl('javascript:alert(1)'))).toContain(
      'touchpoints.delivery.promoterReviewUrl: must be an http(s) URL',
    );
    expect(errorOf(withUrl('https://reviews.example.com/our-shop/write-a-review'))).toContain(
      'must be at most 36 characters',
    );
  });

  it('validates time zones by name', () => {
    expect(errorOf({ brand, reportingTimeZone: 'Mars/Olympus_Mons' })).toContain(
      'reportingTimeZone: must be an IANA time zone',
    );
    expect(errorOf({ brand, defaultTimeZone: 'Nowhere/Land' })).toContain(
      'defaultTimeZone: must be an IANA time zone',
    );
    expect(loadTouchpointConfig({ brand, defaultTimeZone: 'America/Chicago' }).defaultTimeZone).toBe(
      'America/Chicago',
    );
  });

  it('validates quiet hours: real times, start before end, overrides only stricter and keyed by country or zone', () => {
    expect(errorOf({ brand, quietHours: { start: '9am' } })).toContain(
      'quietHours.start: must be a time like 09:00',
    );
    expect(errorOf({ brand, quietHours: { start: '21:00', end: '08:00' } })).toContain(
      'quietHours.end: start must be before end',
    );
    expect(errorOf({ brand, quietHours: { overrides: { US: { start: '08:00', end: '21:00' } } } })).toContain(
      'quietHours.overrides.US: must lie within the global window 09:00-20:00',
    );
    expect(errorOf({ brand, quietHours: { overrides: { us: { start: '10:00', end: '19:00' } } } })).toContain(
      'quietHours.overrides.us: must be a country code (US) or an IANA time zone or zone prefix',
    );
    expect(
      errorOf({ brand, quietHours: { overrides: { 'America/New': { start: '10:00', end: '19:00' } } } }),
    ).toContain('quietHours.overrides.America/New: must be a country code');
    const config = loadTouchpointConfig({
      brand,
      quietHours: {
        start: '08:00',
        end: '21:00',
        overrides: {
          DE: { start: '09:00', end: '20:00' },
          'America/Indiana': { start: '09:00', end: '20:00' },
          'America/Chicago': { start: '08:00', end: '20:00' },
        },
      },
    });
    expect(Object.keys(config.quietHours.overrides)).toEqual(['DE', 'America/Indiana', 'America/Chicago']);
  });
});
