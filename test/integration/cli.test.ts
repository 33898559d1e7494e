import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

const run = promisify(execFile);
const sample = JSON.parse(readFileSync('events/canonical/purchase-sms.json', 'utf8'));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/touchpoint.mjs', ...args], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Every CLI call starts a Node process that loads TypeScript through tsx: allow for a loaded machine.
describe('admin CLI against the local runtime', { timeout: 90_000 }, () => {
  let rt: LocalRuntime;
  let auth: string[];
  /** The sample purchase, made now by another customer (`id`, with that phone and its own email). */
  const purchaseBy = (id: string, phone: string) =>
    sendEvent(
      rt.url,
      {
        ...sample,
        eventId: id,
        occurredAt: rt.clock.now().toISOString(),
        customer: { ...sample.customer, id, phone, email: `${id}@example.com` },
        context: { orderId: id },
      },
      'local-generic-webhook-secret',
      rt.clock.now(),
    );
  beforeAll(async () => {
    rt = await startTestRuntime();
    auth = ['--endpoint', rt.url, '--token', ADMIN_TOKEN];
    await sendEvent(
      rt.url,
      { ...sample, occurredAt: rt.clock.now().toISOString() },
      'local-generic-webhook-secret',
      rt.clock.now(),
    );
    await rt.advance({ advanceSeconds: 3700 });
    await sendSms(rt.url, { from: '+12015550123', to: OUR_NUMBER, body: '2' }, 'local-twilio-auth-token');
    await sendSms(
      rt.url,
      { from: '+12015550123', to: OUR_NUMBER, body: 'checkout kept failing, "twice"' },
      'local-twilio-auth-token',
    );
    await rt.drainStreams();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('prints scores as a table and as JSON', async () => {
    const table = await cli(['scores', ...auth]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/purchase\s+CES\s+2\.00/);
    const json = await cli(['scores', '--json', ...auth]);
    expect(
      JSON.parse(json.stdout).scores.find((s: { touchpoint: string }) => s.touchpoint === 'purchase'),
    ).toMatchObject({ responses: 1, score: 2 });
  });

  it('exports responses as CSV with the comment quoted', async () => {
    const out = await cli(['responses', '--csv', ...auth]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('surveyId,touchpoint,metric,score,channel,answeredAt,comment');
    expect(lines[1]).toContain('"checkout kept failing, ""twice"""');
  });

  it('exports and then erases a customer, subtracting the answer from the scores', async () => {
    const exported = await cli(['export', '--customer', '+12015550123', ...auth]);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      surveys: [{ phone: '+12015550123' }],
      responses: [{ score: 2 }],
    });
    const refused = await cli(['erase', '--customer', '+12015550123', ...auth]);
    expect(refused.code).toBe(1);
    const erased = await cli(['erase', '--customer', '+12015550123', '--yes', ...auth]);
    expect(erased.stderr).toBe('');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout).erased).toMatchObject({ responses: 1, surveys: 1 });
    await rt.drainStreams();
    const json = await cli(['scores', '--json', ...auth]);
    expect(
      JSON.parse(json.stdout).scores.find((s: { touchpoint: string }) => s.touchpoint === 'purchase')
        .responses,
    ).toBe(0);
    const after = await cli(['export', '--customer', '+12015550123', ...auth]);
    expect(JSON.parse(after.stdout).surveys).toHaveLength(0);
  });

  it('sends a test survey through the configured provider, by SMS or email, and refuses bad input', async () => {
    const sms = await cli(['send-test', '--to', '+12015550177', '--touchpoint', 'delivery', ...auth]);
    expect(sms.code).toBe(0);
    const sent = JSON.parse(sms.stdout);
    expect(sent).toMatchObject({ channel: 'sms', outcome: 'sent', status: 'sent' });
    const [message, ...more] = rt.sandbox.outbox().filter((m) => m.surveyId === sent.surveyId);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ channel: 'sms', to: '+12015550177' });
    expect(message?.text).toMatch(/0-10/);
    const mail = await cli([
      'send-test',
      '--to',
      'admin@example.com',
      '--touchpoint',
      'purchase',
      '--locale',
      'de-DE',
      ...auth,
    ]);
    expect(mail.code).toBe(0);
    const mailed = JSON.parse(mail.stdout);
    expect(mailed).toMatchObject({ channel: 'email', outcome: 'sent' });
    expect(rt.sandbox.outbox().find((m) => m.surveyId === mailed.surveyId)).toMatchObject({
      channel: 'email',
      to: 'admin@example.com',
    });
    const unknown = await cli(['send-test', '--to', '+12015550177', '--touchpoint', 'nope', ...auth]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('touchpoint: unknown "nope"');
    const missing = await cli(['send-test', '--touchpoint', 'delivery', ...auth]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: touchpoint send-test');
  });

  it('asks before erasing at a terminal: "n" keeps the data, "y" erases it', async () => {
    const phone = '+12015550178';
    await purchaseBy('cli-erase', phone);
    // `script` gives the CLI a real terminal, so the confirmation prompt is shown and read.
    const atTerminal = (answer: string) =>
      new Promise<{ code: number; output: string }>((resolve) => {
        const command = ['node', 'bin/touchpoint.mjs', 'erase', '--customer', phone, ...auth].join(' ');
        const child = execFile('script', ['-qec', command, '/dev/null'], {
          env: { ...process.env, NODE_NO_WARNINGS: '1' },
        });
        let output = '';
        child.stdout?.on('data', (chunk) => {
          output += chunk;
          if (String(chunk).includes('[y/N]')) child.stdin?.write(`${answer}\n`);
        });
        child.on('close', (code) => resolve({ code: code ?? -1, output }));
      });
    const kept = await atTerminal('n');
    expect(kept.output).toContain(`Erase all personal data of ${phone}?`);
    expect(kept.code).toBe(1);
    expect(kept.output).toContain('not erased');
    const before = JSON.parse((await cli(['export', '--customer', phone, ...auth])).stdout);
    expect(before.surveys).toHaveLength(1);
    const erased = await atTerminal('y');
    expect(erased.code).toBe(0);
    expect(erased.output).toMatch(/"surveys": 1/);
    const after = JSON.parse((await cli(['export', '--customer', phone, ...auth])).stdout);
    expect(after.surveys).toHaveLength(0);
  });

  it('recomputes the aggregates from the raw responses', async () => {
    const phone = '+12015550179';
    await purchaseBy('cli-recompute', phone);
    await rt.advance({ advanceSeconds: 3700 });
    await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: '6' }, 'local-twilio-auth-token');
    await rt.drainStreams();
    const purchase = async () =>
      JSON.parse((await cli(['scores', '--json', ...auth])).stdout).scores.find(
        (s: { touchpoint: string }) => s.touchpoint === 'purchase',
      );
    const live = await purchase();
    expect(live.responses).toBeGreaterThan(0);
    // Lose the all-time aggregate (as a bad manual edit would): recompute restores it from the replies.
    await rt.dynamo.send(
      new DeleteItemCommand({
        TableName: rt.deps.aggregates.table,
        Key: { pk: { S: 'purchase' }, sk: { S: 'ALL' } },
      }),
    );
    expect((await purchase())?.responses ?? 0).toBe(0);
    const out = await cli(['recompute', ...auth]);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(out.stdout).items).toBeGreaterThan(0);
    const restored = await purchase();
    expect(restored).toMatchObject({ responses: live.responses, score: live.score });
  });

  it('streams an export page by page to a file, with the progress bar on the terminal only', async () => {
    for (const [id, phone, body] of [
      ['cli-page-1', '+12015550174', '3'],
      ['cli-page-2', '+12015550175', '5'],
    ] as const) {
      await purchaseBy(id, phone);
      await rt.advance({ advanceSeconds: 3700 });
      await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body }, 'local-twilio-auth-token');
    }
    await rt.drainStreams();
    const file = join(mkdtempSync(join(tmpdir(), 'tp-cli-')), 'responses.csv');
    const command = `node bin/touchpoint.mjs responses --csv --page-size 1 ${auth.join(' ')} > ${file}`;
    const { stdout: terminal } = await run('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    const rows = readFileSync(file, 'utf8').trim().split('\r\n');
    expect(rows[0]).toBe('surveyId,touchpoint,metric,score,channel,answeredAt,comment');
    expect(rows.filter((r) => r.startsWith('surveyId,'))).toHaveLength(1);
    const ids = rows.slice(1).map((r) => r.split(',')[0]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(terminal).toContain('exporting [');
    expect(terminal).toContain(`${ids.length} responses exported`);
    expect(terminal).not.toContain('surveyId,');
    const bad = await cli(['responses', '--page-size', '0', ...auth]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--page-size');
  });

  it('validates the config file', async () => {
    const out = await cli(['config', 'check']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('valid (3 touchpoints');
  });

  it('fails clearly: usage errors exit 2, a wrong token 1, no server 3', async () => {
    expect((await cli(['frobnicate', ...auth])).code).toBe(2);
    const wrong = await cli(['scores', '--endpoint', rt.url, '--token', 'nope']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401');
    const down = await cli(['scores', '--endpoint', 'http://127.0.0.1:9', '--token', ADMIN_TOKEN]);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('cannot reach');
    const help = await cli(['erase', '--help']);
    expect(help.stdout).toContain('--customer');
  });
});
