import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { launchChromium } from '../support/browser.ts';
import { ADMIN_TOKEN, OUR_NUMBER, shippedConfigWith, startTestRuntime } from '../support/runtime.ts';

/**
 * The dashboard reads each touchpoint's scale, bands and CES convention from GET /api/scores
 * instead of assuming CSAT 1-5 and CES 2.0 1-7: here a CSAT 1-10 ticket survey and a purchase
 * survey on the older effort scale (1-5, higher = more effort).
 */
describe('dashboard on other scales (CSAT 1-10, effort CES 1-5)', () => {
  let rt: LocalRuntime;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const config = shippedConfigWith({
      ticket_closed: { metric: { kind: 'csat', min: 1, max: 10 } },
      purchase: { metric: { kind: 'ces', min: 1, max: 5, convention: 'effort' } },
    });
    rt = await startTestRuntime({ config, clockStart: new Date('2026-03-10T15:00:00Z') });
    /** One customer's survey of `type`, due now, answered by SMS with a score and a comment. */
    const answer = async (n: number, type: 'ticket_closed' | 'purchase', score: string, comment: string) => {
      const phone = `+120155501${50 + n}`;
      const sent = await sendEvent(
        rt.url,
        {
          eventId: `scale-${n}`,
          type,
          occurredAt: new Date(rt.clock.now().getTime() - 3_600_000).toISOString(),
          source: 'crm',
          customer: { id: `s${n}`, phone, timeZone: 'America/New_York' },
          context: type === 'ticket_closed' ? { ticketId: `T-${n}` } : { orderId: `O-${n}` },
        },
        'local-generic-webhook-secret',
        rt.clock.now(),
      );
      if (sent.status !== 200) throw new Error(`setup: event ${n} answered ${sent.status}: ${sent.body}`);
      await rt.advance({ advanceSeconds: 120 });
      for (const body of [score, comment])
        await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body }, 'local-twilio-auth-token');
    };
    await answer(1, 'ticket_closed', '9', 'Quick and kind');
    await answer(2, 'ticket_closed', '6', 'It was fine');
    await answer(3, 'ticket_closed', '3', 'Three emails for one answer');
    await answer(4, 'purchase', '1', 'Two clicks');
    await answer(5, 'purchase', '2', 'Easy enough');
    await answer(6, 'purchase', '5', 'Checkout kept failing');
    await rt.drainStreams();

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(rt.url);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#sign-in-form button');
    await page.waitForSelector('[data-testid="score-purchase"]');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.stop();
  });

  const card = (touchpoint: string) => page.locator(`[data-testid="card-${touchpoint}"]`);

  it('counts CSAT 1-10 answers in its own bands: satisfied 9-10, unsatisfied 1-5', async () => {
    expect(await page.textContent('[data-testid="score-ticket_closed"]')).toContain('33%');
    expect(await page.textContent('[data-testid="meaning-ticket_closed"]')).toBe(
      '% satisfied (9-10 of 1-10)',
    );
    expect(await card('ticket_closed').locator('.legend').textContent()).toBe(
      'Satisfied 33% · Neutral 33% · Unsatisfied 33%',
    );
  });

  it('says what the effort mean means and draws it on its 1-5 scale', async () => {
    expect(await page.textContent('[data-testid="score-purchase"]')).toContain('2.7');
    expect(await page.textContent('[data-testid="meaning-purchase"]')).toBe(
      'mean, 1-5, higher = more effort',
    );
    expect(await card('purchase').locator('.legend').textContent()).toBe(
      'Low effort 67% · Neutral 0% · High effort 33%',
    );
    const meta = await card('purchase').locator('.meta').textContent();
    expect(meta).toContain('Low effort (1-2)67%');
    // The day's mean 2.67 sits 41.75% up a 1-5 axis (y = 110 - 41.75), not 27.8% up a 1-7 one.
    expect(await page.locator('[data-testid="chart-purchase"] circle').getAttribute('cy')).toBe('68.3');
    expect(await page.locator('[data-testid="chart-purchase"]').getAttribute('aria-label')).toContain(
      'mean, 1-5, higher = more effort',
    );
  });

  it('filters detractor comments with each touchpoint’s own detractor band', async () => {
    await page.check('#detractors-only');
    await expect
      .poll(() => page.locator('[data-testid="comment"]').allTextContents())
      .toEqual([expect.stringContaining('Checkout kept failing'), expect.stringContaining('Three emails')]);
  });
});
