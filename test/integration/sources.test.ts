import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { signAftership, signGeneric, signShopify, signZendesk } from '../../shared/sources/index.ts';
import { startTestRuntime, storedFor, surveyRecording } from '../support/runtime.ts';

const fixture = (path: string) => readFileSync(`events/${path}`, 'utf8');
const SECRETS = {
  shopify: 'local-shopify-webhook-secret',
  zendesk: 'local-zendesk-webhook-secret',
  aftership: 'local-aftership-webhook-secret',
  generic: 'local-generic-webhook-secret',
};

async function post(rt: LocalRuntime, path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${rt.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function shopify(rt: LocalRuntime, topic: string, body: string, overrides: Record<string, string> = {}) {
  return post(rt, '/webhooks/shopify', body, {
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': signShopify(body, SECRETS.shopify),
    'x-shopify-webhook-id': `wh-${Math.random()}`,
    ...overrides,
  });
}

function zendesk(rt: LocalRuntime, body: string, at: Date, secret = SECRETS.zendesk) {
  const ts = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return post(rt, '/webhooks/zendesk', body, {
    'x-zendesk-webhook-signature-timestamp': ts,
    'x-zendesk-webhook-signature': signZendesk(body, secret, ts),
  });
}

function aftership(rt: LocalRuntime, body: string, secret = SECRETS.aftership) {
  return post(rt, '/webhooks/aftership', body, { 'aftership-hmac-sha256': signAftership(body, secret) });
}

describe('event sources through the local gateway', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-12T22:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  describe('Shopify', () => {
    it('turns orders/create into a purchase with an E.164 phone and an inferred time zone', async () => {
      const res = await shopify(rt, 'orders/create', fixture('shopify/orders-create.json'));
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ outcome: 'scheduled', eventId: 'shopify:order:820982911946154508' });
      // The survey is the event's record: no separate event record for an event that was surveyed.
      const survey = await surveyRecording(rt, 'shopify:order:820982911946154508');
      expect(survey).toMatchObject({
        surveyId: res.json.surveyId,
        eventType: 'purchase',
        phone: '+12015550147',
        email: 'jon.example@example.com',
        timeZone: 'America/New_York',
        context: { orderId: '820982911946154508', orderCreatedAt: '2026-03-10T14:00:00.000Z' },
      });
      // Only what Touchpoint needs is kept: no street address, no line items.
      expect(JSON.stringify(survey)).not.toContain('Example Street');
      expect(JSON.stringify(survey)).not.toContain('mug');
    });

    it('answers 200 to five re-deliveries and keeps one event and one survey', async () => {
      const body = fixture('shopify/orders-create.json');
      const results = await Promise.all(Array.from({ length: 5 }, () => shopify(rt, 'orders/create', body)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.every((r) => r.json.duplicate === true)).toBe(true);
      expect(new Set(results.map((r) => r.json.surveyId)).size).toBe(1);
    });

    it('acknowledges a fulfillment event that is not a delivery without storing it', async () => {
      const res = await shopify(
        rt,
        'fulfillment_events/create',
        fixture('shopify/fulfillment-event-in-transit.json'),
      );
      expect(res.status).toBe(200);
      expect(String(res.json.ignored)).toContain('in_transit');
      expect(await storedFor(rt, 'shopify:fulfillment_event:944956396')).toEqual({
        record: undefined,
        surveys: [],
      });
    });

    it('joins a delivered fulfillment event to the order customer', async () => {
      const res = await shopify(
        rt,
        'fulfillment_events/create',
        fixture('shopify/fulfillment-event-delivered.json'),
      );
      expect(res.status).toBe(200);
      expect(res.json.outcome).toBe('scheduled');
      const survey = await surveyRecording(rt, 'shopify:fulfillment_event:944956395');
      expect(survey).toMatchObject({
        surveyId: res.json.surveyId,
        eventType: 'delivery',
        customerId: 'shopify:115310627314723954',
        phone: '+12015550147',
        email: 'jon.example@example.com',
      });
      // Borrowed from the purchase: hours from order to delivery.
      expect(survey.drivers).toHaveProperty('delivery_time');
    });

    it('rejects a tampered body, a wrong secret and a missing header with 401 and stores nothing', async () => {
      const body = fixture('shopify/orders-create.json').replace('820982911946154508', '820982911946154599');
      const signed = signShopify(fixture('shopify/orders-create.json'), SECRETS.shopify);
      const tampered = await shopify(rt, 'orders/create', body, { 'x-shopify-hmac-sha256': signed });
      const wrong = await shopify(rt, 'orders/create', body, {
        'x-shopify-hmac-sha256': signShopify(body, 'not-the-secret'),
      });
      const missing = await post(rt, '/webhooks/shopify', body, { 'x-shopify-topic': 'orders/create' });
      expect([tampered.status, wrong.status, missing.status]).toEqual([401, 401, 401]);
      expect(String(missing.json.error)).toContain('X-Shopify-Hmac-Sha256');
      expect(await storedFor(rt, 'shopify:order:820982911946154599')).toEqual({
        record: undefined,
        surveys: [],
      });
    });

    it('rejects an unknown topic with 422 naming it', async () => {
      const res = await shopify(rt, 'products/update', '{"id":1}');
      expect(res.status).toBe(422);
      expect(String(res.json.error)).toContain('products/update');
    });
  });

  describe('AfterShip', () => {
    it('does not survey the customer twice when AfterShip reports the delivery Shopify already reported', async () => {
      const res = await aftership(rt, fixture('aftership/tracking-delivered.json'));
      expect(res.status).toBe(200);
      // Same order, so the same survey: its schedule follows the later report, no second survey.
      expect(res.json.outcome).toBe('rescheduled');
      const shopifyDelivery = await storedFor(rt, 'shopify:fulfillment_event:944956395');
      expect(res.json.surveyId).toBe(shopifyDelivery.surveys[0]?.surveyId);
      // This report created no survey, so its record answers its re-deliveries.
      const record = await rt.deps.events.get(String(res.json.eventId));
      expect(record).toMatchObject({ surveyable: true, surveyId: res.json.surveyId });
      const survey = await rt.deps.surveys.get(String(res.json.surveyId));
      expect(survey?.dueAt).toBe('2026-03-13T21:31:00.000Z');
      expect(survey?.decisions.some((d) => d.outcome === 'rescheduled')).toBe(true);
    });

    it('ignores tracking updates that are not Delivered', async () => {
      const res = await aftership(rt, fixture('aftership/tracking-in-transit.json'));
      expect(res.status).toBe(200);
      expect(String(res.json.ignored)).toContain('InTransit');
    });

    it('rejects a wrong secret with 401', async () => {
      const res = await aftership(rt, fixture('aftership/tracking-delivered.json'), 'wrong-secret-123');
      expect(res.status).toBe(401);
    });
  });

  describe('Zendesk', () => {
    it('turns a solved ticket from the shipped trigger body into ticket_closed', async () => {
      const res = await zendesk(rt, fixture('zendesk/ticket-solved.json'), rt.clock.now());
      expect(res.status).toBe(200);
      const survey = await surveyRecording(rt, 'zendesk:ticket:35436:solved');
      expect(survey).toMatchObject({
        eventType: 'ticket_closed',
        source: 'zendesk',
        email: 'mia.example@example.com',
        phone: '+12015550161',
        locale: 'de',
        context: { ticketId: '35436', agent: 'Alex Agent' },
      });
      expect(survey.drivers).toHaveProperty('resolution');
    });

    it('rejects a signature timestamp older than five minutes', async () => {
      const old = new Date(rt.clock.now().getTime() - 6 * 60_000);
      const res = await zendesk(rt, fixture('zendesk/ticket-solved.json'), old);
      expect(res.status).toBe(401);
      expect(String(res.json.error)).toContain('limit is 300');
    });

    it('tracks an open ticket without surveying it, and ignores statuses it does not know', async () => {
      const res = await zendesk(rt, fixture('zendesk/ticket-open.json'), rt.clock.now());
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        outcome: 'tracked',
        eventId: 'zendesk:ticket:35437:open:2026-03-10T09:00:00.000Z',
      });
      expect(res.json.surveyId).toBeUndefined();
      expect(await rt.deps.surveys.openTickets(['noa@example.com'], rt.clock.now())).toEqual([
        'zendesk:35437',
      ]);
      const deleted = fixture('zendesk/ticket-open.json').replace('"Open"', '"Deleted"');
      const ignored = await zendesk(rt, deleted, rt.clock.now());
      expect(ignored.status).toBe(200);
      expect(String(ignored.json.ignored)).toContain('Deleted');
    });
  });

  describe('generic signed endpoint', () => {
    const body = fixture('generic/ticket-closed-email.json');
    const sendGeneric = (event: unknown) => {
      const raw = JSON.stringify(event);
      return post(rt, '/webhooks/events', raw, {
        'touchpoint-signature': signGeneric(raw, SECRETS.generic, rt.clock.now()),
      });
    };
    /** A delivery report that names the order and nothing about the customer. */
    const contactlessDelivery = (eventId: string, orderId: string) => ({
      schemaVersion: 1,
      eventId,
      type: 'delivery',
      occurredAt: '2026-03-12T21:00:00Z',
      source: 'generic',
      customer: { id: 'unknown' },
      context: { orderId },
    });

    it('lends the purchase customer and the consent it reported to a delivery that names only the order', async () => {
      const purchase = {
        ...JSON.parse(fixture('generic/purchase.json')),
        eventId: 'lend-purchase-1',
        occurredAt: '2026-03-12T20:00:00Z',
        customer: {
          id: 'lend-1',
          phone: '+12015550177',
          email: 'lend@example.com',
          consent: { sms: false, email: false },
        },
        context: { orderId: 'LEND-1', orderCreatedAt: '2026-03-09T10:00:00Z' },
      };
      expect((await sendGeneric(purchase)).json).toMatchObject({ outcome: 'skipped', reason: 'no_consent' });
      const delivery = contactlessDelivery('lend-delivery-1', 'LEND-1');
      const res = await sendGeneric(delivery);
      // Without the purchase's consent the delivery would be scheduled by SMS.
      expect(res.json).toMatchObject({ outcome: 'skipped', reason: 'no_consent' });
      const survey = await surveyRecording(rt, 'lend-delivery-1');
      expect(survey).toMatchObject({
        surveyId: res.json.surveyId,
        customerId: 'lend-1',
        phone: '+12015550177',
        email: 'lend@example.com',
        consent: { sms: false, email: false },
        drivers: { delivery_time: '2to4d' },
      });
      // A re-delivery finds the survey that names it: a duplicate, nothing new stored.
      const again = await sendGeneric(delivery);
      expect(again.json).toMatchObject({
        duplicate: true,
        outcome: 'duplicate',
        surveyId: res.json.surveyId,
      });
      expect(await surveyRecording(rt, 'lend-delivery-1')).toEqual(survey);
    });

    it('still lends the customer from a purchase event record of an earlier version', async () => {
      // Before 0.2 a surveyed purchase was also kept as an event record, keyed source:order:id.
      const purchase = JSON.parse(fixture('generic/purchase.json'));
      await rt.deps.events.put({
        eventId: 'generic:order:LEGACY-1',
        receivedAt: '2026-03-12T20:00:00.000Z',
        event: {
          ...purchase,
          eventId: 'generic:order:LEGACY-1',
          customer: { id: 'legacy-1', phone: '+12015550178', consent: { sms: false } },
          context: { orderId: 'LEGACY-1', orderCreatedAt: '2026-03-12T08:00:00Z' },
        },
        surveyable: true,
      });
      const res = await sendGeneric(contactlessDelivery('legacy-delivery-1', 'LEGACY-1'));
      expect(res.json).toMatchObject({ outcome: 'skipped', reason: 'no_consent' });
      expect(await surveyRecording(rt, 'legacy-delivery-1')).toMatchObject({
        customerId: 'legacy-1',
        phone: '+12015550178',
        drivers: { delivery_time: 'lt2d' },
      });
    });

    it('accepts the previous secret during rotation', async () => {
      const rotated = await startTestRuntime({
        env: {
          TOUCHPOINT_WEBHOOK_SECRET: 'new-generic-secret-2026',
          TOUCHPOINT_WEBHOOK_SECRET_PREVIOUS: SECRETS.generic,
        },
      });
      try {
        const res = await post(rotated, '/webhooks/events', body, {
          'touchpoint-signature': signGeneric(body, SECRETS.generic, rotated.clock.now()),
        });
        expect(res.status).toBe(200);
        const next = await post(rotated, '/webhooks/events', body, {
          'touchpoint-signature': signGeneric(body, 'new-generic-secret-2026', rotated.clock.now()),
        });
        expect(next.json.duplicate).toBe(true);
      } finally {
        await rotated.stop();
      }
    });

    it('gives clear 4xx errors for bad input and stores nothing', async () => {
      const sign = (b: string) => ({
        'touchpoint-signature': signGeneric(b, SECRETS.generic, rt.clock.now()),
      });
      const malformed = await post(rt, '/webhooks/events', '{"eventId":', sign('{"eventId":'));
      expect(malformed.status).toBe(400);
      expect(String(malformed.json.error)).toContain('malformed JSON');

      const wrongType = await fetch(`${rt.url}/webhooks/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...sign(body) },
        body,
      });
      expect(wrongType.status).toBe(415);

      const huge = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
      const tooBig = await post(rt, '/webhooks/events', huge, sign(huge));
      expect(tooBig.status).toBe(413);

      const badPhone = JSON.stringify({
        ...JSON.parse(body),
        eventId: 'bad-phone-1',
        customer: { id: 'x', phone: '555-0100' },
      });
      const invalid = await post(rt, '/webhooks/events', badPhone, sign(badPhone));
      expect(invalid.status).toBe(422);
      expect(String(invalid.json.error)).toContain('customer.phone');
      expect(await storedFor(rt, 'bad-phone-1')).toEqual({ record: undefined, surveys: [] });
    });

    it('stores an event without any contact as not surveyable, with the reason', async () => {
      const noContact = JSON.stringify({
        ...JSON.parse(body),
        eventId: 'no-contact-1',
        customer: { id: 'anon-1' },
      });
      const res = await post(rt, '/webhooks/events', noContact, {
        'touchpoint-signature': signGeneric(noContact, SECRETS.generic, rt.clock.now()),
      });
      expect(res.status).toBe(200);
      expect(res.json.outcome).toBe('skipped');
      expect(await storedFor(rt, 'no-contact-1')).toEqual({
        record: undefined,
        surveys: [expect.objectContaining({ status: 'skipped', skipReason: 'no_contact' })],
      });
    });
  });
});
