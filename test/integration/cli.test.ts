import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
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

describe('admin CLI against the local runtime', () => {
  let rt: LocalRuntime;
  let auth: string[];
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
