import { readFileSync } from 'node:fs';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as eventbridge } from '../../functions/eventbridge-ingest.ts';
import { createHandler as sesFeedback } from '../../functions/ses-feedback.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { startTestRuntime, storedFor } from '../support/runtime.ts';

describe('EventBridge and SES feedback handlers', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('ingests a canonical event from an EventBridge rule, once', async () => {
    const sample = JSON.parse(readFileSync('events/eventbridge/purchase.json', 'utf8')) as EventBridgeEvent<
      string,
      unknown
    >;
    const handler = eventbridge(rt.deps);
    const first = await handler(sample);
    const again = await handler(sample);
    expect(first).toMatchObject({ eventId: 'pos-7781', outcome: 'scheduled' });
    expect(again).toMatchObject({ duplicate: true });
    const stored = await storedFor(rt, 'pos-7781');
    expect(stored.surveys.map((s) => [s.surveyId, s.source])).toEqual([
      [(first as { surveyId?: string }).surveyId, 'pos'],
    ]);
  });

  it('rejects an invalid EventBridge detail without storing it', async () => {
    const sample = JSON.parse(readFileSync('events/eventbridge/purchase.json', 'utf8'));
    sample.detail = { ...sample.detail, eventId: 'eb-bad', type: 'refund' };
    const result = await eventbridge(rt.deps)(sample);
    expect(result).toMatchObject({ rejected: expect.stringContaining('type') });
    expect(await storedFor(rt, 'eb-bad')).toEqual({ record: undefined, surveys: [] });
  });

  it('rejects an event dated in year 9999 or in 1970, naming occurredAt, without storing it', async () => {
    for (const [eventId, occurredAt] of [
      ['eb-future', '9999-12-31T23:59:59Z'],
      ['eb-ancient', '1970-01-01T00:00:00Z'],
    ]) {
      const sample = JSON.parse(readFileSync('events/eventbridge/purchase.json', 'utf8'));
      sample.detail = { ...sample.detail, eventId, occurredAt };
      const result = await eventbridge(rt.deps)(sample);
      expect(result).toMatchObject({ rejected: expect.stringContaining('occurredAt:') });
      expect(await storedFor(rt, eventId as string)).toEqual({ record: undefined, surveys: [] });
    }
  });

  it('suppresses an address on a hard bounce or a complaint, not on a soft bounce', async () => {
    const sns = (message: unknown): SNSEvent => ({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn',
          Sns: { Message: JSON.stringify(message), MessageId: 'm1' } as never,
        },
      ],
    });
    const handler = sesFeedback(rt.deps);
    await handler(
      sns({
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'soft@example.com' }] },
        mail: { tags: {} },
      }),
    );
    await handler(
      sns({
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'hard@example.com' }] },
        mail: { tags: {} },
      }),
    );
    await handler(
      sns({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'angry@example.com' }] },
        mail: { tags: {} },
      }),
    );
    const ignored = await handler(sns({ something: 'else' }));
    expect(ignored).toEqual({ processed: 0, ignored: 1 });
    expect(await rt.deps.surveys.getConsent('soft@example.com')).toBeUndefined();
    expect((await rt.deps.surveys.getConsent('hard@example.com'))?.emailSuppressed).toBe('bounced');
    expect((await rt.deps.surveys.getConsent('angry@example.com'))?.emailSuppressed).toBe('complaint');
  });
});
