import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { newMessageSid, sendEvent, sendSms, twimlMessages } from '../../local/simulator.ts';
import { phoneThreadKey } from '../../shared/adapters/dynamo/survey-store.ts';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

/**
 * Issue 17.3: a captured, correctly signed START replayed after a STOP re-subscribed the number.
 * Every inbound message now has one effect per MessageSid, and keywords apply in the order the
 * customer sent them (the provider's time), so an older START never undoes a newer STOP.
 */
const SECRET = 'local-generic-webhook-secret';
const TWILIO = 'local-twilio-auth-token';

describe('SMS keywords and replays', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const text = (from: string, body: string, messageSid = newMessageSid()) =>
    sendSms(rt.url, { from, to: OUR_NUMBER, body, messageSid }, TWILIO);
  const optedOut = async (phone: string) => (await rt.deps.surveys.getConsent(phone))?.smsOptedOut;
  const later = () => rt.advance({ advanceSeconds: 60 });

  it('ignores a replayed START after a STOP: still opted out, nothing said', async () => {
    const phone = '+12015550141';
    const start = newMessageSid();
    await text(phone, 'START', start);
    await later();
    const stop = await text(phone, 'STOP');
    expect(twimlMessages(stop.body)).toHaveLength(1);
    await later();
    const replay = await text(phone, 'START', start);
    expect(replay.status).toBe(200);
    expect(twimlMessages(replay.body)).toHaveLength(0);
    expect(await optedOut(phone)).toBe(true);
  });

  it('answers a replayed HELP (same MessageSid) only once', async () => {
    const phone = '+12015550142';
    const sid = newMessageSid();
    expect(twimlMessages((await text(phone, 'HELP', sid)).body)).toHaveLength(1);
    expect(twimlMessages((await text(phone, 'HELP', sid)).body)).toHaveLength(0);
  });

  it('does not re-subscribe on a START the customer sent before their STOP, delivered late', async () => {
    const phone = '+12015550143';
    // The customer texted START at 15:00 and STOP at 15:05; Twilio delivers the START last.
    const start = rt.sandbox.receiveSms({
      from: phone,
      to: OUR_NUMBER,
      body: 'START',
      at: new Date(rt.clock.now().getTime() - 5 * 60_000),
    });
    await text(phone, 'STOP');
    const late = await text(phone, 'START', start);
    expect(twimlMessages(late.body)).toHaveLength(0);
    expect(await optedOut(phone)).toBe(true);
    // A START sent after the STOP does re-subscribe.
    await later();
    const fresh = await text(phone, 'START');
    expect(twimlMessages(fresh.body)[0]).toContain('STOP');
    expect(await optedOut(phone)).toBe(false);
  });

  it('does not let a STOP sent before a START, delivered late, undo the START', async () => {
    const phone = '+12015550144';
    await text(phone, 'STOP');
    await later();
    const stop = rt.sandbox.receiveSms({
      from: phone,
      to: OUR_NUMBER,
      body: 'STOP',
      at: new Date(rt.clock.now().getTime() - 30_000),
    });
    await text(phone, 'START');
    await text(phone, 'STOP', stop);
    expect(await optedOut(phone)).toBe(false);
  });

  it('never applies a replayed answer to a later survey, even after the first was erased', async () => {
    const phone = '+12015550145';
    const survey = async (n: number) => {
      const res = await sendEvent(
        rt.url,
        {
          eventId: `kw-survey-${n}`,
          type: 'delivery',
          occurredAt: new Date(rt.clock.now().getTime() - 24 * 3600_000).toISOString(),
          source: 'crm',
          customer: { id: `kw-${n}`, phone, timeZone: 'America/New_York' },
          context: { orderId: `kw-order-${n}` },
        },
        SECRET,
        rt.clock.now(),
      );
      expect(res.status).toBe(200);
      await rt.advance({ advanceSeconds: 60 });
      return (res.json as { surveyId: string }).surveyId;
    };
    const first = await survey(1);
    const answer = newMessageSid();
    await text(phone, '9', answer);
    expect((await rt.deps.responses.get(first))?.score).toBe(9);
    const erase = await fetch(`${rt.url}/api/customers/erase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: phone }),
    });
    expect(erase.status).toBe(200);
    // Past the fatigue window, the same number is asked again.
    await rt.advance({ advanceSeconds: 15 * 86_400 });
    const second = await survey(2);
    const replay = await text(phone, '9', answer);
    expect(twimlMessages(replay.body)).toHaveLength(0);
    expect(await rt.deps.responses.get(second)).toBeUndefined();
    expect((await rt.deps.surveys.get(second))?.status).toBe('sent');
  });

  it('answers a signed message without a MessageSid with a 400 and changes nothing', async () => {
    const phone = '+12015550146';
    const res = await text(phone, 'STOP', '');
    expect(res.status).toBe(400);
    expect(res.body).toContain('MessageSid');
    expect(await optedOut(phone)).toBeUndefined();
  });

  it('finds a replayed answer on a survey older than the ten newest of the thread', async () => {
    const phone = '+12015550147';
    const thread = phoneThreadKey(phone, OUR_NUMBER);
    const sid = newMessageSid();
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.parse('2026-01-01T10:00:00Z') + i * 86_400_000).toISOString();
      await rt.deps.surveys.create({
        surveyId: `sv_thread_${i}`,
        touchpoint: 'delivery',
        metric: DEFAULT_METRICS.nps,
        eventId: `thread-${i}`,
        eventType: 'delivery',
        source: 'crm',
        customerId: 'thread',
        phone,
        language: 'en',
        status: 'sent',
        createdAt: at,
        dueAt: at,
        expiresAt: at,
        channelPlan: ['sms'],
        attempts: [],
        decisions: [],
        followUp: false,
        context: {},
        ...(i === 0 && { inboundIds: [sid] }),
      });
      await rt.deps.surveys.transition(`sv_thread_${i}`, { status: 'sent' }, { thread: { key: thread, at } });
    }
    const newest = await rt.deps.surveys.queryThread(thread);
    expect(newest.map((s) => s.surveyId)).not.toContain('sv_thread_0');
    expect(await rt.deps.surveys.threadHasInbound(thread, sid, newest)).toBe(true);
    expect(await rt.deps.surveys.threadHasInbound(thread, newMessageSid(), newest)).toBe(false);
  });
});
