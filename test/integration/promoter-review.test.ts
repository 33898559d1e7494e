import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { expiresAfter, RAW_RETENTION_DAYS } from '../../shared/domain/retention.ts';
import { OUR_NUMBER, shippedConfigWith, startTestRuntime } from '../support/runtime.ts';

describe('closed loop: promoters are invited to leave a review, once', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    const config = shippedConfigWith({
      delivery: { metric: 'nps', promoterReviewUrl: 'https://rev.example.com/shop' },
    });
    rt = await startTestRuntime({ config, clockStart: new Date('2026-03-10T15:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  async function answered(phone: string, score: string) {
    const res = await sendEvent(
      rt.url,
      {
        eventId: `pr-${phone}`,
        type: 'delivery',
        occurredAt: new Date(rt.clock.now().getTime() - 86_400_000).toISOString(),
        source: 'crm',
        customer: { id: phone, phone, timeZone: 'America/New_York' },
        context: { orderId: `PR-${phone}` },
      },
      'local-generic-webhook-secret',
      rt.clock.now(),
    );
    const surveyId = (res.json as { surveyId: string }).surveyId;
    await rt.advance({ advanceSeconds: 60 });
    await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: score }, 'local-twilio-auth-token');
    await rt.drainStreams();
    await rt.advance({ advanceSeconds: 60 });
    await rt.advance({ advanceSeconds: 60 });
    return surveyId;
  }

  it('sends one review invitation to a promoter and none to a detractor', async () => {
    const promoter = await answered('+12015550171', '10');
    const detractor = await answered('+12015550172', '4');
    const reviews = rt.sandbox
      .outbox()
      .filter((m) => m.kind === 'send' && m.text?.includes('rev.example.com'));
    expect(reviews.map((m) => m.surveyId)).toEqual([promoter]);
    expect(reviews[0]?.text).toContain('review');
    expect(
      rt.sandbox.outbox().some((m) => m.surveyId === detractor && m.text?.includes('rev.example.com')),
    ).toBe(false);
    // Alerts go to the team for the detractor, not for the promoter.
    const alerts = rt.sandbox.outbox().filter((m) => m.channel === 'alert');
    expect(alerts.some((a) => a.text?.includes(detractor))).toBe(true);
    expect(alerts.some((a) => a.text?.includes(promoter))).toBe(false);
  });

  it('keeps follow-ups through a recompute (they are not aggregates)', async () => {
    const promoter = await answered('+12015550173', '10');
    const before = await rt.deps.aggregates.pendingFollowUps(100);
    const res = await fetch(`${rt.url}/dev/recompute`, { method: 'POST' });
    expect(res.status).toBe(200);
    const item = await rt.deps.aggregates.db.send(
      new GetCommand({
        TableName: rt.deps.aggregates.table,
        Key: { pk: 'FOLLOWUP', sk: `${promoter}#review` },
      }),
    );
    expect(item.Item).toMatchObject({ surveyId: promoter, kind: 'review_request' });
    // Kept as long as the raw answers (shared/domain/retention.ts), counted from when it was decided.
    expect(item.Item?.ttl).toBe(expiresAfter(String(item.Item?.createdAt), RAW_RETENTION_DAYS));
    expect(await rt.deps.aggregates.pendingFollowUps(100)).toEqual(before);
  });
});
