import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { newMessageSid } from '../../local/simulator.ts';
import { scanAggregates } from '../../shared/adapters/dynamo/aggregate-store.ts';
import type { Channel } from '../../shared/domain/model.ts';
import { loadTouchpointConfig } from '../../shared/domain/touchpoints.ts';
import { eraseCustomer } from '../../shared/usecases/customer-data.ts';
import { handleDeliveryStatus } from '../../shared/usecases/delivery-status.ts';
import { recordEmailRating } from '../../shared/usecases/email-answer.ts';
import { ingestEvent } from '../../shared/usecases/ingest-event.ts';
import { aggregatesFromRaw } from '../../shared/usecases/recompute.ts';
import { handleInboundSms } from '../../shared/usecases/sms-reply.ts';
import { handleVoiceStep } from '../../shared/usecases/voice-flow.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

/**
 * Issue 17.6: after a channel fallback the stream counted `sent` on the first channel and
 * `npm run recompute` on the last, so the numbers changed when an admin recomputed. This replays
 * random survey lifecycles (voice answered by a machine then SMS, SMS undelivered then email,
 * answers on every channel, changed email answers, erasure) through the real use cases, lets the
 * stream consumer fold every change, and checks every aggregate equals a from-scratch recompute.
 */
const config = loadTouchpointConfig({
  brand: { name: 'Example Shop', contact: 'help.example.com' },
  fatigueWindowDays: 0,
  touchpoints: {
    purchase: { channels: ['voice', 'sms', 'email'], reminder: null, followUp: false, delayMinutes: 1 },
    delivery: { channels: ['sms', 'email'], reminder: null, followUp: false, delayMinutes: 1 },
    ticket_closed: { channels: ['email', 'sms'], reminder: null, followUp: false, delayMinutes: 1 },
  },
});

/** What the provider reports about an attempt on each channel. */
const REPORTS: Record<
  Channel,
  ReadonlyArray<'machine' | 'no_answer' | 'completed' | 'undelivered' | 'delivered' | 'none'>
> = {
  voice: ['machine', 'no_answer', 'completed', 'none'],
  sms: ['undelivered', 'delivered', 'none'],
  email: ['none'],
};

const lifecycle = fc.record({
  touchpoint: fc.constantFrom('purchase', 'delivery', 'ticket_closed'),
  /** One report per attempt, in order; each picks from its channel's reports by index. */
  reports: fc.array(fc.nat({ max: 3 }), { minLength: 3, maxLength: 3 }),
  answer: fc.option(fc.nat({ max: 10 }), { nil: undefined }),
  changedTo: fc.option(fc.nat({ max: 10 }), { nil: undefined }),
  erase: fc.boolean(),
});

type Lifecycle = typeof lifecycle extends fc.Arbitrary<infer T> ? T : never;

function normalize(entries: Iterable<[string, Record<string, number>]>) {
  const out: Record<string, Record<string, number>> = {};
  for (const [key, item] of entries) {
    const kept = Object.fromEntries(
      Object.entries(item).filter(([attr, v]) => attr !== 'updatedAt' && typeof v === 'number' && v !== 0),
    );
    if (Object.keys(kept).length > 0) out[key] = kept;
  }
  return out;
}

describe('stream and recompute agree on every lifecycle', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T12:00:00Z'), config });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  let n = 0;
  const seen = {
    fellBackFrom: { sms: 0, email: 0, voice: 0 } as Record<Channel, number>,
    answered: 0,
    erased: 0,
  };
  async function play(life: Lifecycle): Promise<void> {
    n++;
    // Fictional 555-0101..0170 (0100 is our own number, 0177 the erasure test's customer).
    const phone = `+12015550${101 + (n % 70)}`;
    const now = rt.clock.now();
    const ingested = await ingestEvent(rt.deps, {
      schemaVersion: 1,
      eventId: `agree-${n}`,
      type: life.touchpoint as 'purchase',
      occurredAt: new Date(now.getTime() - 60_000).toISOString(),
      source: 'crm',
      customer: { id: `agree-${n}`, phone, email: `agree-${n}@example.com`, timeZone: 'UTC' },
      context: { orderId: `agree-order-${n}`, ticketId: `agree-ticket-${n}` },
    });
    const surveyId = ingested.surveyId as string;
    // Send, let the provider report, fall back, send again: up to one attempt per channel.
    for (const pick of life.reports) {
      await rt.tick();
      const survey = await rt.deps.surveys.get(surveyId);
      if (survey?.status !== 'sent' || !survey.channel) break;
      const options = REPORTS[survey.channel];
      const report = options[pick % options.length];
      if (!report || report === 'none') break;
      const outcome = await handleDeliveryStatus(rt.deps, {
        surveyId,
        channel: survey.channel,
        status: report,
      });
      if (outcome !== 'fell_back') break;
      seen.fellBackFrom[survey.channel]++;
    }
    const sent = await rt.deps.surveys.get(surveyId);
    if (life.answer !== undefined && sent?.status === 'sent' && sent.channel) {
      seen.answered++;
      const score = sent.metric.min + (life.answer % (sent.metric.max - sent.metric.min + 1));
      if (sent.channel === 'sms')
        await handleInboundSms(rt.deps, {
          messageId: newMessageSid(),
          from: phone,
          to: OUR_NUMBER,
          body: String(score),
        });
      else if (sent.channel === 'voice')
        await handleVoiceStep(
          rt.deps,
          { surveyId, step: 'answer', try: '1' },
          { CallSid: `CA${n}`, Digits: String(score) },
        );
      else await recordEmailRating(rt.deps, sent, score);
      if (sent.channel === 'email' && life.changedTo !== undefined) {
        rt.clock.advance(600);
        const changed = sent.metric.min + (life.changedTo % (sent.metric.max - sent.metric.min + 1));
        await recordEmailRating(rt.deps, await rt.deps.surveys.get(surveyId), changed);
      }
    }
    if (life.erase) {
      await eraseCustomer(rt.deps, phone);
      seen.erased++;
    }
    rt.clock.advance(300);
  }

  it('counts sent, delivered and answered the same way in both paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lifecycle, { minLength: 1, maxLength: 4 }), async (lives) => {
        for (const life of lives) await play(life);
        await rt.drainStreams();
        const expected = normalize(await aggregatesFromRaw(rt.deps));
        const actual: Array<[string, Record<string, number>]> = [];
        for await (const { key, item } of scanAggregates(rt.deps.aggregates)) actual.push([key, item]);
        expect(normalize(actual)).toEqual(expected);
      }),
      { numRuns: 10, seed: 17_06, endOnFailure: true },
    );
    // The runs did exercise both fallbacks, answers and erasures.
    expect(seen.fellBackFrom.voice).toBeGreaterThan(0);
    expect(seen.fellBackFrom.sms).toBeGreaterThan(0);
    expect(seen.answered).toBeGreaterThan(0);
    expect(seen.erased).toBeGreaterThan(0);
  }, 120_000);

  it('takes an erased customer out of sent, delivered and answered, as out of the answers', async () => {
    rt.clock.set(new Date('2026-04-15T12:00:00Z'));
    const day = '2026-04-15';
    const phone = '+12015550177';
    const { surveyId } = await ingestEvent(rt.deps, {
      schemaVersion: 1,
      eventId: 'agree-erased',
      type: 'delivery',
      occurredAt: '2026-04-15T11:59:00Z',
      source: 'crm',
      customer: { id: 'agree-erased', phone, timeZone: 'UTC' },
      context: { orderId: 'agree-erased' },
    });
    await rt.tick();
    await handleDeliveryStatus(rt.deps, {
      surveyId: surveyId as string,
      channel: 'sms',
      status: 'delivered',
    });
    await handleInboundSms(rt.deps, { messageId: newMessageSid(), from: phone, to: OUR_NUMBER, body: '3' });
    const scores = async () => {
      await rt.drainStreams();
      const res = await fetch(`${rt.url}/api/scores?touchpoint=delivery&from=${day}&to=${day}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      return ((await res.json()) as { scores: Array<Record<string, unknown>> }).scores[0];
    };
    expect(await scores()).toMatchObject({
      responses: 1,
      sent: 1,
      delivered: 1,
      answered: 1,
      responseRate: 1,
    });
    await eraseCustomer(rt.deps, phone);
    expect(await scores()).toMatchObject({
      responses: 0,
      sent: 0,
      delivered: 0,
      answered: 0,
      responseRate: null,
    });
  });
});
