import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/admin-api.ts';
import { parseEnv, parseSecrets, requireModeSecrets } from '../../shared/config.ts';
import { AuthError } from '../../shared/errors.ts';
import { assertAdmin } from '../../shared/http/admin-auth.ts';
import { dashboardConfig, dashboardCsp } from '../../shared/http/dashboard-config.ts';
import type { Deps } from '../../shared/runtime/deps.ts';

const TOKEN = 'local-admin-token-change-me';
const BASE_ENV = { TWILIO_FROM: '+12015550100', SES_FROM: 'surveys@example.com' };

function event(
  routeKey: string,
  options: { headers?: Record<string, string>; claims?: Record<string, string>; asset?: string } = {},
): APIGatewayProxyEventV2 {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: options.headers ?? {},
    ...(options.asset && { pathParameters: { asset: options.asset } }),
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(options.claims && { authorizer: { jwt: { claims: options.claims, scopes: [] } } }),
    },
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

const accessClaims = { sub: 'u-1', username: 'ada', token_use: 'access', client_id: 'client-1' };

describe('assertAdmin', () => {
  it('in token mode accepts exactly the bearer token, and ignores any claims', () => {
    const settings = { mode: 'token', adminToken: TOKEN } as const;

    expect(
      assertAdmin(event('GET /api/scores', { headers: { authorization: `Bearer ${TOKEN}` } }), settings),
    ).toEqual({ via: 'token' });
    expect(() =>
      assertAdmin(event('GET /api/scores', { headers: { authorization: 'Bearer nope' } }), settings),
    ).toThrow(AuthError);
    expect(() => assertAdmin(event('GET /api/scores', { claims: accessClaims }), settings)).toThrow(
      /missing Authorization header/,
    );
  });

  it('in cognito mode trusts the gateway-verified access token claims and needs no admin token', () => {
    const caller = assertAdmin(event('GET /api/scores', { claims: accessClaims }), {
      mode: 'cognito',
      adminToken: '',
    });

    expect(caller).toEqual({ via: 'jwt', subject: 'u-1', username: 'ada' });
  });

  it('in cognito mode refuses a request without claims, even with the right bearer token (defence in depth)', () => {
    const request = event('GET /api/scores', { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(() => assertAdmin(request, { mode: 'cognito', adminToken: TOKEN })).toThrow(
      /must sit behind the JWT authorizer/,
    );
    expect(() => assertAdmin(request, { mode: 'jwt', adminToken: TOKEN })).toThrow(AuthError);
  });

  it('in cognito mode refuses an ID token, which the gateway would also let through', () => {
    const idClaims = { sub: 'u-1', 'cognito:username': 'ada', token_use: 'id', aud: 'client-1' };

    expect(() =>
      assertAdmin(event('GET /api/scores', { claims: idClaims }), { mode: 'cognito', adminToken: '' }),
    ).toThrow(/access token/);
  });

  it('in jwt mode accepts any verified token of the external provider', () => {
    expect(
      assertAdmin(event('GET /api/scores', { claims: { sub: 'idp|42' } }), { mode: 'jwt', adminToken: '' }),
    ).toEqual({ via: 'jwt', subject: 'idp|42', username: undefined });
  });
});

describe('dashboard config', () => {
  it('publishes the mode, and the region and client id in cognito mode only', () => {
    const cognito = parseEnv({
      ...BASE_ENV,
      ADMIN_AUTH_MODE: 'cognito',
      ADMIN_USER_POOL_CLIENT_ID: 'client-1',
      AWS_REGION: 'eu-west-1',
    });

    expect(dashboardConfig(cognito)).toEqual({
      auth: 'cognito',
      region: 'eu-west-1',
      userPoolClientId: 'client-1',
    });
    expect(dashboardConfig(parseEnv({ ...BASE_ENV, AWS_REGION: 'eu-west-1' }))).toEqual({
      auth: 'token',
      region: null,
      userPoolClientId: null,
    });
  });

  it('widens connect-src to the Cognito endpoint in cognito mode only', () => {
    const base = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    expect(dashboardCsp(base, { auth: 'cognito', region: 'eu-west-1', userPoolClientId: 'c' })).toBe(
      "default-src 'self'; connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com/; frame-ancestors 'none'",
    );
    expect(dashboardCsp(base, { auth: 'jwt', region: null, userPoolClientId: null })).toBe(base);
    expect(dashboardCsp(base, { auth: 'token', region: null, userPoolClientId: null })).toBe(base);
  });
});

describe('admin-api handler', () => {
  function handler(env: Record<string, string>) {
    const deps = {
      env: parseEnv({ ...BASE_ENV, ...env }),
      secrets: { TOUCHPOINT_ADMIN_TOKEN: TOKEN },
      config: { touchpoints: {} },
      aggregates: { listAlerts: async () => [] },
    } as unknown as Deps;
    return createHandler(deps);
  }

  it('serves GET /config.json publicly, without secrets', async () => {
    const h = handler({
      ADMIN_AUTH_MODE: 'cognito',
      ADMIN_USER_POOL_CLIENT_ID: 'client-1',
      AWS_REGION: 'us-east-1',
    });

    const res = await h(event('GET /{asset}', { asset: 'config.json' }));

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(String(res.body))).toEqual({
      auth: 'cognito',
      region: 'us-east-1',
      userPoolClientId: 'client-1',
    });
    expect(String(res.body)).not.toContain(TOKEN);
  });

  it('lets the page connect to Cognito only in cognito mode', async () => {
    const cognito = await handler({ ADMIN_AUTH_MODE: 'cognito', AWS_REGION: 'us-east-1' })(event('GET /'));
    const token = await handler({ AWS_REGION: 'us-east-1' })(event('GET /'));

    expect(cognito.headers?.['content-security-policy']).toContain(
      "connect-src 'self' https://cognito-idp.us-east-1.amazonaws.com/;",
    );
    expect(token.headers?.['content-security-policy']).toContain("connect-src 'self';");
  });

  it('answers 401 without claims in cognito mode and 200 with them', async () => {
    const h = handler({ ADMIN_AUTH_MODE: 'cognito' });

    expect((await h(event('GET /api/alerts'))).statusCode).toBe(401);
    expect((await h(event('GET /api/alerts', { claims: accessClaims }))).statusCode).toBe(200);
  });

  it('keeps the bearer token check in token mode (the default, as in the local runtime)', async () => {
    const h = handler({});

    expect((await h(event('GET /api/alerts', { claims: accessClaims }))).statusCode).toBe(401);
    expect(
      (await h(event('GET /api/alerts', { headers: { authorization: `Bearer ${TOKEN}` } }))).statusCode,
    ).toBe(200);
  });
});

describe('the admin token secret', () => {
  const secrets = {
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'local-twilio-auth-token',
    TOUCHPOINT_WEBHOOK_SECRET: 'local-generic-webhook-secret',
    SHOPIFY_WEBHOOK_SECRET: 'local-shopify-webhook-secret',
    ZENDESK_WEBHOOK_SECRET: 'local-zendesk-webhook-secret',
    AFTERSHIP_WEBHOOK_SECRET: 'local-aftership-webhook-secret',
    LINK_SIGNING_KEY: 'k'.repeat(32),
  };

  it('is required in token mode, naming the secret and the mode', () => {
    const env = parseEnv(BASE_ENV);
    expect(() => requireModeSecrets(env, parseSecrets(secrets, 'test'), 'test')).toThrow(
      /missing TOUCHPOINT_ADMIN_TOKEN \(required with ADMIN_AUTH_MODE=token/,
    );
    expect(
      requireModeSecrets(env, parseSecrets({ ...secrets, TOUCHPOINT_ADMIN_TOKEN: TOKEN }, 'test'), 'test')
        .TOUCHPOINT_ADMIN_TOKEN,
    ).toBe(TOKEN);
  });

  it('may be left out when an API Gateway authorizer checks admins', () => {
    for (const mode of ['cognito', 'jwt']) {
      const env = parseEnv({ ...BASE_ENV, ADMIN_AUTH_MODE: mode });
      expect(
        requireModeSecrets(env, parseSecrets(secrets, 'test'), 'test').TOUCHPOINT_ADMIN_TOKEN,
      ).toBeUndefined();
    }
  });
});
