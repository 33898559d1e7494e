import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler as ingestWebhook } from '../../functions/ingest-webhook.ts';
import { createHandler } from '../../functions/twilio-webhook.ts';
import type { Deps } from '../../shared/runtime/deps.ts';

const AUTH_TOKEN = 'unit-twilio-auth-token';
const EXECUTE_API = 'abc123.execute-api.us-east-1.amazonaws.com';

/** A Twilio status callback as API Gateway (HTTP API, payload 2.0) hands it to the function. */
function callback(shape: {
  domainName: string;
  stage: string;
  rawPath: string;
  signedUrl: string;
  body?: Record<string, string>;
  signature?: string;
}): APIGatewayProxyEventV2 {
  const form = shape.body ?? { MessageSid: 'SM00000000000000000000000000000009', SmsStatus: 'bogus' };
  return {
    version: '2.0',
    routeKey: 'POST /twilio/status',
    rawPath: shape.rawPath,
    rawQueryString: 'surveyId=sv_unit&channel=sms',
    queryStringParameters: { surveyId: 'sv_unit', channel: 'sms' },
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-proto': 'https',
      'x-twilio-signature':
        shape.signature ??
        getExpectedTwilioSignature(AUTH_TOKEN, `${shape.signedUrl}?surveyId=sv_unit&channel=sms`, form),
    },
    requestContext: {
      domainName: shape.domainName,
      stage: shape.stage,
      http: { method: 'POST', path: shape.rawPath, sourceIp: '198.51.100.7' },
    },
    body: new URLSearchParams(form).toString(),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** Only what the signature check reads: the callback has no status we act on, so nothing is stored. */
const depsWith = (publicBaseUrl?: string) =>
  ({
    env: { ...(publicBaseUrl && { PUBLIC_BASE_URL: publicBaseUrl }) },
    secrets: { TWILIO_AUTH_TOKEN: AUTH_TOKEN },
  }) as unknown as Deps;

describe('Twilio signatures: the URL Twilio called is rebuilt for every way the API is published', () => {
  const shapes: Array<[string, string | undefined, Parameters<typeof callback>[0]]> = [
    [
      '$default stage on the execute-api domain',
      undefined,
      {
        domainName: EXECUTE_API,
        stage: '$default',
        rawPath: '/twilio/status',
        signedUrl: `https://${EXECUTE_API}/twilio/status`,
      },
    ],
    [
      'a named stage on the execute-api domain (rawPath holds the stage)',
      undefined,
      {
        domainName: EXECUTE_API,
        stage: 'prod',
        rawPath: '/prod/twilio/status',
        signedUrl: `https://${EXECUTE_API}/prod/twilio/status`,
      },
    ],
    [
      'a named stage behind a custom domain, no PUBLIC_BASE_URL (no stage in the URL)',
      undefined,
      {
        domainName: 'api.example.com',
        stage: 'prod',
        rawPath: '/twilio/status',
        signedUrl: 'https://api.example.com/twilio/status',
      },
    ],
    [
      'a base-path mapping, no PUBLIC_BASE_URL',
      undefined,
      {
        domainName: 'api.example.com',
        stage: 'prod',
        rawPath: '/tp/twilio/status',
        signedUrl: 'https://api.example.com/tp/twilio/status',
      },
    ],
    [
      'a base-path mapping with PUBLIC_BASE_URL naming it (never /tp/tp)',
      'https://api.example.com/tp',
      {
        domainName: 'api.example.com',
        stage: '$default',
        rawPath: '/tp/twilio/status',
        signedUrl: 'https://api.example.com/tp/twilio/status',
      },
    ],
    [
      'PUBLIC_BASE_URL with a trailing slash, on the $default stage',
      'https://api.example.com/',
      {
        domainName: EXECUTE_API,
        stage: '$default',
        rawPath: '/twilio/status',
        signedUrl: 'https://api.example.com/twilio/status',
      },
    ],
    [
      'a proxy in front that strips the base path PUBLIC_BASE_URL names',
      'https://surveys.example.com/tp',
      {
        domainName: EXECUTE_API,
        stage: '$default',
        rawPath: '/twilio/status',
        signedUrl: 'https://surveys.example.com/tp/twilio/status',
      },
    ],
  ];

  for (const [name, publicBaseUrl, shape] of shapes) {
    it(`accepts Twilio's signature: ${name}`, async () => {
      const res = await createHandler(depsWith(publicBaseUrl))(callback(shape));
      expect(res.statusCode, String(res.body)).toBe(200);
      expect(JSON.parse(String(res.body))).toEqual({ ignored: 'no survey or status' });
    });
  }
});

describe('Twilio signatures: every rejection is logged (redacted) and counted', () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    // The production path: in Lambda the line is written whatever the log level.
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'twilio-webhook');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const rejected = () =>
    lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.message === 'inbound signature rejected');

  it('logs route, reason and the URL checked, never the body, with a SignatureRejected metric', async () => {
    const shape = {
      domainName: 'api.example.com',
      stage: '$default',
      rawPath: '/tp/twilio/status',
      signedUrl: 'https://api.example.com/tp/twilio/status',
      body: { MessageSid: 'SM1', From: '+12015550123', Body: 'private words' },
    };
    // PUBLIC_BASE_URL names another host: what a wrong setting after a deploy looks like.
    const res = await createHandler(depsWith('https://old.example.com'))(callback(shape));

    expect(res.statusCode).toBe(403);
    expect(rejected()).toHaveLength(1);
    const [line] = rejected();
    expect(line).toMatchObject({
      level: 'WARN',
      route: 'POST /twilio/status',
      reason: 'X-Twilio-Signature does not match this URL and body',
      checkedUrl: 'https://old.example.com/tp/twilio/status',
      SignatureRejected: 1,
      _aws: { CloudWatchMetrics: [{ Namespace: 'Touchpoint', Metrics: [{ Name: 'SignatureRejected' }] }] },
    });
    const text = lines.join('');
    expect(text).not.toContain('private words');
    expect(text).not.toContain('2015550123');
  });

  it('logs a missing signature too', async () => {
    const shape = {
      domainName: EXECUTE_API,
      stage: '$default',
      rawPath: '/twilio/status',
      signedUrl: `https://${EXECUTE_API}/twilio/status`,
    };
    const event = callback(shape);
    delete event.headers['x-twilio-signature'];

    expect((await createHandler(depsWith())(event)).statusCode).toBe(403);
    expect(rejected()).toMatchObject([{ reason: 'X-Twilio-Signature is missing', SignatureRejected: 1 }]);
  });

  it('logs and counts a platform webhook whose signature does not match, without its body', async () => {
    const deps = {
      clock: { now: () => new Date('2026-03-10T14:00:00Z') },
      secrets: { TOUCHPOINT_WEBHOOK_SECRET: 'unit-generic-secret' },
    } as unknown as Deps;
    const body = JSON.stringify({ eventId: 'e1', customer: { phone: '+12015550123', name: 'Ada' } });
    const event = {
      version: '2.0',
      routeKey: 'POST /webhooks/events',
      rawPath: '/webhooks/events',
      rawQueryString: '',
      headers: {
        'content-type': 'application/json',
        'touchpoint-signature': `t=${Date.parse('2026-03-10T14:00:00Z') / 1000},v1=${'0'.repeat(64)}`,
      },
      requestContext: {
        domainName: EXECUTE_API,
        stage: '$default',
        http: { method: 'POST', path: '/webhooks/events', sourceIp: '198.51.100.7' },
      },
      body,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;

    expect((await ingestWebhook(deps)(event)).statusCode).toBe(401);
    expect(rejected()).toMatchObject([
      { route: 'POST /webhooks/events', reason: 'Touchpoint-Signature does not match the body' },
    ]);
    expect(lines.join('')).not.toContain('Ada');
  });
});
