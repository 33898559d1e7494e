import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { ConfigError } from '../../shared/errors.ts';
import { startTestRuntime } from '../support/runtime.ts';

/** Local addresses of the TCP sockets listening on `port` (from /proc/net/tcp and tcp6, in hex). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')
      .map((cols) => String(cols[1]).split(':')[0] ?? ''),
  );
}

/** 127.0.0.1 as /proc/net writes it: in tcp, or IPv4-mapped in tcp6. */
const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F']);

/** Processes whose command line mentions `marker`. */
function processesMentioning(marker: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('local runtime hygiene', () => {
  it('runs DynamoDB Local on 127.0.0.1 only (it has no authentication)', () => {
    const port = Number(new URL(inject('dynamoEndpoint')).port);
    const addresses = listeners(port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK.has(address), address).toBe(true);
  });

  it('stops the Java process of DynamoDB Local when the start fails (a too-short admin token)', async () => {
    const dataDir = join(tmpdir(), `touchpoint-failed-start-${randomBytes(4).toString('hex')}`);
    try {
      await expect(
        startLocalRuntime({ port: 0, dataDir, env: { TOUCHPOINT_ADMIN_TOKEN: 'short' } }),
      ).rejects.toThrow(ConfigError);
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      // Only the process this test started (found by its unique data folder), never by name.
      for (const pid of processesMentioning(dataDir)) process.kill(pid, 'SIGKILL');
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('dev routes refuse cross-site requests', () => {
    let rt: LocalRuntime;
    beforeAll(async () => {
      rt = await startTestRuntime();
    });
    afterAll(async () => {
      await rt?.stop();
    });

    /** A raw request, so Host, Origin and Sec-Fetch-Site are exactly what a browser would send. */
    const post = (path: string, headers: Record<string, string>, body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${rt.url}${path}`, { method: 'POST', headers }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const reply = JSON.stringify({ from: '+12015550198', body: 'STOP' });

    it('refuses a text/plain POST from another site, and does nothing', async () => {
      const before = rt.sandbox.outbox().length;
      const res = await post(
        '/dev/simulate/sms',
        { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        reply,
      );
      expect(res.status).toBe(403);
      expect(res.body).toContain('same-origin');
      expect(rt.sandbox.outbox().length).toBe(before);
      expect(await rt.deps.surveys.getConsent('+12015550198')).toBeUndefined();
    });

    it('refuses another Origin without Sec-Fetch-Site, and a Host that is not this machine (DNS rebinding)', async () => {
      expect((await post('/dev/clock', { origin: 'http://evil.example' }, '{}')).status).toBe(403);
      const rebound = await post('/dev/clock', { host: 'evil.example' }, '{"advanceSeconds":0}');
      expect(rebound.status).toBe(403);
      expect(rebound.body).toContain('Host: evil.example');
    });

    it('serves the dashboard (same origin) and curl (no browser headers)', async () => {
      const origin = rt.url;
      const same = await post(
        '/dev/clock',
        { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
        '{"advanceSeconds":0}',
      );
      expect(same.status).toBe(200);
      expect(
        (await post('/dev/clock', { 'content-type': 'application/json' }, '{"advanceSeconds":0}')).status,
      ).toBe(200);
      expect((await fetch(`${rt.url}/dev/outbox`)).status).toBe(200);
    });
  });
});
