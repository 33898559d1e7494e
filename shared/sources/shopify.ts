import * as z from 'zod';
import { CanonicalEvent } from '../../events/canonical/schema.ts';
import { assertEventTime } from '../domain/event-time.ts';
import { SignatureError, ValidationError } from '../errors.ts';
import { describeIssues } from '../http/validation.ts';
import { normalizeContact } from './contact.ts';
import { parseJson } from './generic.ts';
import { decodeBase64, hmac, matchesAny } from './signature.ts';
import type { SourceAdapter, WebhookRequest } from './types.ts';

/**
 * Shopify webhooks: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256 of the raw body with the app's
 * secret; `X-Shopify-Topic` names the event; `X-Shopify-Webhook-Id` identifies the delivery.
 * `orders/create` -> purchase; `fulfillment_events/create` with status `delivered` -> delivery.
 * Only what Touchpoint needs is kept: no card data, no street addresses.
 */
const Address = z.looseObject({
  phone: z.string().nullish(),
  country_code: z.string().nullish(),
  province_code: z.string().nullish(),
});

const Order = z.looseObject({
  id: z.union([z.number(), z.string()]),
  name: z.string().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  phone: z.string().nullish(),
  created_at: z.string(),
  total_price: z.union([z.string(), z.number()]).nullish(),
  currency: z.string().nullish(),
  customer_locale: z.string().nullish(),
  source_name: z.string().nullish(),
  customer: z
    .looseObject({
      id: z.union([z.number(), z.string()]),
      email: z.string().nullish(),
      phone: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      default_address: Address.nullish(),
    })
    .nullish(),
  billing_address: Address.nullish(),
  shipping_address: Address.nullish(),
});

const FulfillmentEvent = z.looseObject({
  id: z.union([z.number(), z.string()]),
  order_id: z.union([z.number(), z.string()]),
  fulfillment_id: z.union([z.number(), z.string()]).nullish(),
  status: z.string(),
  happened_at: z.string().nullish(),
  created_at: z.string().nullish(),
  estimated_delivery_at: z.string().nullish(),
  country: z.string().nullish(),
  province: z.string().nullish(),
});

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(describeIssues(result.error), 422);
  return result.data;
}

function iso(value: string | null | undefined, field: string): string {
  const t = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) throw new ValidationError(`${field}: must be a date-time`, 422);
  return new Date(t).toISOString();
}

export function signShopify(body: string, secret: string): string {
  return hmac(secret, body).toString('base64');
}

function canonical(candidate: unknown) {
  const result = CanonicalEvent.safeParse(candidate);
  if (!result.success) throw new ValidationError(describeIssues(result.error), 422);
  return result.data;
}

function normalizeOrder(order: z.infer<typeof Order>, now: Date) {
  const createdAt = iso(order.created_at, 'created_at');
  assertEventTime(createdAt, now, 'created_at');
  const address = order.shipping_address ?? order.billing_address ?? order.customer?.default_address;
  const contact = normalizeContact({
    phones: [order.phone, order.customer?.phone, order.shipping_address?.phone, order.billing_address?.phone],
    emails: [order.email, order.contact_email, order.customer?.email],
    ...(address?.country_code && { country: address.country_code }),
    ...(address?.province_code && { region: address.province_code }),
  });
  const name = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(' ');
  const amount =
    order.total_price === null || order.total_price === undefined ? undefined : Number(order.total_price);
  return canonical({
    eventId: `shopify:order:${order.id}`,
    type: 'purchase',
    occurredAt: createdAt,
    source: 'shopify',
    customer: {
      id: order.customer ? `shopify:${order.customer.id}` : `shopify-order:${order.id}`,
      ...(name && { name }),
      ...(contact.phone && { phone: contact.phone }),
      ...(contact.email && { email: contact.email }),
      ...(order.customer_locale && { locale: order.customer_locale }),
      ...(contact.timeZone && { timeZone: contact.timeZone }),
      ...(contact.timeZoneInferred && { timeZoneInferred: true }),
    },
    context: {
      orderId: String(order.id),
      ...(amount !== undefined && Number.isFinite(amount) && { amount }),
      ...(order.currency && { currency: order.currency }),
      ...(order.source_name && { channel: order.source_name }),
      orderCreatedAt: createdAt,
    },
  });
}

/**
 * Shopify ids can exceed JavaScript's safe integers: read them as strings before JSON.parse
 * rounds them (820982911946154508 would become ...500).
 */
export function protectLargeIds(raw: string): string {
  return raw.replace(
    /"(id|order_id|fulfillment_id|customer_id|shop_id)"(\s*):(\s*)(\d{16,})/g,
    '"$1"$2:$3"$4"',
  );
}

export const shopifyAdapter: SourceAdapter = {
  source: 'shopify',
  verify(req: WebhookRequest, secrets) {
    const header = req.headers['x-shopify-hmac-sha256'];
    if (!header) throw new SignatureError('missing X-Shopify-Hmac-Sha256 header');
    if (!matchesAny(secrets, req.rawBody, decodeBase64(header, 'X-Shopify-Hmac-Sha256'))) {
      throw new SignatureError('X-Shopify-Hmac-Sha256 does not match the body');
    }
  },
  normalize(req, now) {
    const topic = req.headers['x-shopify-topic'];
    if (!topic) throw new ValidationError('missing X-Shopify-Topic header', 400);
    const body = parseJson({ ...req, rawBody: protectLargeIds(req.rawBody) });
    if (topic === 'orders/create') return { kind: 'event', event: normalizeOrder(parse(Order, body), now) };
    if (topic === 'fulfillment_events/create') {
      const e = parse(FulfillmentEvent, body);
      if (e.status !== 'delivered')
        return { kind: 'ignored', reason: `fulfillment status ${e.status} is not a delivery` };
      const field = e.happened_at ? 'happened_at' : 'created_at';
      const at = iso(e.happened_at ?? e.created_at, field);
      assertEventTime(at, now, field);
      // The fulfillment event carries no customer: Touchpoint joins it to the stored order.
      return {
        kind: 'event',
        event: canonical({
          eventId: `shopify:fulfillment_event:${e.id}`,
          type: 'delivery',
          occurredAt: at,
          source: 'shopify',
          customer: { id: `shopify-order:${e.order_id}` },
          context: {
            orderId: String(e.order_id),
            ...(e.estimated_delivery_at && {
              promisedDeliveryAt: iso(e.estimated_delivery_at, 'estimated_delivery_at'),
            }),
          },
        }),
      };
    }
    throw new ValidationError(
      `X-Shopify-Topic: unsupported topic "${topic}"; subscribe orders/create and fulfillment_events/create`,
      422,
    );
  },
};
