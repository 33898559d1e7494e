import { readFileSync } from 'node:fs';
import { localEnv } from './env.ts';
import { REPO_ROOT } from './runtime.ts';
import { sendEvent, sendSms, twimlMessages } from './simulator.ts';

/**
 * Customer simulator CLI against a running `npm start`:
 *   npx tsx local/simulate.ts event <file.json>          send a canonical event (signed)
 *   npx tsx local/simulate.ts sms <from> <text...>       text Touchpoint's number as a customer
 */
const env = localEnv(REPO_ROOT);
const base = process.env.TOUCHPOINT_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`;
const [command, ...args] = process.argv.slice(2);

async function virtualNow(): Promise<Date> {
  const res = await fetch(`${base}/dev/clock`);
  return new Date(((await res.json()) as { now: string }).now);
}

async function main(): Promise<number> {
  if (command === 'event' && args[0]) {
    const event = JSON.parse(readFileSync(args[0], 'utf8')) as Record<string, unknown>;
    // A fresh id and time each run, so the sample can be sent again and again.
    event.eventId = `${String(event.eventId ?? 'evt')}-${Date.now()}`;
    event.occurredAt = (await virtualNow()).toISOString();
    const res = await sendEvent(base, event, env.TOUCHPOINT_WEBHOOK_SECRET ?? '', await virtualNow());
    console.log(res.status, res.body);
    return res.status < 300 ? 0 : 1;
  }
  if (command === 'sms' && args[0] && args.length > 1) {
    const res = await sendSms(
      base,
      { from: args[0], to: env.TWILIO_FROM ?? '', body: args.slice(1).join(' ') },
      env.TWILIO_AUTH_TOKEN ?? '',
    );
    console.log(res.status, twimlMessages(res.body).join('\n') || '(no reply)');
    return res.status < 300 ? 0 : 1;
  }
  console.error('usage: simulate.ts event <file.json> | sms <from> <text...>');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`cannot reach Touchpoint at ${base}: ${(error as Error).message}`);
    process.exit(1);
  },
);
