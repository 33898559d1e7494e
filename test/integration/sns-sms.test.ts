import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent } from '../../local/simulator.ts';
import { startTestRuntime } from '../support/runtime.ts';

describe('Amazon SNS as the SMS provider', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({
      env: { SMS_PROVIDER: 'sns' },
      clockStart: new Date('2026-03-10T15:00:00Z'),
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('publishes the survey SMS through the SNS client (transactional), tagged with the survey id', async () => {
    const event = {
      eventId: 'sns-1',
      type: 'delivery',
      occurredAt: new Date(rt.clock.now().getTime() - 86_400_000).toISOString(),
      source: 'crm',
      customer: { id: 'n1', phone: '+12015550151', timeZone: 'America/New_York' },
      context: { orderId: 'N-1' },
    };
    const res = await sendEvent(rt.url, event, 'local-generic-webhook-secret', rt.clock.now());
    const surveyId = (res.json as { surveyId: string }).surveyId;
    await rt.advance({ advanceSeconds: 60 });
    const sms = rt.sandbox.outbox().filter((m) => m.surveyId === surveyId);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', provider: 'sns', to: '+12015550151' });
    expect(sms[0]?.text).toContain('STOP');
    expect((await rt.deps.surveys.get(surveyId))?.status).toBe('sent');
  });
});
