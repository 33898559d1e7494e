import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalEvent } from '../../events/canonical/schema.ts';
import {
  type CustomerState,
  type DispatchCandidate,
  planSurvey,
  resolveSendTime,
  type SurveyPlan,
  samplingDraw,
  TICKET_RECHECK_MINUTES,
} from '../../shared/domain/engine.ts';
import { DEFAULT_CONFIG, loadTouchpointConfig } from '../../shared/domain/touchpoints.ts';

// Fictional customer (555-01xx, example.com) in New York; 10 March 2026 is after the US DST change (EDT, -4).
const base = CanonicalEvent.parse(JSON.parse(readFileSync('events/canonical/purchase-sms.json', 'utf8')));
const brand = { name: 'Example Shop', contact: 'help.example.com' };
const config = DEFAULT_CONFIG;
const now = new Date('2026-03-10T14:00:00Z');
const event = (over: Record<string, unknown> = {}) =>
  CanonicalEvent.parse({ ...structuredClone(base), ...over });
const plan = (over: Partial<Parameters<typeof planSurvey>[0]> = {}) =>
  planSurvey({ event: event(), config, customer: {}, consent: {}, now, ...over });
const expectSchedule = (p: SurveyPlan) => {
  if (p.action !== 'schedule') throw new Error(`expected a schedule, got ${JSON.stringify(p)}`);
  return p;
};
const pending = (over: Partial<NonNullable<CustomerState['pendingSurvey']>> = {}): CustomerState => ({
  lastSurveyAt: '2026-03-10T15:00:00.000Z',
  lastSurveyTouchpoint: 'purchase',
  lastSurveyPriority: 1,
  pendingSurvey: {
    surveyId: 'sv_old',
    touchpoint: 'purchase',
    priority: 1,
    dueAt: '2026-03-10T15:00:00.000Z',
    status: 'scheduled',
    ...over,
  },
});

describe('planSurvey: what and when', () => {
  it('schedules a CES 2.0 purchase survey one hour after the event, SMS first, expiring after 7 days', () => {
    const p = expectSchedule(plan());
    expect(p).toMatchObject({
      touchpoint: 'purchase',
      metric: { kind: 'ces', min: 1, max: 7, convention: 'ces2' },
      followUp: true,
      dueAt: '2026-03-10T15:00:00.000Z',
      expiresAt: '2026-03-17T15:00:00.000Z',
      channelPlan: ['sms', 'email'],
      locale: 'en-US',
    });
    expect(p.decisions.map((d) => `${d.rule}:${d.outcome}`)).toEqual([
      'sampling:included',
      'channels:sms>email',
      'delay:2026-03-10T15:00:00.000Z',
      'fatigue:ok',
    ]);
    expect(p.decisions.every((d) => d.at === now.toISOString())).toBe(true);
  });

  it('asks NPS 24 h after a delivery and CSAT 1 h after a closed ticket', () => {
    expect(plan({ event: event({ type: 'delivery' }) })).toMatchObject({
      metric: { kind: 'nps', min: 0, max: 10 },
      dueAt: '2026-03-11T14:00:00.000Z',
    });
    expect(plan({ event: event({ type: 'ticket_closed', context: { ticketId: 'T1' } }) })).toMatchObject({
      metric: { kind: 'csat', min: 1, max: 5 },
      dueAt: '2026-03-10T15:00:00.000Z',
    });
  });

  it('feeds a user-defined touchpoint named on the event', () => {
    const custom = loadTouchpointConfig({
      brand,
      touchpoints: { returns: { metric: 'csat', delayMinutes: 90, channels: ['email'] } },
    });
    expect(plan({ event: event({ touchpoint: 'returns' }), config: custom })).toMatchObject({
      action: 'schedule',
      touchpoint: 'returns',
      dueAt: '2026-03-10T15:30:00.000Z',
      channelPlan: ['email'],
    });
  });

  it('skips an event whose touchpoint is not configured, and says so', () => {
    const p = plan({ event: event({ touchpoint: 'webinar' }) });
    expect(p).toMatchObject({ action: 'skip', touchpoint: 'webinar', reason: 'not_configured' });
    expect(p.decisions.at(-1)).toMatchObject({ rule: 'not_configured', outcome: 'skipped' });
  });

  it('sends a late event at once instead of in the past', () => {
    const p = plan({ event: event({ occurredAt: '2026-03-10T11:00:00Z' }) });
    expect(p).toMatchObject({ action: 'schedule', dueAt: now.toISOString() });
  });

  it('skips an event so old that its survey would already have expired', () => {
    // purchase: 1 h delay + 7 days expiry
    expect(plan({ event: event({ occurredAt: '2026-03-03T12:59:00Z' }) })).toMatchObject({ reason: 'stale' });
    expect(plan({ event: event({ occurredAt: '2026-03-03T13:01:00Z' }) })).toMatchObject({
      action: 'schedule',
    });
  });

  it('defers an SMS that would fall in quiet hours to 09:00 local, and expires 7 days from then', () => {
    // 20:30 EDT + 1 h = 21:30 EDT -> 09:00 EDT (13:00 UTC) next day
    const evening = event({ occurredAt: '2026-03-11T00:30:00Z' });
    const p = expectSchedule(plan({ event: evening, now: new Date('2026-03-11T00:30:05Z') }));
    expect(p.dueAt).toBe('2026-03-11T13:00:00.000Z');
    expect(p.expiresAt).toBe('2026-03-18T13:00:00.000Z');
    expect(p.decisions.find((d) => d.rule === 'quiet_hours')).toMatchObject({
      outcome: 'deferred',
      detail: 'sms allowed from 2026-03-11T13:00:00.000Z; window 09:00-20:00 America/New_York',
    });
  });

  it('does not defer when the first channel is email', () => {
    const evening = event({ occurredAt: '2026-03-11T00:30:00Z' });
    const p = plan({ event: evening, now: new Date('2026-03-11T00:30:05Z'), consent: { smsOptedOut: true } });
    expect(p).toMatchObject({ dueAt: '2026-03-11T01:30:00.000Z', channelPlan: ['email'] });
  });

  it('puts the customer’s preferred channel first, even voice', () => {
    expect(plan({ event: event({ preferredChannel: 'voice' }) })).toMatchObject({
      channelPlan: ['voice', 'sms', 'email'],
    });
    expect(plan({ event: event({ preferredChannel: 'email' }) })).toMatchObject({
      channelPlan: ['email', 'sms'],
    });
  });
});

describe('planSurvey: sampling', () => {
  const sampled = (rate: number) =>
    loadTouchpointConfig({ brand, touchpoints: { purchase: { sampling: rate } } });

  it('gives a re-delivered event the same decision', () => {
    const half = sampled(0.5);
    const ids = Array.from({ length: 400 }, (_, i) => `evt-${i}`);
    const decide = () => ids.map((eventId) => plan({ event: event({ eventId }), config: half }).action);
    const first = decide();
    expect(decide()).toEqual(first);
    const kept = first.filter((a) => a === 'schedule').length;
    expect(kept).toBeGreaterThan(160);
    expect(kept).toBeLessThan(240);
  });

  it('keeps exactly the events whose draw is below the rate', () => {
    const rate = 0.3;
    for (const eventId of ['a', 'b', 'c', 'evt-purchase-0001', 'order-1001', 'zz-top']) {
      const p = plan({ event: event({ eventId }), config: sampled(rate) });
      expect(p.action).toBe(samplingDraw(eventId) < rate ? 'schedule' : 'skip');
      if (p.action === 'skip') expect(p).toMatchObject({ reason: 'sampling' });
    }
  });

  it('surveys everyone at 1 and no one at 0', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), (eventId) => {
        const draw = samplingDraw(eventId);
        expect(draw).toBeGreaterThanOrEqual(0);
        expect(draw).toBeLessThan(1);
        expect(plan({ event: event({ eventId }), config: sampled(1) }).action).toBe('schedule');
        expect(plan({ event: event({ eventId }), config: sampled(0) }).action).toBe('skip');
      }),
      { numRuns: 50 },
    );
  });
});

describe('planSurvey: contact and consent', () => {
  it('falls to email when the number opted out of SMS, and records why', () => {
    const p = expectSchedule(plan({ consent: { smsOptedOut: true } }));
    expect(p.channelPlan).toEqual(['email']);
    expect(p.decisions.find((d) => d.rule === 'channels')?.detail).toContain('sms dropped: no_consent');
  });

  it('skips no_consent when every channel with a contact is refused', () => {
    expect(plan({ consent: { smsOptedOut: true, emailSuppressed: 'bounced' } })).toMatchObject({
      action: 'skip',
      reason: 'no_consent',
    });
    const emailOnly = event({ customer: { ...base.customer, phone: undefined } });
    expect(plan({ event: emailOnly, consent: { emailSuppressed: 'unsubscribed' } })).toMatchObject({
      reason: 'no_consent',
    });
  });

  it('skips no_contact when there is no contact for any channel', () => {
    const nobody = event({ customer: { id: 'c-9' } });
    const p = plan({ event: nobody });
    expect(p).toMatchObject({ action: 'skip', reason: 'no_contact' });
    expect(p.decisions.at(-1)?.detail).toBe(
      'no contact for any channel (sms: no_contact, email: no_contact)',
    );
    const emailOnlyTouchpoint = loadTouchpointConfig({
      brand,
      touchpoints: { purchase: { channels: ['email'] } },
    });
    const phoneOnly = event({ customer: { id: 'c-9', phone: '+12015550199' } });
    expect(plan({ event: phoneOnly, config: emailOnlyTouchpoint })).toMatchObject({ reason: 'no_contact' });
  });

  it('drops a refused preferred voice channel and keeps the rest', () => {
    expect(
      plan({ event: event({ preferredChannel: 'voice' }), consent: { voiceOptedOut: true } }),
    ).toMatchObject({
      channelPlan: ['sms', 'email'],
    });
  });
});

describe('planSurvey: fatigue and priority', () => {
  it('skips with fatigue when the customer was surveyed 9 days ago, naming the earlier survey', () => {
    const p = plan({
      customer: {
        lastSurveyAt: '2026-03-01T15:00:00Z',
        lastSurveyTouchpoint: 'delivery',
        lastSurveyPriority: 3,
      },
    });
    expect(p).toMatchObject({ action: 'skip', reason: 'fatigue' });
    expect(p.decisions.at(-1)).toMatchObject({
      rule: 'fatigue',
      outcome: 'skipped',
      detail: 'delivery survey due 2026-03-01T15:00:00Z is within 14 days (priority 1 vs 3)',
    });
  });

  it('surveys again once the window has passed (14 days, measured between due times)', () => {
    const customer = { lastSurveyAt: '2026-02-24T15:00:00.000Z' };
    expect(plan({ customer })).toMatchObject({ action: 'schedule' });
    expect(plan({ customer: { lastSurveyAt: '2026-02-24T15:00:00.001Z' } })).toMatchObject({
      reason: 'fatigue',
    });
  });

  it('counts a survey still to come as well as one in the past', () => {
    expect(plan({ customer: { lastSurveyAt: '2026-03-20T15:00:00Z' } })).toMatchObject({ reason: 'fatigue' });
  });

  it('has no fatigue control with a 0-day window', () => {
    const off = loadTouchpointConfig({ brand, fatigueWindowDays: 0 });
    expect(plan({ config: off, customer: { lastSurveyAt: '2026-03-10T13:00:00Z' } })).toMatchObject({
      action: 'schedule',
    });
  });

  it('lets a delivery survey supersede a purchase survey that has not gone out yet', () => {
    const p = expectSchedule(
      plan({ event: event({ eventId: 'd1', type: 'delivery', context: {} }), customer: pending() }),
    );
    expect(p.supersedes).toBe('sv_old');
    expect(p.decisions.find((d) => d.rule === 'priority')).toMatchObject({
      outcome: 'supersedes',
      detail: 'delivery (priority 3) replaces unsent purchase survey sv_old (priority 1)',
    });
  });

  it('skips a lower- or equal-priority touchpoint while another survey is pending', () => {
    const deliveryPending = pending({ touchpoint: 'delivery', priority: 3 });
    expect(plan({ customer: deliveryPending })).toMatchObject({ action: 'skip', reason: 'fatigue' });
    expect(
      plan({ event: event({ eventId: 'p2', context: { orderId: '2002' } }), customer: pending() }),
    ).toMatchObject({
      reason: 'fatigue',
    });
  });

  it.each(['sending', 'sent', 'answered'] as const)('never supersedes a survey that is %s', (status) => {
    expect(
      plan({ event: event({ eventId: 'd3', type: 'delivery', context: {} }), customer: pending({ status }) }),
    ).toMatchObject({ action: 'skip', reason: 'fatigue' });
  });
});

describe('planSurvey: the same order again', () => {
  const deliveryPending = pending({
    touchpoint: 'delivery',
    priority: 3,
    orderId: '1001',
    dueAt: '2026-03-11T14:00:00.000Z',
  });
  const delivery = (occurredAt: string) =>
    event({ eventId: `aftership-${occurredAt}`, type: 'delivery', occurredAt, source: 'aftership' });

  it('moves the pending survey to follow a later delivery event instead of adding a second one', () => {
    const p = plan({ event: delivery('2026-03-10T18:30:00Z'), customer: deliveryPending });
    expect(p).toEqual({
      action: 'reschedule',
      surveyId: 'sv_old',
      dueAt: '2026-03-11T18:30:00.000Z',
      decisions: [
        {
          at: now.toISOString(),
          rule: 'same_order',
          outcome: 'rescheduled',
          detail:
            'aftership event aftership-2026-03-10T18:30:00Z about order 1001; due 2026-03-11T18:30:00.000Z',
        },
      ],
    });
  });

  it('keeps the schedule when the other report is older', () => {
    const p = plan({ event: delivery('2026-03-10T09:00:00Z'), customer: deliveryPending });
    expect(p).toMatchObject({ action: 'reschedule', dueAt: '2026-03-11T14:00:00.000Z' });
    expect(p.decisions[0]?.outcome).toBe('unchanged');
  });

  it('reschedules regardless of the sampling draw (the order was already sampled in)', () => {
    const none = loadTouchpointConfig({ brand, touchpoints: { delivery: { sampling: 0 } } });
    expect(
      plan({ event: delivery('2026-03-10T18:30:00Z'), customer: deliveryPending, config: none }),
    ).toMatchObject({
      action: 'reschedule',
    });
  });

  it('skips as a duplicate once the survey about that order has gone out', () => {
    const sent = pending({ touchpoint: 'delivery', priority: 3, orderId: '1001', status: 'sent' });
    expect(plan({ event: delivery('2026-03-10T18:30:00Z'), customer: sent })).toMatchObject({
      action: 'skip',
      reason: 'duplicate',
    });
  });
});

describe('planSurvey: open tickets', () => {
  const ticket = event({ eventId: 't1', type: 'ticket_closed', context: { ticketId: 'A' } });

  it('waits for the customer’s other open tickets and re-checks when due', () => {
    const p = expectSchedule(plan({ event: ticket, customer: { openTicketIds: ['A', 'B', 'C'] } }));
    expect(p.waitForTickets).toEqual(['B', 'C']);
    expect(p.decisions.find((d) => d.rule === 'open_ticket')).toMatchObject({
      outcome: 'deferred',
      detail: 'recheck at 2026-03-10T15:00:00.000Z; other open tickets: B, C',
    });
  });

  it('does not wait for the ticket that just closed', () => {
    const p = expectSchedule(plan({ event: ticket, customer: { openTicketIds: ['A'] } }));
    expect(p.waitForTickets).toBeUndefined();
  });

  it('skips with open_ticket under the skip policy', () => {
    const skipping = loadTouchpointConfig({ brand, ticketSupersede: 'skip' });
    expect(plan({ event: ticket, config: skipping, customer: { openTicketIds: ['B'] } })).toMatchObject({
      action: 'skip',
      reason: 'open_ticket',
    });
  });

  it('ignores open tickets for other touchpoints', () => {
    expect(plan({ customer: { openTicketIds: ['B'] } })).toMatchObject({ action: 'schedule' });
  });
});

describe('planSurvey: every skip is explained', () => {
  it('ends each skip with a decision named after its reason', () => {
    const cases: SurveyPlan[] = [
      plan({ event: event({ touchpoint: 'webinar' }) }),
      plan({ event: event({ occurredAt: '2026-01-01T00:00:00Z' }) }),
      plan({ consent: { smsOptedOut: true, emailSuppressed: 'complaint' } }),
      plan({ event: event({ customer: { id: 'x' } }) }),
      plan({ customer: { lastSurveyAt: '2026-03-09T10:00:00Z' } }),
    ];
    for (const p of cases) {
      if (p.action !== 'skip') throw new Error(`expected a skip, got ${p.action}`);
      expect(p.decisions.at(-1)).toMatchObject({ rule: p.reason, outcome: 'skipped' });
    }
  });
});

describe('resolveSendTime', () => {
  const survey = (over: Partial<DispatchCandidate> = {}): DispatchCandidate => ({
    dueAt: '2026-03-10T15:00:00.000Z',
    expiresAt: '2026-03-17T15:00:00.000Z',
    channelPlan: ['sms', 'email'],
    timeZone: 'America/New_York',
    phone: '+12015550123',
    email: 'ada@example.com',
    attempts: [],
    ...over,
  });
  const resolve = (at: string, over: Partial<Parameters<typeof resolveSendTime>[0]> = {}) =>
    resolveSendTime({ survey: survey(), consent: {}, config, now: new Date(at), ...over });

  it('sends by SMS when due inside the window (11:00 EDT)', () => {
    expect(resolve('2026-03-10T15:00:00Z')).toEqual({ action: 'send', channel: 'sms' });
  });

  it('waits for a survey that is not due yet', () => {
    expect(resolve('2026-03-10T14:59:00Z')).toMatchObject({
      action: 'defer',
      until: '2026-03-10T15:00:00.000Z',
    });
  });

  it('defers a survey planned for 19:58 but dispatched at 20:01 to 09:00 the next morning', () => {
    const late = resolve('2026-03-11T00:01:00Z', { survey: survey({ dueAt: '2026-03-10T23:58:00.000Z' }) });
    expect(late).toMatchObject({
      action: 'defer',
      channel: 'sms',
      until: '2026-03-11T13:00:00.000Z',
      decision: { rule: 'quiet_hours', outcome: 'deferred' },
    });
  });

  it('sends an email at night', () => {
    expect(resolve('2026-03-11T04:00:00Z', { survey: survey({ channelPlan: ['email'] }) })).toEqual({
      action: 'send',
      channel: 'email',
    });
  });

  it('uses consent as it is now: an SMS opt-out since planning moves the send to email', () => {
    expect(resolve('2026-03-10T15:00:00Z', { consent: { smsOptedOut: true } })).toEqual({
      action: 'send',
      channel: 'email',
    });
  });

  it('skips channels that already failed and takes the channel a fallback chose first', () => {
    expect(
      resolve('2026-03-10T15:00:00Z', {
        survey: survey({ attempts: [{ channel: 'sms', status: 'undelivered' }] }),
      }),
    ).toEqual({ action: 'send', channel: 'email' });
    expect(resolve('2026-03-11T04:00:00Z', { survey: survey({ channel: 'email' }) })).toEqual({
      action: 'send',
      channel: 'email',
    });
  });

  it('skips with no_consent when no channel is left that the customer allows', () => {
    expect(
      resolve('2026-03-10T15:00:00Z', { consent: { smsOptedOut: true, emailSuppressed: 'bounced' } }),
    ).toMatchObject({
      action: 'skip',
      reason: 'no_consent',
      decision: { rule: 'consent', outcome: 'skipped' },
    });
  });

  it('sends by email now when the SMS window would open only after the survey expired', () => {
    // 22:00 EDT; the survey expires at 23:00 EDT
    const expiring = survey({ dueAt: '2026-03-11T01:00:00.000Z', expiresAt: '2026-03-11T03:00:00.000Z' });
    expect(resolve('2026-03-11T02:00:00Z', { survey: expiring })).toEqual({
      action: 'send',
      channel: 'email',
    });
  });

  it('applies a country override found from the phone number', () => {
    const us = loadTouchpointConfig({
      brand,
      quietHours: { overrides: { US: { start: '10:00', end: '19:00' } } },
    });
    // 09:30 EDT
    expect(
      resolve('2026-03-10T13:30:00Z', { config: us, survey: survey({ dueAt: '2026-03-10T13:30:00.000Z' }) }),
    ).toMatchObject({
      action: 'defer',
      until: '2026-03-10T14:00:00.000Z',
    });
  });

  describe('for a ticket survey waiting on other tickets', () => {
    const ticketSurvey = survey({ eventType: 'ticket_closed', context: { ticketId: 'A' } });

    it('re-checks an hour later while another ticket is open', () => {
      expect(
        resolve('2026-03-10T15:00:00Z', { survey: ticketSurvey, openTicketIds: ['A', 'B'] }),
      ).toMatchObject({
        action: 'defer',
        until: new Date(Date.parse('2026-03-10T15:00:00Z') + TICKET_RECHECK_MINUTES * 60_000).toISOString(),
        decision: { rule: 'open_ticket', outcome: 'deferred' },
      });
    });

    it('sends once the other tickets are closed', () => {
      expect(resolve('2026-03-10T15:00:00Z', { survey: ticketSurvey, openTicketIds: ['A'] })).toEqual({
        action: 'send',
        channel: 'sms',
      });
    });

    it('skips under the skip policy', () => {
      const skipping = loadTouchpointConfig({ brand, ticketSupersede: 'skip' });
      expect(
        resolve('2026-03-10T15:00:00Z', { survey: ticketSurvey, openTicketIds: ['B'], config: skipping }),
      ).toMatchObject({ action: 'skip', reason: 'open_ticket' });
    });
  });
});
