import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent } from '../../local/simulator.ts';
import { loadTouchpointConfig } from '../../shared/domain/touchpoints.ts';
import { startTestRuntime } from '../support/runtime.ts';

/**
 * Issue 4's scheduling promises, driven only through the local runtime's HTTP surface, as an admin
 * trying it would: signed webhooks in, `POST /dev/clock` to move time (each move runs the dispatch
 * tick), `GET /dev/outbox` to see what the sandbox providers were asked to send.
 */
const SECRET = 'local-generic-webhook-secret';
const shipped = JSON.parse(readFileSync('touchpoints.config.json', 'utf8'));
const config = loadTouchpointConfig({
  ...shipped,
  touchpoints: {
    ...shipped.touchpoints,
    // The shortest and the longest delay the config allows, by email (no quiet hours).
    quick: { metric: 'csat', delayMinutes: 1, channels: ['email'] },
    month: { metric: 'nps', delayMinutes: 43_200, channels: ['email'] },
  },
});

interface Outbox {
  count: number;
  messages: Array<{ surveyId?: string; channel: string; to: string; kind?: string }>;
}

describe('scheduling through the local runtime (/dev/clock)', () => {
  let rt: LocalRuntime;

  /** `POST /dev/clock`: moves virtual time (to a time, or by seconds) and runs the dispatch tick. */
  async function clock(move: { now: string } | { advanceSeconds: number } | { toNextDue: true }) {
    const res = await fetch(`${rt.url}/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(move),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { now: string; dispatch: { sent: number; throttled: number } };
  }
  const clockTo = (now: string) => clock({ now });
  const clockBy = (advanceSeconds: number) => clock({ advanceSeconds });
  async function virtualNow(): Promise<Date> {
    const res = await fetch(`${rt.url}/dev/clock`);
    return new Date(((await res.json()) as { now: string }).now);
  }
  async function outbox(query: string): Promise<Outbox> {
    const res = await fetch(`${rt.url}/dev/outbox?${query}`);
    return (await res.json()) as Outbox;
  }
  async function post(event: Record<string, unknown>) {
    const res = await sendEvent(rt.url, event, SECRET, await virtualNow());
    expect(res.status).toBe(200);
    return res.json as { surveyId: string; outcome: string; dueAt: string };
  }

  beforeAll(async () => {
    // Saturday 7 March 2026, 19:30 in New York: US daylight saving time starts that night.
    rt = await startTestRuntime({ clockStart: new Date('2026-03-08T00:30:00Z'), config });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('defers an evening SMS to 09:00 the next morning across the spring-forward night', async () => {
    const planned = await post({
      eventId: 'sched-dst-1',
      type: 'purchase',
      occurredAt: '2026-03-08T00:30:00Z',
      source: 'crm',
      customer: { id: 'sched-1', phone: '+12015550131', timeZone: 'America/New_York' },
      context: { orderId: 'S-1' },
    });
    // Due 20:30 EST is quiet; the window opens at 09:00 EDT (13:00 UTC, not 14:00 as in EST).
    expect(planned).toMatchObject({ outcome: 'scheduled', dueAt: '2026-03-08T13:00:00.000Z' });
    await clockTo('2026-03-08T12:59:00Z');
    expect((await outbox(`surveyId=${planned.surveyId}`)).count).toBe(0);
    await clockTo('2026-03-08T13:00:00Z');
    const sent = await outbox(`surveyId=${planned.surveyId}`);
    expect(sent.messages.map((m) => [m.kind, m.channel, m.to])).toEqual([['send', 'sms', '+12015550131']]);
  });

  it('sends a one-minute delay at that minute, not before', async () => {
    const at = await virtualNow();
    const planned = await post({
      eventId: 'sched-quick-1',
      type: 'purchase',
      touchpoint: 'quick',
      occurredAt: at.toISOString(),
      source: 'crm',
      customer: { id: 'sched-2', email: 'quick@example.com' },
    });
    const due = new Date(at.getTime() + 60_000);
    expect(planned).toMatchObject({ outcome: 'scheduled', dueAt: due.toISOString() });
    await clockTo(new Date(due.getTime() - 1000).toISOString());
    expect((await outbox(`surveyId=${planned.surveyId}`)).count).toBe(0);
    await clockTo(due.toISOString());
    expect((await outbox(`surveyId=${planned.surveyId}`)).messages.map((m) => m.to)).toEqual([
      'quick@example.com',
    ]);
  });

  it('sends a 30-day delay exactly 43,200 minutes after the event', async () => {
    const at = await virtualNow();
    const planned = await post({
      eventId: 'sched-month-1',
      type: 'purchase',
      touchpoint: 'month',
      occurredAt: at.toISOString(),
      source: 'crm',
      customer: { id: 'sched-3', email: 'month@example.com' },
    });
    const due = new Date(at.getTime() + 43_200 * 60_000);
    expect(planned).toMatchObject({ outcome: 'scheduled', dueAt: due.toISOString() });
    await clockTo(new Date(due.getTime() - 60_000).toISOString());
    expect((await outbox(`surveyId=${planned.surveyId}`)).count).toBe(0);
    await clockTo(due.toISOString());
    expect((await outbox(`surveyId=${planned.surveyId}`)).count).toBe(1);
  });

  it('drains 150 SMS surveys due at once at 1 per second: 60 a minute, each sent once', async () => {
    // Now 7 April, 09:01 in New York: due times an hour later are inside the sending window.
    const at = await virtualNow();
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const planned = await post({
        eventId: `sched-burst-${i}`,
        type: 'purchase',
        occurredAt: at.toISOString(),
        source: 'crm',
        customer: {
          id: `burst-${i}`,
          phone: `+1${202 + Math.floor(i / 80)}55501${String(i % 80).padStart(2, '0')}`,
          timeZone: 'America/New_York',
        },
        context: { orderId: `B-${i}` },
      });
      expect(planned.outcome).toBe('scheduled');
      ids.push(planned.surveyId);
    }
    const sentTo = async () => {
      const box = await outbox('channel=sms');
      return box.messages.filter((m) => m.kind === 'send' && m.surveyId && ids.includes(m.surveyId));
    };
    // The token bucket holds at most a minute of sends: every tick a minute or more apart sends 60.
    const first = await clockTo(new Date(at.getTime() + 3_600_000).toISOString());
    expect(first.dispatch).toMatchObject({ sent: 60, throttled: 90 });
    expect(await sentTo()).toHaveLength(60);
    await clockBy(60);
    expect(await sentTo()).toHaveLength(120);
    await clockBy(60);
    const all = await sentTo();
    expect(all).toHaveLength(150);
    expect(new Set(all.map((m) => m.surveyId)).size).toBe(150);
    // Nothing left and nothing sent twice after more ticks.
    await clockBy(600);
    expect(await sentTo()).toHaveLength(150);
  }, 120_000);

  it('moves the clock straight to a survey that quiet hours put many hours out (toNextDue)', async () => {
    const now = await virtualNow();
    // 01:00 in New York the next night: the hour's delay lands in quiet hours, due at 09:00.
    const night = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 5));
    await clockTo(night.toISOString());
    const planned = await post({
      eventId: 'sched-next-due-1',
      type: 'purchase',
      occurredAt: night.toISOString(),
      source: 'crm',
      customer: { id: 'sched-next', phone: '+12015550138', timeZone: 'America/New_York' },
      context: { orderId: 'S-NEXT' },
    });
    expect(Date.parse(planned.dueAt) - night.getTime()).toBeGreaterThan(6 * 3_600_000);
    // The virtual clock runs on in real time, so "at the due time" allows the few ms of the request.
    const atDue = (iso: string) => Date.parse(iso) - Date.parse(planned.dueAt);
    const moved = await clock({ toNextDue: true });
    expect(atDue(moved.now)).toBeGreaterThanOrEqual(0);
    expect(atDue(moved.now)).toBeLessThan(5_000);
    expect(moved.dispatch.sent).toBe(1);
    expect((await outbox(`surveyId=${planned.surveyId}`)).messages.map((m) => m.kind)).toEqual(['send']);
    // Again: the clock never goes back, and the survey is not sent twice.
    const again = await clock({ toNextDue: true });
    expect(Date.parse(again.now)).toBeGreaterThanOrEqual(Date.parse(moved.now));
    expect((await outbox(`surveyId=${planned.surveyId}`)).messages).toHaveLength(1);
  });

  it('refuses a clock move that is not exactly one of advanceSeconds, now or toNextDue', async () => {
    const before = (await virtualNow()).getTime();
    for (const body of [{}, { toNextDue: false }, { toNextDue: true, advanceSeconds: 60 }]) {
      const res = await fetch(`${rt.url}/dev/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/toNextDue/);
    }
    expect((await virtualNow()).getTime() - before).toBeLessThan(5_000);
  });
});
