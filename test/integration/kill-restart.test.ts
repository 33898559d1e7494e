import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { ADMIN_TOKEN, OUR_NUMBER } from '../support/runtime.ts';

const SECRET = 'local-generic-webhook-secret';
const COUNT = 30;

/** `npm start` as a separate process, with its state in `dir` (DynamoDB Local data, clock, outbox). */
async function startProcess(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/.bin/tsx', 'local/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      TOUCHPOINT_STATE_DIR: dir,
      TOUCHPOINT_IN_MEMORY: '0',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
    stdio: [
      'ignore',
      'ignore',
      process.env.TP_DEBUG_FILE ? openSync(process.env.TP_DEBUG_FILE, 'a') : 'ignore',
    ],
    // Its own process group: tsx, the runtime and DynamoDB Local die together, as in a power cut.
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/dev/clock`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('local runtime did not start');
}

/** A hard crash: SIGKILL the runtime's whole process group (tsx, node, DynamoDB Local). */
function killHard(child: ChildProcess, dir: string): void {
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
  try {
    execSync(`pkill -9 -f -- "${join(dir, 'dynamodb')}"`);
  } catch {}
}

function event(i: number, now: Date) {
  return {
    eventId: `kill-${i}`,
    type: 'purchase',
    occurredAt: new Date(now.getTime() - 61 * 60_000).toISOString(),
    source: 'crm',
    customer: {
      id: `k${i}`,
      phone: `+1${301 + Math.floor(i / 80)}55501${String(i % 80).padStart(2, '0')}`,
      timeZone: 'UTC',
    },
    context: { orderId: `K-${i}` },
  };
}

describe('the local runtime killed with SIGKILL mid-load and restarted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-kill-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child) killHard(child, dir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no event, survey or response and sends no survey twice', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startProcess(dir, port);
    // Pin the virtual clock to 12:00 UTC so the SMS sending window is open.
    const today = new Date();
    today.setUTCHours(12, 0, 0, 0);
    await fetch(`${url}/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: new Date(today.getTime() + 86_400_000).toISOString() }),
    });
    const now = new Date(((await (await fetch(`${url}/dev/clock`)).json()) as { now: string }).now);

    // Load: events arrive while the background tick sends; the crash lands in the middle of it.
    const acked = new Set<number>();
    const sending = (async () => {
      for (let i = 0; i < COUNT; i++) {
        try {
          const res = await sendEvent(url, event(i, now), SECRET, now);
          if (res.status === 200) acked.add(i);
        } catch {
          return;
        }
      }
    })();
    // Crash once half the events are in and the background tick is sending the first surveys.
    while (acked.size < COUNT / 2) await new Promise((r) => setTimeout(r, 5));
    killHard(child, dir);
    await sending;
    expect(acked.size).toBeGreaterThanOrEqual(COUNT / 2);
    expect(acked.size).toBeLessThan(COUNT);

    child = await startProcess(dir, port);
    // The platforms retry every delivery they did not see acknowledged; acked ones are re-sent too
    // (duplicates must have no effect).
    for (let i = 0; i < COUNT; i++) {
      const res = await sendEvent(
        url,
        event(i, now),
        SECRET,
        new Date(((await (await fetch(`${url}/dev/clock`)).json()) as { now: string }).now),
      );
      expect(res.status).toBe(200);
    }
    // Past the send lease (5 min), so a survey caught mid-send is reconciled with the provider.
    for (let t = 0; t < 12; t++) {
      await fetch(`${url}/dev/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 60 }),
      });
    }
    const outbox = (await (await fetch(`${url}/dev/outbox?channel=sms`)).json()) as {
      messages: Array<{ to: string; kind: string; surveyId: string }>;
    };
    const sends = outbox.messages.filter((m) => m.kind === 'send');
    const perNumber = new Map<string, number>();
    for (const m of sends) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
    expect(perNumber.size).toBe(COUNT);
    expect([...perNumber.values()].every((n) => n === 1)).toBe(true);

    // Every customer answers; every answer reaches the scores.
    for (let i = 0; i < COUNT; i++) {
      const res = await sendSms(
        url,
        { from: event(i, now).customer.phone, to: OUR_NUMBER, body: '6' },
        'local-twilio-auth-token',
      );
      expect(res.status).toBe(200);
    }
    await fetch(`${url}/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 1 }),
    });
    const deadline = Date.now() + 20_000;
    let responses = 0;
    while (Date.now() < deadline) {
      const scores = (await (
        await fetch(`${url}/api/scores?touchpoint=purchase`, {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        })
      ).json()) as { scores: Array<{ responses: number }> };
      responses = scores.scores[0]?.responses ?? 0;
      if (responses >= COUNT) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(responses).toBe(COUNT);
  }, 150_000);
});
