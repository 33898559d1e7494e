import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { type DashboardConfig, dashboardCsp } from '../../shared/http/dashboard-config.ts';
import { launchChromium } from '../support/browser.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

const ARTIFACTS = 'test-artifacts';
const WEBHOOK_SECRET = 'local-generic-webhook-secret';
const TWILIO_AUTH_TOKEN = 'local-twilio-auth-token';
/** The axe-core engine, injected into the page as a script (the minified build beside its entry point). */
const AXE_SOURCE = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'),
  'utf8',
);
/** WCAG 2.0, 2.1 and 2.2 level A and AA rules (colour contrast included). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeResult {
  violations: string[];
  passes: string[];
}

/** Runs axe-core in the page; each violation as one readable line (rule, impact, help, elements). */
async function axe(page: Page): Promise<AxeResult> {
  if (!(await page.evaluate('typeof window.axe === "object"')))
    await page.addScriptTag({ content: AXE_SOURCE });
  return (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA)} }, resultTypes: ['violations'] })
    .then((r) => ({
      violations: r.violations.map(
        (v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', '),
      ),
      passes: r.passes.map((v) => v.id),
    }))`)) as AxeResult;
}

/** The cells of each row of a card's by-channel table. */
/**
 * The simulator's first two steps: an event for this customer, then time moved on by two hours or
 * straight to when the survey is due (one send either way).
 */
async function simulateSentSurvey(
  page: Page,
  event: { type: string; phone: string; email: string; channel?: string },
  move: 'two hours' | 'to the due survey' = 'two hours',
): Promise<void> {
  await page.selectOption('#sim-type', event.type);
  await page.fill('#sim-phone', event.phone);
  await page.fill('#sim-email', event.email);
  if (event.channel) await page.selectOption('#sim-channel', event.channel);
  await page.click('#sim-event button');
  await expect.poll(() => page.textContent('#sim-result')).toContain('scheduled');
  if (move === 'two hours') {
    await page.fill('#sim-hours', '2');
    await page.click('#sim-clock button[type="submit"]');
  } else {
    await page.click('#sim-next-due');
  }
  await expect.poll(() => page.textContent('#sim-result')).toContain('1 sent');
}

async function channelRows(page: Page, touchpoint: string): Promise<string[][]> {
  const rows = await page.locator(`[data-testid="card-${touchpoint}"] table.channels tbody tr`).all();
  return Promise.all(rows.map((row) => row.locator('td').allTextContents()));
}

/** The focused element and how its focus is drawn. */
async function focused(
  page: Page,
): Promise<{ id: string; focusVisible: boolean; outline: string; shadow: string }> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      id: el.id,
      focusVisible: el.matches(':focus-visible'),
      outline: style.outlineStyle + ' ' + style.outlineWidth,
      shadow: style.boxShadow,
    };
  })()`)) as { id: string; focusVisible: boolean; outline: string; shadow: string };
}

/** The dashboard in a real headless Chromium (Debian package), against the real local runtime. */
describe('dashboard in a headless browser', () => {
  let rt: LocalRuntime;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
    const accepted = (what: string, res: { status: number; body: string }) => {
      if (res.status >= 300) throw new Error(`setup: ${what} answered ${res.status}: ${res.body}`);
    };
    const send = async (event: Record<string, unknown>) =>
      accepted(`event ${event.eventId}`, await sendEvent(rt.url, event, WEBHOOK_SECRET, rt.clock.now()));
    const reply = async (from: string, ...bodies: string[]) => {
      for (const body of bodies)
        accepted(
          `SMS from ${from}`,
          await sendSms(rt.url, { from, to: OUR_NUMBER, body }, TWILIO_AUTH_TOKEN),
        );
    };
    /** A solved ticket of `name`, due now (the touchpoint waits 60 minutes), surveyed by SMS. */
    const ticket = (n: number, name: string, phone: string) =>
      send({
        eventId: `dash-ticket-${n}`,
        type: 'ticket_closed',
        occurredAt: new Date(rt.clock.now().getTime() - 3_600_000).toISOString(),
        source: 'crm',
        customer: { id: `t${n}`, name, phone, timeZone: 'America/New_York' },
        context: { ticketId: `T-${n}`, agent: 'Alex' },
      });
    // Tuesday 10 March (ISO week 11): a delivery detractor whose comment tries to inject a script
    // (it must render as text), and a satisfied ticket a minute later.
    const event = {
      eventId: 'dash-1',
      type: 'delivery',
      occurredAt: new Date(rt.clock.now().getTime() - 86_400_000).toISOString(),
      source: 'crm',
      customer: { id: 'd1', name: 'Dana Example', phone: '+12015550141', timeZone: 'America/New_York' },
      context: { orderId: 'D-1' },
    };
    await send(event);
    await ticket(3001, 'Erin Example', '+12015550144');
    await rt.advance({ advanceSeconds: 120 });
    await reply('+12015550141', '3', '<script>window.pwned=1</script> late again');
    await rt.advance({ advanceSeconds: 60 });
    await reply('+12015550144', '5', 'Solved in one call');
    // Wednesday 11 March (week 11): satisfied, but a negative word in the comment.
    await rt.advance({ now: '2026-03-11T15:00:00Z' });
    await ticket(3002, 'Finn Example', '+12015550145');
    await rt.advance({ advanceSeconds: 120 });
    await reply('+12015550145', '4', 'Helpful agent, but the replacement arrived damaged');
    // Monday 16 March (week 12): a ticket detractor.
    await rt.advance({ now: '2026-03-16T15:00:00Z' });
    await ticket(3003, 'Gus Example', '+12015550146');
    await rt.advance({ advanceSeconds: 120 });
    await reply('+12015550146', '2', 'Took three emails to get an answer');
    await rt.drainStreams();
    browser = await launchChromium();
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
    // CSAT 5, 4 and 2: two of three satisfied.
    expect(await page.textContent('[data-testid="score-ticket_closed"]')).toContain('67%');
    expect(await page.textContent('[data-testid="score-purchase"]')).toContain('–');
    expect(await page.locator('.card').count()).toBe(3);
  });

  it('renders a comment containing <script> as text', async () => {
    const comment = page.locator('[data-testid="comment"]', { hasText: 'window.pwned' });
    const text = await comment.textContent();
    expect(text).toContain('<script>window.pwned=1</script> late again');
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.locator('#comments script').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-desktop.png'), fullPage: true });
    // The README's picture is refreshed on request only, so a test run leaves the work tree clean.
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1')
      await page.screenshot({ path: 'docs/dashboard.png', fullPage: false });
  });

  describe('overview', () => {
    const chart = (tp: string) => page.locator(`[data-testid="chart-${tp}"]`);
    /** The chart's points as their tooltips: "period: score (n=responses)". */
    const points = (tp: string) => page.locator(`[data-testid="chart-${tp}"] circle title`).allTextContents();
    const axisLabels = (tp: string) => page.locator(`[data-testid="chart-${tp}"] > text`).allTextContents();
    /** The points' x positions, to one decimal. */
    const xs = async (tp: string) =>
      (
        await page
          .locator(`[data-testid="chart-${tp}"] circle`)
          .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute('cx'))))
      ).map((x) => Math.round(x * 10) / 10);
    const choosePeriod = async (period: string) => {
      await page.selectOption('#period', period);
      await expect.poll(() => chart('ticket_closed').getAttribute('data-period')).toBe(period);
    };

    it('draws one chart point per day, week or month, with the CI band and labelled ends', async () => {
      expect(await page.inputValue('#period')).toBe('day');
      expect(await chart('ticket_closed').getAttribute('data-period')).toBe('day');
      expect(await points('ticket_closed')).toEqual([
        '2026-03-10: 100% (n=1)',
        '2026-03-11: 100% (n=1)',
        '2026-03-16: 0% (n=1)',
      ]);
      expect(await axisLabels('ticket_closed')).toEqual(['2026-03-10', '2026-03-16']);
      // Spaced by time: the 11th is one sixth of the way from the 10th to the 16th, and the line
      // and band stop at the days without answers (the 16th stands alone, its CI as a bar).
      expect(await xs('ticket_closed')).toEqual([10, 56.7, 290]);
      expect(await chart('ticket_closed').locator('polygon').count()).toBe(1);
      expect(await chart('ticket_closed').locator('polyline').count()).toBe(1);
      expect(await chart('ticket_closed').locator('line').count()).toBe(1);
      expect(await chart('ticket_closed').getAttribute('aria-label')).toBe(
        'ticket_closed score by day, % satisfied (4-5 of 1-5): 3 periods from 2026-03-10 to 2026-03-16, latest 0%',
      );
      expect(await points('delivery')).toEqual(['2026-03-10: -100 (n=1)']);
      expect(await chart('purchase').getAttribute('data-points')).toBe('0');
      expect(await chart('purchase').textContent()).toContain('No data for this period yet');

      await choosePeriod('week');
      expect(await points('ticket_closed')).toEqual(['2026-W11: 100% (n=2)', '2026-W12: 0% (n=1)']);
      expect(await axisLabels('ticket_closed')).toEqual(['2026-W11', '2026-W12']);
      expect(await xs('ticket_closed')).toEqual([10, 290]);
      expect(await chart('ticket_closed').locator('polyline').count()).toBe(1);
      expect(await page.textContent('[data-testid="score-ticket_closed"]')).toContain('trend down');

      await choosePeriod('month');
      expect(await points('ticket_closed')).toEqual(['2026-03: 67% (n=3)']);
      expect(await axisLabels('ticket_closed')).toEqual(['2026-03']);
      expect(await chart('ticket_closed').getAttribute('data-points')).toBe('1');
      expect(await xs('ticket_closed')).toEqual([150]);
      expect(await page.textContent('[data-testid="score-ticket_closed"]')).toContain('trend no change');
      // The card's score is all-time whatever the period.
      expect(await page.textContent('[data-testid="score-ticket_closed"]')).toContain('67%');

      await choosePeriod('day');
    });

    it('puts neighbouring periods one step apart on the time axis, also across a year end', async () => {
      // The module as the dashboard's build compiles it, run in the page (the browser's Date).
      const compiled = await build({
        entryPoints: ['dashboard/src/charts/period-index.ts'],
        bundle: true,
        format: 'iife',
        globalName: 'periodIndexModule',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      });
      const steps = await page.evaluate(`(() => {
        ${compiled.outputFiles[0]?.text}
        const { periodIndex } = periodIndexModule;
        const step = (a, b) => periodIndex(b) - periodIndex(a);
        return [
          step('2026-12-31', '2027-01-01'),
          step('2026-W52', '2026-W53'),
          step('2026-W53', '2027-W01'),
          step('2020-W53', '2021-W01'),
          step('2024-W52', '2025-W01'),
          step('2025-12', '2026-01'),
          step('2026-03-10', '2026-03-16'),
          step('2026-W01', '2026-W11'),
        ];
      })()`);
      expect(steps).toEqual([1, 1, 1, 1, 1, 1, 6, 10]);
    });

    it('breaks each score down by channel and shows the answer distribution', async () => {
      const rows = (tp: string) => channelRows(page, tp);
      expect(await rows('ticket_closed')).toEqual([['sms', '67%', '3', '100%']]);
      expect(await rows('delivery')).toEqual([['sms', '-100', '1', '100%']]);
      expect(await rows('purchase')).toEqual([]);

      const card = page.locator('[data-testid="card-ticket_closed"]');
      expect(await card.locator('.legend').textContent()).toBe(
        'Satisfied 67% · Neutral 0% · Unsatisfied 33%',
      );
      expect(await card.locator('.dist').getAttribute('aria-label')).toBe(
        'Satisfied 67%, Neutral 0%, Unsatisfied 33%',
      );
      const widths = await card
        .locator('.dist span')
        .evaluateAll((spans) => spans.map((s) => (s as { style: { width: string } }).style.width));
      expect(widths.map((w) => Math.round(Number.parseFloat(w)))).toEqual([67, 0, 33]);
      expect(await page.locator('[data-testid="card-delivery"] .legend').textContent()).toBe(
        'Promoters 0% · Passives 0% · Detractors 100%',
      );
    });

    it('lists the latest comments newest first, filtered by touchpoint and detractors only', async () => {
      const comments = page.locator('[data-testid="comment"]');
      const texts = () => comments.evaluateAll((lis) => lis.map((li) => li.textContent ?? ''));
      const starts = (all: string[]) => all.map((t) => t.split(' — ')[0]);
      expect(starts(await texts())).toEqual([
        '2Took three emails to get an answer',
        '4Helpful agent, but the replacement arrived damaged',
        '5Solved in one call',
        '3<script>window.pwned=1</script> late again',
      ]);
      const times = await comments
        .locator('time')
        .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
      expect(times).toHaveLength(4);
      expect(times).toEqual([...times].sort().reverse());

      await page.selectOption('#comment-touchpoint', 'ticket_closed');
      await expect.poll(() => comments.count()).toBe(3);
      expect((await texts()).every((t) => t.includes('ticket_closed, sms'))).toBe(true);

      await page.check('#detractors-only');
      await expect.poll(async () => starts(await texts())).toEqual(['2Took three emails to get an answer']);

      await page.selectOption('#comment-touchpoint', '');
      await expect
        .poll(async () => starts(await texts()))
        .toEqual(['2Took three emails to get an answer', '3<script>window.pwned=1</script> late again']);

      await page.selectOption('#comment-touchpoint', 'purchase');
      await expect.poll(() => page.textContent('#comments')).toBe('No comments yet.');

      await page.selectOption('#comment-touchpoint', '');
      await page.uncheck('#detractors-only');
      await expect.poll(() => comments.count()).toBe(4);
    });

    it('lists the open detractor alerts with the contact to call back', async () => {
      const alerts = page.locator('#alerts li');
      const dana = alerts.filter({ hasText: 'Dana Example' });
      expect(await dana.count()).toBe(1);
      const text = await dana.textContent();
      expect(text).toContain('Detractor 3');
      expect(text).toContain('delivery');
      expect(text).toContain('+12015550141');
      expect(text).toContain('order D-1');
      const gus = await alerts.filter({ hasText: 'Gus Example' }).textContent();
      expect(gus).toContain('Detractor 2');
      expect(gus).toContain('ticket T-3003');
      // A satisfied answer with a clearly negative word is flagged too, as a comment alert.
      const finn = await alerts.filter({ hasText: 'Finn Example' }).textContent();
      expect(finn).toContain('Negative comment 4');
      expect(finn).toContain('arrived damaged');
      expect(await alerts.filter({ hasText: 'Erin Example' }).count()).toBe(0);
    });
  });

  it('runs the simulator round trip: event, clock, SMS reply, updated score', async () => {
    expect(await page.isVisible('#simulator')).toBe(true);
    await simulateSentSurvey(page, { type: 'purchase', phone: '+12015550142', email: '' });
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

  it('runs the simulator keypad round trip: a call in the outbox, keys pressed, updated score', async () => {
    await simulateSentSurvey(
      page,
      { type: 'purchase', phone: '+12015550143', email: '', channel: 'voice' },
      'to the due survey',
    );
    const surveyId = rt.sandbox
      .outbox()
      .filter((m) => m.channel === 'voice' && m.to === '+12015550143')[0]?.surveyId;
    expect(surveyId).toBeTruthy();
    const call = page.locator(`[data-testid="outbox"][data-channel="voice"][data-survey-id="${surveyId}"]`);
    await expect.poll(() => call.textContent()).toContain('to +12015550143');
    // The newest call fills the keypad form; the call's own button does it again after an edit.
    expect(await page.inputValue('#sim-survey')).toBe(surveyId);
    await page.fill('#sim-survey', 'something else');
    await call.getByRole('button', { name: 'Answer call to +12015550143' }).click();
    expect(await page.inputValue('#sim-survey')).toBe(surveyId);
    expect((await focused(page)).id).toBe('sim-digits');

    await page.keyboard.type('5');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.textContent('#sim-result')).toContain('IVR answered (200): “You pressed 5.');
    // CES answers 7 (SMS) and 5 (keypad): mean 6.0, and a voice row in the channel table.
    await expect.poll(() => page.textContent('[data-testid="score-purchase"]')).toContain('6.0');
    const rows = await channelRows(page, 'purchase');
    expect(rows).toEqual([
      ['sms', '7.0', '1', '100%'],
      ['voice', '5.0', '1', '100%'],
    ]);
  });

  it('runs the simulator email round trip: a rating link clicked in the outbox, updated score', async () => {
    await simulateSentSurvey(page, {
      type: 'ticket_closed',
      phone: '',
      email: 'bea@example.com',
      channel: 'email',
    });
    const mail = page.locator('[data-testid="outbox"][data-channel="email"]', { hasText: 'bea@example.com' });
    await expect.poll(() => mail.count()).toBe(1);
    expect(await mail.locator('a.rating').allTextContents()).toEqual(['1', '2', '3', '4', '5']);
    const href =
      (await mail.getByRole('link', { name: 'Rate 5 (opens in a new tab)' }).getAttribute('href')) ?? '';
    expect(href.startsWith(`${rt.url}/r/`)).toBe(true);
    const surveyId =
      rt.sandbox.outbox().find((m) => m.channel === 'email' && m.to === 'bea@example.com')?.surveyId ?? '';

    // Without JavaScript (as a link scanner sees it) opening a link saves nothing; the page says
    // to press Send.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(
      (await mail.getByRole('link', { name: 'Rate 2 (opens in a new tab)' }).getAttribute('href')) ?? '',
    );
    expect(await plain.textContent('h1')).toContain('2');
    expect(await plain.isVisible('#save-hint')).toBe(true);
    expect(await rt.deps.responses.get(surveyId)).toBeUndefined();
    await noScript.close();

    const [tab] = await Promise.all([
      page.waitForEvent('popup'),
      mail.getByRole('link', { name: 'Rate 5 (opens in a new tab)' }).click(),
    ]);
    await tab.waitForLoadState();
    // The customer's thank-you page asks why, with the score they clicked, and its script (allowed
    // by the page's CSP) has saved the score.
    expect(await tab.textContent('h1')).toContain('5');
    expect(await tab.isVisible('textarea#comment')).toBe(true);
    await expect.poll(() => tab.getAttribute('html', 'data-rating')).toBe('saved');
    expect(await tab.isHidden('#save-hint')).toBe(true);
    expect((await rt.deps.responses.get(surveyId))?.score).toBe(5);
    await tab.close();
    expect(await page.textContent('#sim-result')).toContain('press Refresh');
    await page.click('#refresh');

    // CSAT 5, 4, 2 by SMS and 5 by email: three of four satisfied.
    await expect.poll(() => page.textContent('[data-testid="score-ticket_closed"]')).toContain('75%');
    const rows = await channelRows(page, 'ticket_closed');
    expect(rows).toContainEqual(['email', '100%', '1', '100%']);
  });

  it('caps a period response rate above 100% (answers to earlier sends) at "≥100%"', async () => {
    await page.route('**/api/scores?*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { scores: Array<Record<string, unknown>> };
      for (const s of body.scores) if (s.touchpoint === 'delivery') s.responseRate = 1.4;
      await route.fulfill({ response, json: body });
    });
    await page.click('#refresh');
    await expect
      .poll(() => page.locator('[aria-label^="delivery"] dd').nth(2).textContent())
      .toMatch(/^≥100% of \d+ sent$/);
    expect(await page.locator('[aria-label^="delivery"] dd').nth(2).getAttribute('title')).toContain(
      'earlier period',
    );
    await page.unroute('**/api/scores?*');
    await page.click('#refresh');
    await expect
      .poll(() => page.locator('[aria-label^="delivery"] dd').nth(2).textContent())
      .not.toContain('≥');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await page.waitForSelector('[data-testid="score-delivery"]');
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1');
    expect(overflow).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
  });

  /**
   * axe-core (WCAG 2.x A and AA rules, colour contrast included) and a keyboard-only sign-in, in a
   * context of its own. The page's CSP allows no inline script, so this context bypasses CSP to
   * inject the engine; nothing else differs.
   */
  describe('accessibility', () => {
    let context: BrowserContext;
    let a11y: Page;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
      a11y = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    it('has no WCAG A/AA violations on the sign-in page, with an error shown, at desktop and phone width', async () => {
      await a11y.goto(rt.url);
      await expect.poll(() => a11y.isVisible('#token')).toBe(true);
      await a11y.fill('#token', 'wrong-token');
      await a11y.click('#sign-in-form button');
      await expect.poll(() => a11y.textContent('#sign-in-error')).toContain('not accepted');

      const desktop = await axe(a11y);
      expect(desktop.violations).toEqual([]);
      expect(desktop.passes).toContain('color-contrast');
      expect(desktop.passes).toContain('label');
      await a11y.setViewportSize({ width: 360, height: 800 });
      expect((await axe(a11y)).violations).toEqual([]);
      await a11y.setViewportSize({ width: 1280, height: 1000 });
    });

    it('signs in with the keyboard alone and reaches the period and Refresh with a visible focus ring', async () => {
      await a11y.goto(rt.url);
      await expect.poll(async () => (await focused(a11y)).id).toBe('token');
      await a11y.keyboard.type(ADMIN_TOKEN);
      await a11y.keyboard.press('Tab');
      const signIn = await a11y.evaluate('document.activeElement.textContent');
      expect(signIn).toBe('Sign in');
      await a11y.keyboard.press('Enter');
      await a11y.waitForSelector('[data-testid="score-delivery"]');
      // Focus moves to the dashboard's first heading, so a screen reader announces the way in.
      expect((await focused(a11y)).id).toBe('overview-title');

      await a11y.keyboard.press('Tab');
      const period = await focused(a11y);
      expect(period).toEqual({
        id: 'period',
        focusVisible: true,
        outline: 'solid 3px',
        shadow: expect.any(String),
      });
      expect(period.shadow).not.toBe('none');
      const refreshUnfocused = await a11y.evaluate(
        "getComputedStyle(document.getElementById('refresh')).outlineStyle",
      );
      expect(refreshUnfocused).toBe('none');
      // Arrow keys change the period of a focused select.
      await a11y.keyboard.press('ArrowDown');
      await expect
        .poll(() => a11y.getAttribute('[data-testid="chart-delivery"]', 'data-period'))
        .toBe('week');

      await a11y.keyboard.press('Tab');
      const refresh = await focused(a11y);
      expect(refresh).toMatchObject({ id: 'refresh', focusVisible: true, outline: 'solid 3px' });
      expect(refresh.shadow).not.toBe('none');
      const [request] = await Promise.all([
        a11y.waitForRequest((r) => r.url().includes('/api/scores?period=week')),
        a11y.keyboard.press('Enter'),
      ]);
      expect(request.headers().authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    });

    it('has no WCAG A/AA violations signed in (cards, comments, alerts, simulator, outbox) at desktop and phone width', async () => {
      await expect.poll(() => a11y.locator('[data-testid="outbox"]').count()).toBeGreaterThan(0);
      expect(await a11y.locator('[data-testid="answer-call"]').count()).toBeGreaterThan(0);
      expect(await a11y.locator('a.rating').count()).toBeGreaterThan(0);
      expect(await a11y.locator('[data-testid="comment"]').count()).toBeGreaterThan(0);

      const desktop = await axe(a11y);
      expect(desktop.violations).toEqual([]);
      expect(desktop.passes).toEqual(
        expect.arrayContaining(['color-contrast', 'label', 'aria-allowed-attr', 'target-size']),
      );
      await a11y.setViewportSize({ width: 360, height: 800 });
      await a11y.waitForTimeout(100);
      expect((await axe(a11y)).violations).toEqual([]);
    });
  });

  /**
   * Cognito mode, with no real network: the page is told `auth: cognito` by a stubbed /config.json,
   * gets the CSP the admin API sends in that mode, and talks to a fake Cognito endpoint through
   * page.route. The fake hands out the local admin token as the ACCESS token, so the real local API
   * (token mode) accepts exactly what the page forwards.
   */
  describe('in cognito mode', () => {
    const REGION = 'eu-west-1';
    const ENDPOINT = `https://cognito-idp.${REGION}.amazonaws.com/`;
    const COGNITO: DashboardConfig = { auth: 'cognito', region: REGION, userPoolClientId: 'client-123' };
    let context: BrowserContext;
    let cognitoPage: Page;
    const calls: Array<{ target: string; contentType: string; body: Record<string, unknown> }> = [];
    const apiAuthorizations: string[] = [];
    /** Next answers of the fake Cognito, by action; a function can inspect the request. */
    let script: Record<
      string,
      Array<(body: Record<string, unknown>) => { status?: number; json: unknown }>
    > = {};

    async function fakeCognito(route: Route) {
      const request = route.request();
      const target = (request.headers()['x-amz-target'] ?? '').replace(
        'AWSCognitoIdentityProviderService.',
        '',
      );
      const body = (request.postDataJSON() ?? {}) as Record<string, unknown>;
      calls.push({ target, contentType: request.headers()['content-type'] ?? '', body });
      const next = script[target]?.shift();
      const answer = next ? next(body) : { status: 400, json: { __type: 'UnexpectedCall', message: target } };
      await route.fulfill({
        status: answer.status ?? 200,
        contentType: 'application/x-amz-json-1.1',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify(answer.json),
      });
    }

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      // Nothing may leave the machine: anything not handled below fails loudly.
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort('blockedbyclient'));
      await context.route(ENDPOINT, fakeCognito);
      await context.route(`${rt.url}/`, async (route) => {
        const response = await route.fetch();
        const csp = response.headers()['content-security-policy'] ?? '';
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': dashboardCsp(csp, COGNITO) },
        });
      });
      await context.route(`${rt.url}/config.json`, (route) => route.fulfill({ json: COGNITO }));
      await context.route(`${rt.url}/api/**`, async (route) => {
        apiAuthorizations.push(route.request().headers().authorization ?? '');
        await route.fallback();
      });
      cognitoPage = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    it('keeps Cognito out of the CSP of the token-mode page the local API serves', async () => {
      const res = await fetch(rt.url);
      const csp = res.headers.get('content-security-policy') ?? '';

      expect(csp).toContain("connect-src 'self';");
      expect(csp).not.toContain('cognito-idp');
    });

    it('asks for username and password, and shows a wrong password without leaving the form', async () => {
      script = {
        InitiateAuth: [
          () => ({
            status: 400,
            json: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
          }),
        ],
      };
      await cognitoPage.goto(rt.url);
      await expect.poll(() => cognitoPage.isVisible('#username')).toBe(true);
      expect(await cognitoPage.isVisible('#token')).toBe(false);
      await cognitoPage.fill('#username', 'ada');
      await cognitoPage.fill('#password', 'wrong-Passw0rd!');
      await cognitoPage.click('#sign-in-form button');

      await expect
        .poll(() => cognitoPage.textContent('#sign-in-error'))
        .toContain('Incorrect username or password');
      expect(await cognitoPage.isVisible('#app')).toBe(false);
      expect(calls.at(-1)).toEqual({
        target: 'InitiateAuth',
        contentType: 'application/x-amz-json-1.1',
        body: {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: 'client-123',
          AuthParameters: { USERNAME: 'ada', PASSWORD: 'wrong-Passw0rd!' },
        },
      });
    });

    it('walks a first sign-in through a new password and authenticator setup, then sends the access token', async () => {
      calls.length = 0;
      apiAuthorizations.length = 0;
      script = {
        InitiateAuth: [
          () => ({
            json: {
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              Session: 's1',
              ChallengeParameters: { USER_ID_FOR_SRP: 'ada', requiredAttributes: '[]', userAttributes: '{}' },
            },
          }),
        ],
        RespondToAuthChallenge: [
          () => ({ json: { ChallengeName: 'MFA_SETUP', Session: 's2', ChallengeParameters: {} } }),
          () => ({
            json: {
              AuthenticationResult: {
                AccessToken: ADMIN_TOKEN,
                IdToken: 'id-token-is-not-for-apis',
                RefreshToken: 'refresh-token',
                ExpiresIn: 3600,
                TokenType: 'Bearer',
              },
              ChallengeParameters: {},
            },
          }),
        ],
        AssociateSoftwareToken: [
          () => ({ json: { SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 's3' } }),
        ],
        VerifySoftwareToken: [() => ({ json: { Status: 'SUCCESS', Session: 's4' } })],
      };
      await cognitoPage.fill('#username', 'ada@example.com');
      await cognitoPage.fill('#password', 'Temp-Passw0rd!');
      await cognitoPage.click('#sign-in-form button');

      await expect.poll(() => cognitoPage.isVisible('#new-password')).toBe(true);
      await cognitoPage.fill('#new-password', 'My-Own-Passw0rd!');
      await cognitoPage.click('#challenge-form button');
      await expect.poll(() => cognitoPage.textContent('#mfa-secret')).toContain('JBSW Y3DP');
      expect(await cognitoPage.getAttribute('#mfa-uri', 'href')).toBe(
        'otpauth://totp/Touchpoint%3Aada?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Touchpoint',
      );
      await cognitoPage.fill('#mfa-code', '123456');
      await cognitoPage.click('#challenge-form button');
      await cognitoPage.waitForSelector('[data-testid="score-delivery"]');

      expect(calls.map((c) => c.target)).toEqual([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'AssociateSoftwareToken',
        'VerifySoftwareToken',
        'RespondToAuthChallenge',
      ]);
      expect(calls[1]?.body).toEqual({
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: 'client-123',
        Session: 's1',
        ChallengeResponses: { USERNAME: 'ada', NEW_PASSWORD: 'My-Own-Passw0rd!' },
      });
      expect(calls[2]?.body).toEqual({ Session: 's2' });
      expect(calls[3]?.body).toMatchObject({ Session: 's3', UserCode: '123456' });
      expect(calls[4]?.body).toEqual({
        ChallengeName: 'MFA_SETUP',
        ClientId: 'client-123',
        Session: 's4',
        ChallengeResponses: { USERNAME: 'ada' },
      });
      expect(new Set(apiAuthorizations)).toEqual(new Set([`Bearer ${ADMIN_TOKEN}`]));
      expect(await cognitoPage.evaluate("sessionStorage.getItem('touchpoint-token')")).toBe(ADMIN_TOKEN);
      expect(await cognitoPage.evaluate('JSON.stringify(sessionStorage)')).not.toContain('refresh-token');
    });

    it('goes back to sign-in when the API answers 401 (expired token)', async () => {
      await cognitoPage.route(`${rt.url}/api/scores?*`, (route) =>
        route.fulfill({ status: 401, json: { message: 'Unauthorized' } }),
      );
      await cognitoPage.click('#refresh');

      await expect.poll(() => cognitoPage.isVisible('#username')).toBe(true);
      expect(await cognitoPage.isVisible('#app')).toBe(false);
      expect(await cognitoPage.textContent('#sign-in-error')).toContain('sign in again');
      expect(await cognitoPage.evaluate("sessionStorage.getItem('touchpoint-token')")).toBeNull();
      await cognitoPage.unroute(`${rt.url}/api/scores?*`);
    });

    it('signs in again with password and a one-time code', async () => {
      calls.length = 0;
      script = {
        InitiateAuth: [
          () => ({
            json: {
              ChallengeName: 'SOFTWARE_TOKEN_MFA',
              Session: 't1',
              ChallengeParameters: { USER_ID_FOR_SRP: 'ada' },
            },
          }),
        ],
        RespondToAuthChallenge: [
          (body) =>
            (body.ChallengeResponses as Record<string, string>).SOFTWARE_TOKEN_MFA_CODE === '654321'
              ? { json: { AuthenticationResult: { AccessToken: ADMIN_TOKEN, ExpiresIn: 3600 } } }
              : { status: 400, json: { __type: 'CodeMismatchException', message: 'Invalid code' } },
        ],
      };
      await cognitoPage.fill('#username', 'ada');
      await cognitoPage.fill('#password', 'My-Own-Passw0rd!');
      await cognitoPage.click('#sign-in-form button');
      await expect.poll(() => cognitoPage.isVisible('#mfa-code')).toBe(true);
      expect(await cognitoPage.isVisible('#mfa-secret')).toBe(false);
      await cognitoPage.fill('#mfa-code', '654321');
      await cognitoPage.click('#challenge-form button');

      await cognitoPage.waitForSelector('[data-testid="score-delivery"]');
      expect(calls.at(-1)?.body).toEqual({
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: 'client-123',
        Session: 't1',
        ChallengeResponses: { USERNAME: 'ada', SOFTWARE_TOKEN_MFA_CODE: '654321' },
      });
    });
  });
});
