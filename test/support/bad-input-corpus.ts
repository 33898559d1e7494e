import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { signLink } from '../../shared/security/link-token.ts';
import { signGeneric } from '../../shared/sources/index.ts';

/**
 * The outside audit's malformed inputs (issue 17, item 5), shared by `test/integration/bad-inputs.test.ts`
 * and `npm run bench`'s bad-input section: each must get a clear 4xx (or a graceful 2xx), store
 * nothing and send nothing. No vitest import here: the benchmark runs it too.
 */
export interface CorpusContext {
  /** Base URL of a running Touchpoint (local runtime). */
  url: string;
  now: Date;
  adminToken: string;
  webhookSecret: string;
  twilioAuthToken: string;
  linkSigningKey: string;
  /** A phone number that texted STOP (suppressed). */
  optedOutPhone: string;
}

export interface CorpusCase {
  name: string;
  /** Accepted statuses: one 4xx, or a graceful 2xx. */
  status: number;
  /** Text the error (or JSON answer) must contain, so the caller learns what is wrong. */
  mentions?: string;
  send(ctx: CorpusContext): Promise<{ status: number; body: string }>;
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.text() };
}

const admin = (ctx: CorpusContext, path: string, body?: unknown) =>
  call(`${ctx.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${ctx.adminToken}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

const signedEvent = (ctx: CorpusContext, event: unknown, header?: string) => {
  const body = JSON.stringify(event);
  return call(`${ctx.url}/webhooks/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'touchpoint-signature': header ?? signGeneric(body, ctx.webhookSecret, ctx.now),
    },
    body,
  });
};

const twilio = (ctx: CorpusContext, path: string, params: Record<string, string>) => {
  const url = `${ctx.url}${path}`;
  return call(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(ctx.twilioAuthToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
};

/** A link token signed with the real key over any JSON value (what only a key holder can make). */
const linkOver = (ctx: CorpusContext, payload: unknown) => signLink(payload as never, ctx.linkSigningKey);
const cursorOf = (value: string) => Buffer.from(value).toString('base64url');

const event = (ctx: CorpusContext, id: string) => ({
  eventId: id,
  type: 'purchase',
  occurredAt: ctx.now.toISOString(),
  source: 'crm',
  customer: { id: `c-${id}`, phone: '+12015550169' },
  context: {},
});

export const AUDIT_CORPUS: CorpusCase[] = [
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].map(
    (touchpoint): CorpusCase => ({
      name: `send-test to touchpoint "${touchpoint}"`,
      status: 422,
      mentions: 'touchpoint: unknown',
      send: (ctx) => admin(ctx, '/api/send-test', { to: '+12015550168', touchpoint }),
    }),
  ),
  {
    name: 'event for touchpoint "constructor" (skipped: not configured)',
    status: 200,
    mentions: 'not_configured',
    send: (ctx) => signedEvent(ctx, { ...event(ctx, 'audit-constructor'), touchpoint: 'constructor' }),
  },
  ...[
    ['not base64', '%%%'],
    ['a string', cursorOf('"x"')],
    ['null', cursorOf('null')],
    ['an array', cursorOf('[1,2]')],
    ['a string key', cursorOf('{"purchase":"x"}')],
    ['a key of the wrong shape', cursorOf('{"purchase":{"surveyId":5}}')],
    ['an unknown touchpoint', cursorOf('{"nope":null}')],
  ].map(
    ([what, cursor]): CorpusCase => ({
      name: `responses cursor that is ${what}`,
      status: 400,
      mentions: 'cursor:',
      send: (ctx) => admin(ctx, `/api/responses?cursor=${encodeURIComponent(cursor ?? '')}`),
    }),
  ),
  {
    name: 'responses from after to',
    status: 400,
    mentions: 'from: must not be after to',
    send: (ctx) => admin(ctx, '/api/responses?from=2026-03-10&to=2026-03-01'),
  },
  {
    name: 'responses from an impossible date',
    status: 400,
    mentions: 'from:',
    send: (ctx) => admin(ctx, '/api/responses?from=2026-13-45'),
  },
  {
    name: 'scores from after to',
    status: 400,
    mentions: 'from: must not be after to',
    send: (ctx) => admin(ctx, '/api/scores?from=2026-03-10&to=2026-03-01'),
  },
  {
    name: 'Twilio status callback with a 10 KB surveyId',
    status: 400,
    mentions: 'surveyId:',
    send: (ctx) =>
      twilio(ctx, `/twilio/status?surveyId=${'s'.repeat(10_000)}&channel=sms`, {
        MessageSid: 'SM00000000000000000000000000000001',
        MessageStatus: 'delivered',
      }),
  },
  {
    name: 'Twilio status callback with an unknown channel',
    status: 400,
    mentions: 'channel:',
    send: (ctx) =>
      twilio(ctx, '/twilio/status?surveyId=sv_nosuchsurvey&channel=fax', {
        MessageSid: 'SM00000000000000000000000000000002',
        MessageStatus: 'delivered',
      }),
  },
  {
    name: 'Twilio voice step with a 10 KB surveyId',
    status: 400,
    mentions: 'surveyId:',
    send: (ctx) =>
      twilio(ctx, `/twilio/voice?surveyId=${'s'.repeat(10_000)}&step=answer`, {
        CallSid: 'CA1',
        Digits: '7',
      }),
  },
  ...(
    [
      ['a 10 KB From', { From: `+1${'2'.repeat(10_000)}` }, 'From:'],
      ['no From', { From: undefined }, 'From: is required'],
      ['a 10 KB MessageSid', { MessageSid: 'S'.repeat(10_000) }, 'MessageSid:'],
    ] as const
  ).map(
    ([what, change, mentions]): CorpusCase => ({
      name: `Twilio inbound SMS with ${what}`,
      status: 400,
      mentions,
      send: (ctx) => {
        const form: Record<string, string | undefined> = {
          MessageSid: 'SM00000000000000000000000000000003',
          From: '+12015550166',
          To: '+12015550100',
          Body: 'STOP',
          ...change,
        };
        return twilio(
          ctx,
          '/twilio/sms',
          Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined)),
        );
      },
    }),
  ),
  ...[null, [], 'sv_x', 42, { s: 5, e: 9_999_999_999 }, { s: 'sv_x', a: 'rate', v: '5', e: '9' }].map(
    (payload): CorpusCase => ({
      name: `link token correctly signed over ${JSON.stringify(payload)}`,
      status: 400,
      send: (ctx) => call(`${ctx.url}/r/${linkOver(ctx, payload)}`),
    }),
  ),
  {
    name: 'POST /r/{token} with a 9 MB body',
    status: 413,
    mentions: 'limit',
    send: (ctx) =>
      call(
        `${ctx.url}/r/${linkOver(ctx, { s: 'sv_x', a: 'rate', v: 5, e: Math.floor(ctx.now.getTime() / 1000) + 3600 })}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `comment=${'x'.repeat(9 * 1024 * 1024)}`,
        },
      ),
  },
  {
    name: 'eventId present with the wrong type',
    status: 422,
    mentions: 'eventId: expected string, got number',
    send: (ctx) => signedEvent(ctx, { ...event(ctx, 'audit-type'), eventId: 123 }),
  },
  {
    name: 'customer present with the wrong type',
    status: 422,
    mentions: 'customer: expected object, got string',
    send: (ctx) => signedEvent(ctx, { ...event(ctx, 'audit-type-2'), customer: 'ada' }),
  },
  {
    name: 'send-test with `to` of the wrong type',
    status: 422,
    mentions: 'to: expected string, got number',
    send: (ctx) => admin(ctx, '/api/send-test', { to: 12015550168, touchpoint: 'delivery' }),
  },
  {
    name: 'signature header with 100 v1= values',
    status: 401,
    mentions: 'at most',
    send: (ctx) => {
      const t = Math.floor(ctx.now.getTime() / 1000);
      const values = Array.from({ length: 100 }, (_, i) => `v1=${i.toString(16).padStart(64, '0')}`);
      return signedEvent(ctx, event(ctx, 'audit-v1'), `t=${t},${values.join(',')}`);
    },
  },
  ...[
    ['an address without a domain', 'x@y'],
    ['an address with CR/LF', 'ada@example.com\r\nBcc: eve@example.com'],
    ['a number with a newline', '+12015550168\n'],
  ].map(
    ([what, to]): CorpusCase => ({
      name: `send-test to ${what}`,
      status: 422,
      mentions: 'to:',
      send: (ctx) => admin(ctx, '/api/send-test', { to, touchpoint: 'delivery' }),
    }),
  ),
  {
    name: 'send-test to a number that opted out (STOP)',
    status: 422,
    mentions: 'opted out',
    send: (ctx) => admin(ctx, '/api/send-test', { to: ctx.optedOutPhone, touchpoint: 'delivery' }),
  },
];
