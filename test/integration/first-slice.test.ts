import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms, twimlMessages } from '../../local/simulator.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime, storedFor } from '../support/runtime.ts';

const sample = JSON.parse(readFileSync('events/canonical/purchase-sms.json', 'utf8'));
const CUSTOMER = '+12015550123';
const SECRET = 'local-generic-webhook-secret';
const TWILIO_TOKEN = 'local-twilio-auth-token';

interface ScoreRow {
  touchpoint: string;
  metric: string;
  responses: number;
  score: number | null;
}

describe('the first end-to-end slice: purchase -> CES by SMS -> reply -> score', () => {
  let rt: LocalRuntime;
  let surveyId: string;

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('accepts a signed purchase event and schedules a CES survey one hour later', async () => {
    const event = structuredClone(sample);
    event.occurredAt = rt.clock.now().toISOString();
    const res = await sendEvent(rt.url, event, SECRET, rt.clock.now());
    expect(res.status).toBe(200);
    const body = res.json as { outcome: string; surveyId: string; dueAt: string };
    expect(body.outcome).toBe('scheduled');
    expect(Date.parse(body.dueAt) - Date.parse(event.occurredAt)).toBe(60 * 60 * 1000);
    surveyId = body.surveyId;
    const stored = await rt.deps.surveys.get(surveyId);
    expect(stored?.status).toBe('scheduled');
    expect(stored?.metric).toMatchObject({ kind: 'ces', min: 1, max: 7 });
    // The survey is the event's record (found by its event id), with no separate event record.
    expect(await storedFor(rt, event.eventId)).toEqual({ record: undefined, surveys: [stored] });
  });

  it('rejects the same event with a bad signature and stores nothing new', async () => {
    const event = {
      ...structuredClone(sample),
      eventId: 'evt-forged-1',
      occurredAt: rt.clock.now().toISOString(),
    };
    const res = await sendEvent(rt.url, event, 'not-the-secret-at-all', rt.clock.now());
    expect(res.status).toBe(401);
    expect(await storedFor(rt, 'evt-forged-1')).toEqual({ record: undefined, surveys: [] });
  });

  it('sends nothing before the survey is due', async () => {
    const { dispatch } = await rt.advance({ advanceSeconds: 30 * 60 });
    expect(dispatch.sent).toBe(0);
    expect(rt.sandbox.outbox()).toHaveLength(0);
  });

  it('sends the survey by SMS through the Twilio client once it is due', async () => {
    const { dispatch } = await rt.advance({ advanceSeconds: 31 * 60 });
    expect(dispatch.sent).toBe(1);
    const res = await fetch(`${rt.url}/dev/outbox`);
    const outbox = (await res.json()) as {
      messages: Array<{ channel: string; to: string; text: string; surveyId: string }>;
    };
    expect(outbox.messages).toHaveLength(1);
    const sms = outbox.messages[0];
    expect(sms).toMatchObject({ channel: 'sms', to: CUSTOMER, surveyId });
    expect(sms?.text).toMatch(/1.*7/);
    expect(sms?.text).toMatch(/STOP/);
    expect((await rt.deps.surveys.get(surveyId))?.status).toBe('sent');
  });

  it('stores the customer reply and asks why', async () => {
    const res = await sendSms(rt.url, { from: CUSTOMER, to: OUR_NUMBER, body: ' 6 ' }, TWILIO_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<Response>');
    expect(twimlMessages(res.body)).toHaveLength(1);
    const response = await rt.deps.responses.get(surveyId);
    expect(response).toMatchObject({ surveyId, touchpoint: 'purchase', score: 6, channel: 'sms' });
  });

  it('rejects an SMS webhook with a wrong signature (403) and changes nothing', async () => {
    const res = await sendSms(rt.url, { from: CUSTOMER, to: OUR_NUMBER, body: '1' }, 'wrong-token-xxxxxxxx');
    expect(res.status).toBe(403);
    expect((await rt.deps.responses.get(surveyId))?.score).toBe(6);
  });

  it('updates the purchase score from the responses stream', async () => {
    const records = await rt.drainStreams();
    expect(records).toBeGreaterThan(0);
    const res = await fetch(`${rt.url}/api/scores`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const { scores } = (await res.json()) as { scores: ScoreRow[] };
    const purchase = scores.find((s) => s.touchpoint === 'purchase');
    expect(purchase).toMatchObject({ touchpoint: 'purchase', metric: 'ces', responses: 1, score: 6 });
  });

  it('refuses the scores without the admin token', async () => {
    const res = await fetch(`${rt.url}/api/scores`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`${rt.url}/api/scores`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('keeps the next message as the comment and thanks the customer', async () => {
    const res = await sendSms(
      rt.url,
      { from: CUSTOMER, to: OUR_NUMBER, body: 'Checkout was quick' },
      TWILIO_TOKEN,
    );
    expect(res.status).toBe(200);
    expect(twimlMessages(res.body)).toHaveLength(1);
    expect(await rt.deps.responses.get(surveyId)).toMatchObject({ score: 6, comment: 'Checkout was quick' });
  });
});
