import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignatureError, ValidationError } from '../../shared/errors.ts';
import {
  SOURCE_ADAPTERS,
  signAftership,
  signGeneric,
  signShopify,
  signZendesk,
} from '../../shared/sources/index.ts';
import type { WebhookRequest } from '../../shared/sources/types.ts';

const now = new Date('2026-03-10T12:00:00Z');
const SECRET = 'a-webhook-secret-for-tests';

/** A correctly signed request for each source. */
const signed: Record<string, (body: string, secret: string) => WebhookRequest> = {
  generic: (body, secret) => ({
    headers: { 'content-type': 'application/json', 'touchpoint-signature': signGeneric(body, secret, now) },
    rawBody: body,
  }),
  shopify: (body, secret) => ({
    headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signShopify(body, secret) },
    rawBody: body,
  }),
  aftership: (body, secret) => ({
    headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': signAftership(body, secret) },
    rawBody: body,
  }),
  zendesk: (body, secret) => {
    const ts = now.toISOString();
    return {
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature-timestamp': ts,
        'x-zendesk-webhook-signature': signZendesk(body, secret, ts),
      },
      rawBody: body,
    };
  },
};

describe('signature checks (property-based)', () => {
  for (const [source, sign] of Object.entries(signed)) {
    const adapter = SOURCE_ADAPTERS[source as keyof typeof SOURCE_ADAPTERS];
    it(`${source}: accepts what was signed, with the current or the previous secret`, () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 300 }),
          fc.string({ minLength: 8, maxLength: 40 }),
          (body, secret) => {
            expect(() => adapter.verify(sign(body, secret), [secret], now)).not.toThrow();
            expect(() =>
              adapter.verify(sign(body, secret), ['another-secret-xyz', secret], now),
            ).not.toThrow();
          },
        ),
        { numRuns: 100 },
      );
    });

    it(`${source}: rejects any single changed character and a wrong secret`, () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.nat(), (body, at) => {
          const req = sign(body, SECRET);
          const i = at % body.length;
          const changed =
            body.slice(0, i) + String.fromCharCode((body.charCodeAt(i) + 1) % 0xffff) + body.slice(i + 1);
          expect(() => adapter.verify({ ...req, rawBody: changed }, [SECRET], now)).toThrow(SignatureError);
          expect(() => adapter.verify(req, ['not-the-secret-at-all'], now)).toThrow(SignatureError);
        }),
        { numRuns: 100 },
      );
    });

    it(`${source}: rejects a request without its signature header`, () => {
      const req = sign('{}', SECRET);
      const headers = { 'content-type': 'application/json' };
      expect(() => adapter.verify({ ...req, headers }, [SECRET], now)).toThrow(SignatureError);
    });
  }

  it('generic and zendesk: reject timestamps more than five minutes away (either direction)', () => {
    for (const skew of [-301, 301]) {
      const at = new Date(now.getTime() + skew * 1000);
      expect(() =>
        SOURCE_ADAPTERS.generic.verify(
          { headers: { 'touchpoint-signature': signGeneric('{}', SECRET, at) }, rawBody: '{}' },
          [SECRET],
          now,
        ),
      ).toThrow(/300 s/);
      const ts = at.toISOString();
      expect(() =>
        SOURCE_ADAPTERS.zendesk.verify(
          {
            headers: {
              'x-zendesk-webhook-signature-timestamp': ts,
              'x-zendesk-webhook-signature': signZendesk('{}', SECRET, ts),
            },
            rawBody: '{}',
          },
          [SECRET],
          now,
        ),
      ).toThrow(SignatureError);
    }
    expect(() =>
      SOURCE_ADAPTERS.generic.verify(
        {
          headers: { 'touchpoint-signature': signGeneric('{}', SECRET, new Date(now.getTime() - 299_000)) },
          rawBody: '{}',
        },
        [SECRET],
        now,
      ),
    ).not.toThrow();
  });
});

describe('normalization of the shipped samples', () => {
  const read = (p: string) => readFileSync(`events/${p}`, 'utf8');
  it('reads the generic samples as canonical events', () => {
    for (const file of [
      'generic/purchase.json',
      'generic/ticket-closed-email.json',
      'canonical/purchase-sms.json',
    ]) {
      const result = SOURCE_ADAPTERS.generic.normalize(
        signed.generic?.(read(file), SECRET) as WebhookRequest,
        now,
      );
      expect(result.kind, file).toBe('event');
    }
  });

  it('names the field of a schema failure', () => {
    const bad = JSON.stringify({ ...JSON.parse(read('generic/purchase.json')), occurredAt: 'yesterday' });
    expect(() =>
      SOURCE_ADAPTERS.generic.normalize(signed.generic?.(bad, SECRET) as WebhookRequest, now),
    ).toThrow(/occurredAt/);
    try {
      SOURCE_ADAPTERS.generic.normalize(signed.generic?.('not json', SECRET) as WebhookRequest, now);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).status).toBe(400);
    }
  });

  it('keeps Shopify ids beyond 2^53 exact', () => {
    const result = SOURCE_ADAPTERS.shopify.normalize(
      {
        headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' },
        rawBody: read('shopify/orders-create.json'),
      },
      now,
    );
    expect(result.kind === 'event' && result.event.context.orderId).toBe('820982911946154508');
  });
});
