import { randomUUID } from 'node:crypto';
import { startLocalRuntime } from '../local/runtime.ts';
import { sendEvent, sendSms } from '../local/simulator.ts';

/**
 * `npm run soak [-- --minutes N]`: the whole loop for N minutes (default 5) with 30% transient
 * provider faults: events in, surveys out, customers reply, scores update. At the end every survey
 * must have been sent exactly once and every reply must be in the scores. Exits 1 on any loss or
 * duplicate. Traffic stays on loopback.
 */
const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 5;
const SECRET = 'local-generic-webhook-secret';
const TWILIO = 'local-twilio-auth-token';

async function main(): Promise<void> {
  const rt = await startLocalRuntime({
    port: 0,
    background: false,
    tablePrefix: `soak${Date.now()}`,
    clockStart: new Date('2026-03-10T14:00:00Z'),
    ttl: false,
  });
  rt.sandbox.faults = { transientRate: 0.3, statuses: [500, 503, 429] };
  const deadline = Date.now() + minutes * 60_000;
  const surveyIds = new Set<string>();
  const phones = new Map<string, string>();
  let round = 0;
  let replies = 0;
  try {
    while (Date.now() < deadline) {
      round++;
      const batch: string[] = [];
      for (let i = 0; i < 20; i++) {
        // Fictional numbers only: 555-0100..0179 across area codes (018x/019x are the sandbox's
        // landlines and invalid numbers).
        const n = surveyIds.size + i;
        const phone = `+1${201 + Math.floor(n / 80)}55501${String(n % 80).padStart(2, '0')}`;
        const res = await sendEvent(
          rt.url,
          {
            eventId: `soak-${randomUUID()}`,
            type: 'delivery',
            occurredAt: new Date(rt.clock.now().getTime() - 86_400_000).toISOString(),
            source: 'soak',
            customer: { id: `soak-${n}`, phone, timeZone: 'America/New_York' },
            context: { orderId: `S-${randomUUID()}` },
          },
          SECRET,
          rt.clock.now(),
        );
        const id = (res.json as { surveyId?: string }).surveyId;
        if (res.status !== 200 || !id) throw new Error(`ingest failed: ${res.status} ${res.body}`);
        surveyIds.add(id);
        phones.set(id, phone);
        batch.push(id);
      }
      for (let t = 0; t < 20; t++) await rt.advance({ advanceSeconds: 600 });
      for (const id of batch) {
        const survey = await rt.deps.surveys.get(id);
        if (survey?.status !== 'sent') continue;
        await sendSms(
          rt.url,
          { from: phones.get(id) ?? '', to: '+12015550100', body: String(replies % 11) },
          TWILIO,
        );
        replies++;
      }
      await rt.advance({ advanceSeconds: 15 * 86_400 - 12_000 });
      process.stderr.write(
        `\rround ${round}: ${surveyIds.size} surveys, ${replies} replies, ${rt.sandbox.stats.faultsInjected} faults injected`,
      );
    }
    rt.sandbox.faults = { transientRate: 0, statuses: [500] };
    for (let t = 0; t < 30; t++) await rt.advance({ advanceSeconds: 3600 });
    await rt.drainStreams();
    const sends = rt.sandbox
      .outbox()
      .filter((m) => m.kind === 'send' && m.surveyId && surveyIds.has(m.surveyId));
    const unique = new Set(sends.map((m) => m.surveyId));
    const scored = (await rt.deps.aggregates.get('delivery', 'ALL'))?.['n|all'] ?? 0;
    const summary = {
      minutes,
      surveys: surveyIds.size,
      sent: sends.length,
      duplicates: sends.length - unique.size,
      lost: surveyIds.size - unique.size,
      replies,
      scored,
      faultsInjected: rt.sandbox.stats.faultsInjected,
    };
    process.stderr.write('\n');
    console.log(JSON.stringify(summary));
    if (summary.duplicates !== 0 || summary.lost !== 0 || scored !== replies) process.exitCode = 1;
  } finally {
    await rt.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
