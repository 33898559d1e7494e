import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CanonicalEvent } from '../../events/canonical/schema.ts';
import { nextAllowedSendTime, nextChannel, planSurvey, samplingDraw } from '../../shared/domain/engine.ts';
import { loadTouchpointConfig, shippedConfig } from '../../shared/domain/touchpoints.ts';
import { ConfigError } from '../../shared/errors.ts';

const config = shippedConfig();
const base = CanonicalEvent.parse(JSON.parse(readFileSync('events/canonical/purchase-sms.json', 'utf8')));
const now = new Date('2026-03-10T14:00:00Z');
const event = (over: Record<string, unknown> = {}) =>
  CanonicalEvent.parse({ ...structuredClone(base), ...over });

describe('touchpoint config', () => {
  it('ships the documented defaults', () => {
    expect(config.touchpoints.purchase).toMatchObject({
      metric: { kind: 'ces', min: 1, max: 7 },
      delayMinutes: 60,
      expiryDays: 7,
      channels: ['sms', 'email'],
    });
    expect(config.touchpoints.delivery).toMatchObject({ metric: { kind: 'nps' }, delayMinutes: 1440 });
    expect(config.touchpoints.ticket_closed).toMatchObject({
      metric: { kind: 'csat', min: 1, max: 5 },
      delayMinutes: 60,
    });
    expect(config.fatigueWindowDays).toBe(14);
  });

  it('names the bad field of an invalid config', () => {
    const bad = structuredClone(JSON.parse(readFileSync('touchpoints.config.json', 'utf8')));
    bad.touchpoints.delivery.delayMinutes = 0;
    expect(() => loadTouchpointConfig(bad)).toThrow(ConfigError);
    expect(() => loadTouchpointConfig(bad)).toThrow(/touchpoints\.delivery\.delayMinutes/);
    bad.touchpoints.delivery.delayMinutes = 60;
    bad.touchpoints.delivery.colour = 'red';
    expect(() => loadTouchpointConfig(bad)).toThrow(/colour/);
  });
});

describe('planSurvey', () => {
  it('schedules a CES purchase survey one hour after the event, SMS first', () => {
    const plan = planSurvey({ event: event(), config, customer: {}, consent: {}, now });
    expect(plan).toMatchObject({
      action: 'schedule',
      dueAt: '2026-03-10T15:00:00.000Z',
      expiresAt: '2026-03-17T15:00:00.000Z',
      channelPlan: ['sms', 'email'],
    });
  });

  it('skips with fatigue when the customer was asked within 14 days, and records why', () => {
    const plan = planSurvey({
      event: event(),
      config,
      customer: {
        lastSurveyAt: '2026-03-01T10:00:00Z',
        lastSurveyTouchpoint: 'delivery',
        lastSurveyPriority: 3,
      },
      consent: {},
      now,
    });
    expect(plan).toMatchObject({ action: 'skip', reason: 'fatigue' });
    expect(plan.decisions.at(-1)?.detail).toContain('delivery');
  });

  it('lets a higher-priority touchpoint supersede a survey that has not gone out yet', () => {
    const delivery = event({ eventId: 'd1', type: 'delivery' });
    const plan = planSurvey({
      event: delivery,
      config,
      customer: {
        lastSurveyAt: '2026-03-10T15:00:00Z',
        pendingSurvey: {
          surveyId: 'sv_old',
          touchpoint: 'purchase',
          priority: 1,
          dueAt: '2026-03-10T15:00:00Z',
          status: 'scheduled',
        },
      },
      consent: {},
      now,
    });
    expect(plan).toMatchObject({ action: 'schedule', supersedes: 'sv_old' });
  });

  it('does not supersede a survey already sent', () => {
    const plan = planSurvey({
      event: event({ eventId: 'd2', type: 'delivery' }),
      config,
      customer: {
        lastSurveyAt: '2026-03-10T15:00:00Z',
        pendingSurvey: {
          surveyId: 'sv_old',
          touchpoint: 'purchase',
          priority: 1,
          dueAt: '2026-03-10T15:00:00Z',
          status: 'sent',
        },
      },
      consent: {},
      now,
    });
    expect(plan).toMatchObject({ action: 'skip', reason: 'fatigue' });
  });

  it('falls to email when SMS is opted out, and skips with no_consent when email is suppressed too', () => {
    expect(
      planSurvey({ event: event(), config, customer: {}, consent: { smsOptedOut: true }, now }),
    ).toMatchObject({ action: 'schedule', channelPlan: ['email'] });
    expect(
      planSurvey({
        event: event(),
        config,
        customer: {},
        consent: { smsOptedOut: true, emailSuppressed: 'bounced' },
        now,
      }),
    ).toMatchObject({ action: 'skip', reason: 'no_consent' });
  });

  it('puts the preferred channel first', () => {
    const plan = planSurvey({
      event: event({ preferredChannel: 'voice' }),
      config,
      customer: {},
      consent: {},
      now,
    });
    expect(plan).toMatchObject({ channelPlan: ['voice', 'sms', 'email'] });
  });

  it('samples deterministically by event id', () => {
    const sampled = loadTouchpointConfig({
      ...JSON.parse(readFileSync('touchpoints.config.json', 'utf8')),
      touchpoints: { purchase: { metric: 'ces', delayMinutes: 60, sampling: 0.5 } },
    });
    const ids = Array.from({ length: 200 }, (_, i) => `evt-${i}`);
    const first = ids.map(
      (id) =>
        planSurvey({ event: event({ eventId: id }), config: sampled, customer: {}, consent: {}, now }).action,
    );
    const again = ids.map(
      (id) =>
        planSurvey({ event: event({ eventId: id }), config: sampled, customer: {}, consent: {}, now }).action,
    );
    expect(again).toEqual(first);
    const kept = first.filter((a) => a === 'schedule').length;
    expect(kept).toBeGreaterThan(70);
    expect(kept).toBeLessThan(130);
    expect(samplingDraw('evt-1')).toBe(samplingDraw('evt-1'));
  });

  it('waits or skips a ticket survey while another ticket is open', () => {
    const ticket = event({ eventId: 't1', type: 'ticket_closed', context: { ticketId: 'A' } });
    const waiting = planSurvey({
      event: ticket,
      config,
      customer: { openTicketIds: ['A', 'B'] },
      consent: {},
      now,
    });
    expect(waiting.action).toBe('schedule');
    expect(waiting.decisions.some((d) => d.rule === 'open_ticket' && d.outcome === 'wait')).toBe(true);
    const skipping = planSurvey({
      event: ticket,
      config: { ...config, ticketSupersede: 'skip' },
      customer: { openTicketIds: ['B'] },
      consent: {},
      now,
    });
    expect(skipping).toMatchObject({ action: 'skip', reason: 'open_ticket' });
  });
});

describe('quiet hours', () => {
  it('lets email go any time', () => {
    const at = new Date('2026-03-10T03:00:00Z');
    expect(nextAllowedSendTime(at, 'email', 'America/New_York', config)).toEqual(at);
  });

  it('defers an SMS at 21:30 local to 09:00 the next morning', () => {
    // 02:30 UTC on 11 March = 21:30 EST on 10 March
    const next = nextAllowedSendTime(new Date('2026-03-11T02:30:00Z'), 'sms', 'America/New_York', config);
    expect(next.toISOString()).toBe('2026-03-11T13:00:00.000Z');
  });

  it('defers across the spring-forward change to 09:00 EDT (13:00 UTC)', () => {
    // 8 March 2026 is the US DST change; 07:00 EDT = 11:00 UTC
    const next = nextAllowedSendTime(new Date('2026-03-08T11:00:00Z'), 'voice', 'America/New_York', config);
    expect(next.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('handles the autumn change in Berlin (09:00 CET = 08:00 UTC)', () => {
    const next = nextAllowedSendTime(new Date('2026-10-25T03:30:00Z'), 'sms', 'Europe/Berlin', config);
    expect(next.toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('sends at 19:59 but not at 20:00', () => {
    expect(
      nextAllowedSendTime(new Date('2026-01-10T19:59:00Z'), 'sms', 'Europe/London', config).toISOString(),
    ).toBe('2026-01-10T19:59:00.000Z');
    expect(
      nextAllowedSendTime(new Date('2026-01-10T20:00:00Z'), 'sms', 'Europe/London', config).toISOString(),
    ).toBe('2026-01-11T09:00:00.000Z');
  });

  it('uses a stricter per-region window when configured', () => {
    const strict = {
      ...config,
      quietHours: {
        ...config.quietHours,
        overrides: { 'America/Los_Angeles': { start: '10:00', end: '18:00' } },
      },
    };
    // 17:30 UTC = 09:30 PST
    expect(
      nextAllowedSendTime(
        new Date('2026-01-10T17:30:00Z'),
        'sms',
        'America/Los_Angeles',
        strict,
      ).toISOString(),
    ).toBe('2026-01-10T18:00:00.000Z');
  });
});

describe('channel fallback', () => {
  const contact = { phone: '+12015550123', email: 'ada@example.com' };
  it('moves an undeliverable SMS to email', () => {
    expect(
      nextChannel({
        channelPlan: ['sms', 'email'],
        tried: ['sms'],
        failure: 'undelivered',
        contact,
        consent: {},
      }),
    ).toBe('email');
  });
  it('moves an unanswered or voicemail call to SMS', () => {
    expect(
      nextChannel({ channelPlan: ['voice'], tried: ['voice'], failure: 'machine', contact, consent: {} }),
    ).toBe('sms');
    expect(
      nextChannel({
        channelPlan: ['voice', 'email'],
        tried: ['voice'],
        failure: 'no_answer',
        contact,
        consent: {},
      }),
    ).toBe('sms');
  });
  it('never retries SMS on a landline and gives up when nothing is left', () => {
    expect(
      nextChannel({
        channelPlan: ['voice', 'sms'],
        tried: ['voice', 'email'],
        failure: 'landline',
        contact,
        consent: {},
      }),
    ).toBeUndefined();
    expect(
      nextChannel({
        channelPlan: ['sms', 'email'],
        tried: ['sms'],
        failure: 'failed',
        contact: { phone: contact.phone },
        consent: {},
      }),
    ).toBeUndefined();
  });
});
