import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { type DashboardConfig, dashboardCsp } from '../../shared/http/dashboard-config.ts';
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
