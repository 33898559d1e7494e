import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { newMessageSid, sendSms, twimlMessages } from '../../local/simulator.ts';
import { scanTable } from '../../shared/adapters/dynamo/response-store.ts';
import { signAftership, signGeneric, signShopify, signZendesk } from '../../shared/sources/index.ts';
import { AUDIT_CORPUS, type CorpusContext } from '../support/bad-input-corpus.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime, storedFor } from '../support/runtime.ts';

const SECRET = 'local-generic-webhook-secret';

/** The bad-input corpus: every case a clear 4xx or a graceful reply, nothing stored, still healthy. */
describe('bad-input corpus', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const base = {
    eventId: 'bad-base',
    type: 'purchase',
    occurredAt: '2026-03-10T14:00:00Z',
    source: 'crm',
    customer: { id: 'b1', phone: '+12015550160' },
    context: {},
  };
  const cases: Array<[string, string, number, string?]> = [
    ['malformed JSON', '{"eventId":', 400, 'malformed JSON'],
    ['empty body', '', 400],
    ['array instead of object', '[]', 422],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1'), 400],
    [
      'SQL injection in id with a bad phone',
      JSON.stringify({
        ...base,
        eventId: "1'; DROP TABLE events;--",
        customer: { id: 'x', phone: "' OR 1=1" },
      }),
      422,
      'customer.phone',
    ],
    [
      'script in the email',
      JSON.stringify({
        ...base,
        eventId: 'bad-2',
        customer: { id: 'x', email: '<script>alert(1)</script>' },
      }),
      422,
      'customer.email',
    ],
    [
      'phone not E.164',
      JSON.stringify({ ...base, eventId: 'bad-3', customer: { id: 'x', phone: '+0123' } }),
      422,
      'customer.phone',
    ],
    ['unknown event type', JSON.stringify({ ...base, eventId: 'bad-4', type: 'refund' }), 422, 'type'],
    ['number where a string belongs', JSON.stringify({ ...base, eventId: 42 }), 422, 'eventId'],
    [
      'negative amount',
      JSON.stringify({ ...base, eventId: 'bad-5', context: { amount: -5 } }),
      422,
      'context.amount',
    ],
    ['unknown field', JSON.stringify({ ...base, eventId: 'bad-6', admin: true }), 422, 'admin'],
    [
      'ticket_opened without its ticket',
      JSON.stringify({ ...base, eventId: 'bad-7', type: 'ticket_opened' }),
      422,
      'context.ticketId: is required for a ticket_opened event',
    ],
    ['huge body', JSON.stringify({ ...base, pad: 'x'.repeat(300_000) }), 413],
  ];

  for (const [name, body, status, mentions] of cases) {
    it(`answers ${status} to ${name} and stores nothing`, async () => {
      const res = await fetch(`${rt.url}/webhooks/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'touchpoint-signature': signGeneric(body, SECRET, rt.clock.now()),
        },
        body,
      });
      expect(res.status).toBe(status);
      const json = (await res.json()) as { error: string };
      expect(json.error.length).toBeGreaterThan(5);
      if (mentions) expect(json.error).toContain(mentions);
    });
  }

  it('stored none of the rejected events', async () => {
    for (const id of [
      'bad-2',
      'bad-3',
      'bad-4',
      'bad-5',
      'bad-6',
      'bad-7',
      "1'; DROP TABLE events;--",
      'bad-base',
    ]) {
      expect(await storedFor(rt, id), id).toEqual({ record: undefined, surveys: [] });
    }
  });

  it('answers emoji, RTL, injection and oversized SMS replies gracefully', async () => {
    for (const text of [
      '👍👍👍',
      'ממש טוב',
      "'; DROP TABLE responses; --",
      '<img src=x onerror=alert(1)>',
      '99',
      '-3',
      'x'.repeat(1600),
    ]) {
      const res = await sendSms(
        rt.url,
        { from: '+12015550161', to: OUR_NUMBER, body: text },
        'local-twilio-auth-token',
      );
      expect(res.status, text.slice(0, 10)).toBe(200);
      expect(res.body).toContain('<Response>');
      expect(twimlMessages(res.body).join(' ')).not.toContain('<img');
    }
    const health = await fetch(`${rt.url}/dev/clock`);
    expect(health.status).toBe(200);
  });

  /** Issue 17: event times outside the accepted window, on every source (nothing stored, nothing sent). */
  const sample = (file: string) => JSON.parse(readFileSync(`events/${file}`, 'utf8'));
  const timeCases: Array<[string, string, () => { body: string; headers: Record<string, string> }, string]> =
    [
      ...['9999-12-31T23:59:59Z', '2036-03-10T14:00:00Z', '1970-01-01T00:00:00Z'].map(
        (at): [string, string, () => { body: string; headers: Record<string, string> }, string] => [
          `generic occurredAt ${at}`,
          '/webhooks/events',
          () => {
            const body = JSON.stringify({ ...base, eventId: `bad-time-${at}`, occurredAt: at });
            return { body, headers: { 'touchpoint-signature': signGeneric(body, SECRET, rt.clock.now()) } };
          },
          'occurredAt',
        ],
      ),
      [
        'Shopify order created in year 9999',
        '/webhooks/shopify',
        () => {
          const body = JSON.stringify({
            ...sample('shopify/orders-create.json'),
            id: 9999,
            created_at: '9999-12-31T23:59:59Z',
          });
          return {
            body,
            headers: {
              'x-shopify-topic': 'orders/create',
              'x-shopify-hmac-sha256': signShopify(body, rt.deps.secrets.SHOPIFY_WEBHOOK_SECRET ?? ''),
            },
          };
        },
        'created_at',
      ],
      [
        'Zendesk ticket updated ten years ahead',
        '/webhooks/zendesk',
        () => {
          const raw = sample('zendesk/ticket-solved.json');
          const body = JSON.stringify({
            ...raw,
            ticket: { ...raw.ticket, id: '9999', updated_at: '2036-03-10T14:00:00Z' },
          });
          const ts = rt.clock.now().toISOString();
          return {
            body,
            headers: {
              'x-zendesk-webhook-signature-timestamp': ts,
              'x-zendesk-webhook-signature': signZendesk(
                body,
                rt.deps.secrets.ZENDESK_WEBHOOK_SECRET ?? '',
                ts,
              ),
            },
          };
        },
        'ticket.updated_at',
      ],
      [
        'AfterShip delivery in 1970',
        '/webhooks/aftership',
        () => {
          const raw = sample('aftership/tracking-delivered.json');
          const body = JSON.stringify({
            ...raw,
            msg: { ...raw.msg, id: 'bad-time', shipment_delivery_date: '1970-01-01T00:00:00Z' },
          });
          return {
            body,
            headers: {
              'aftership-hmac-sha256': signAftership(body, rt.deps.secrets.AFTERSHIP_WEBHOOK_SECRET ?? ''),
            },
          };
        },
        'msg.shipment_delivery_date',
      ],
    ];
  for (const [name, path, request, field] of timeCases) {
    it(`answers 422 naming ${field} to ${name}, stores and sends nothing`, async () => {
      const { body, headers } = request();
      const outbox = rt.sandbox.outbox().length;
      const res = await fetch(`${rt.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toContain(`${field}:`);
      await rt.advance({ advanceSeconds: 60 });
      expect(rt.sandbox.outbox()).toHaveLength(outbox);
    });
  }

  it('stored none of the events with impossible times', async () => {
    for (const id of [
      'bad-time-9999-12-31T23:59:59Z',
      'bad-time-2036-03-10T14:00:00Z',
      'bad-time-1970-01-01T00:00:00Z',
      'shopify:order:9999',
      'zendesk:ticket:9999:solved',
      'aftership:bad-time:delivered',
    ]) {
      expect(await storedFor(rt, id), id).toEqual({ record: undefined, surveys: [] });
    }
  });

  it('answers a replayed START gracefully and changes nothing, and a message without MessageSid with a 400', async () => {
    const phone = '+12015550162';
    const start = newMessageSid();
    const sms = (body: string, messageSid: string) =>
      sendSms(rt.url, { from: phone, to: OUR_NUMBER, body, messageSid }, 'local-twilio-auth-token');
    await sms('START', start);
    await rt.advance({ advanceSeconds: 60 });
    await sms('STOP', newMessageSid());
    const replay = await sms('START', start);
    expect(replay.status).toBe(200);
    expect(twimlMessages(replay.body)).toEqual([]);
    expect((await rt.deps.surveys.getConsent(phone))?.smsOptedOut).toBe(true);
    const noSid = await sms('START', '');
    expect(noSid.status).toBe(400);
    expect(noSid.body).toContain('MessageSid');
    expect((await rt.deps.surveys.getConsent(phone))?.smsOptedOut).toBe(true);
  });

  it('answers bad requeue bodies with a 422 naming the field', async () => {
    for (const body of [
      {},
      { surveyIds: [] },
      { surveyIds: 'sv_x' },
      { surveyIds: [''] },
      { surveyIds: ['sv_x'], all: true },
    ]) {
      const res = await fetch(`${rt.url}/api/surveys/requeue`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(((await res.json()) as { error: string }).error).toMatch(/surveyIds|all/);
    }
    const list = await fetch(`${rt.url}/api/surveys/parked?limit=lots`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(list.status).toBe(200);
  });

  describe('the outside audit (issue 17): each a clear 4xx or a graceful 2xx, nothing stored, nothing sent', () => {
    const OPTED_OUT = '+12015550167';
    let ctx: CorpusContext;
    /** Items per table and messages in the outbox before the corpus ran. */
    let before: { items: Record<string, number>; outbox: number };

    const itemsPerTable = async () => {
      const tables = {
        events: rt.deps.events.table,
        surveys: rt.deps.surveys.table,
        customers: rt.deps.surveys.customersTable,
        responses: rt.deps.responses.table,
        aggregates: rt.deps.aggregates.table,
      };
      const out: Record<string, number> = {};
      for (const [name, table] of Object.entries(tables)) {
        out[name] = 0;
        // Ledger entries are the stream consumer's bookkeeping of records it read, not stored input.
        for await (const page of scanTable(rt.deps.surveys.db, table))
          out[name] += page.filter((item) => !String(item.pk).startsWith('LEDGER#')).length;
      }
      return out;
    };

    beforeAll(async () => {
      const stop = await sendSms(
        rt.url,
        { from: OPTED_OUT, to: OUR_NUMBER, body: 'STOP' },
        'local-twilio-auth-token',
      );
      expect(stop.status).toBe(200);
      await rt.drainStreams();
      ctx = {
        url: rt.url,
        now: rt.clock.now(),
        adminToken: ADMIN_TOKEN,
        webhookSecret: SECRET,
        twilioAuthToken: 'local-twilio-auth-token',
        linkSigningKey: rt.deps.secrets.LINK_SIGNING_KEY,
        optedOutPhone: OPTED_OUT,
      };
      before = { items: await itemsPerTable(), outbox: rt.sandbox.outbox().length };
    });

    for (const c of AUDIT_CORPUS) {
      it(`answers ${c.status} to ${c.name}`, async () => {
        const res = await c.send(ctx);
        expect(res.status, res.body.slice(0, 300)).toBe(c.status);
        if (c.mentions) expect(res.body).toContain(c.mentions);
      });
    }

    it('stored nothing but the skipped survey that records the not_configured event, sent nothing, and still answers', async () => {
      await rt.drainStreams();
      expect(await itemsPerTable()).toEqual({ ...before.items, surveys: (before.items.surveys ?? 0) + 1 });
      const { surveys } = await storedFor(rt, 'audit-constructor');
      expect(surveys).toMatchObject([{ status: 'skipped', skipReason: 'not_configured' }]);
      expect(rt.sandbox.outbox().length).toBe(before.outbox);
      expect((await fetch(`${rt.url}/dev/clock`)).status).toBe(200);
    });
  });
});
