import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';

/** The dashboard in a real headless Chromium (Debian package), against the real local runtime. */
describe('dashboard in a headless browser', () => {
  let rt: LocalRuntime;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium); .ci/run does`,
      );
    mkdirSync(ARTIFACTS, { recursive: true });
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
    // A detractor whose comment tries to inject a script: it must render as text.
    const event = {
      eventId: 'dash-1',
      type: 'delivery',
      occurredAt: new Date(rt.clock.now().getTime() - 86_400_000).toISOString(),
      source: 'crm',
      customer: { id: 'd1', name: 'Dana Example', phone: '+12015550141', timeZone: 'America/New_York' },
      context: { orderId: 'D-1' },
    };
    await sendEvent(rt.url, event, 'local-generic-webhook-secret', rt.clock.now());
    await rt.advance({ advanceSeconds: 120 });
    await sendSms(rt.url, { from: '+12015550141', to: OUR_NUMBER, body: '3' }, 'local-twilio-auth-token');
    await sendSms(
      rt.url,
      { from: '+12015550141', to: OUR_NUMBER, body: '<script>window.pwned=1</script> late again' },
      'local-twilio-auth-token',
    );
    await rt.drainStreams();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.stop();
  });

  it('shows no data before sign-in and refuses a wrong token', async () => {
    await page.goto(rt.url);
    await expect.poll(() => page.isVisible('#sign-in')).toBe(true);
    expect(await page.isVisible('#app')).toBe(false);
    await page.fill('#token', 'wrong-token');
    await page.click('#sign-in-form button');
    await expect.poll(() => page.textContent('#sign-in-error')).toContain('not accepted');
  });

  it('signs in and shows a card per touchpoint with the right numbers', async () => {
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#sign-in-form button');
    await page.waitForSelector('[data-testid="score-delivery"]');
    // One NPS answer of 3: a detractor, NPS -100.
    expect(await page.textContent('[data-testid="score-delivery"]')).toContain('-100');
    expect(await page.locator('.card').count()).toBe(3);
  });

  it('renders a comment containing <script> as text', async () => {
    await page.waitForSelector('[data-testid="comment"]');
    const text = await page.textContent('[data-testid="comment"]');
    expect(text).toContain('<script>window.pwned=1</script> late again');
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.locator('#comments script').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-desktop.png'), fullPage: true });
    await page.screenshot({ path: 'docs/dashboard.png', fullPage: false });
  });

  it('runs the simulator round trip: event, clock, SMS reply, updated score', async () => {
    expect(await page.isVisible('#simulator')).toBe(true);
    await page.selectOption('#sim-type', 'purchase');
    await page.fill('#sim-phone', '+12015550142');
    await page.fill('#sim-email', '');
    await page.click('#sim-event button');
    await expect.poll(() => page.textContent('#sim-result')).toContain('scheduled');
    await page.fill('#sim-hours', '2');
    await page.click('#sim-clock button');
    await expect.poll(() => page.textContent('#sim-result')).toContain('1 sent');
    await expect
      .poll(() => page.locator('[data-testid="outbox"]').first().textContent())
      .toContain('+12015550142');
    await page.fill('#sim-from', '+12015550142');
    await page.fill('#sim-body', '7');
    await page.click('#sim-sms button');
    await expect.poll(() => page.textContent('#sim-result')).toContain('Reply:');
    await expect
      .poll(async () => page.textContent('[data-testid="score-purchase"]'), { timeout: 10_000 })
      .toContain('7.0');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await page.waitForSelector('[data-testid="score-delivery"]');
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1');
    expect(overflow).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
  });
});
