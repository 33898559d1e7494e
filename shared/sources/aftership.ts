import * as z from 'zod';
import { CanonicalEvent } from '../../events/canonical/schema.ts';
import { assertEventTime } from '../domain/event-time.ts';
import { SignatureError, ValidationError } from '../errors.ts';
import { describeIssues } from '../http/validation.ts';
import { normalizeContact } from './contact.ts';
import { parseJson } from './generic.ts';
import { decodeBase64, hmac, matchesAny } from './signature.ts';
import { alpha2 } from './time-zones.ts';
import type { SourceAdapter } from './types.ts';

/**
 * AfterShip tracking webhooks: `aftership-hmac-sha256` = base64 HMAC-SHA256 of the body with the
 * webhook secret. A tracking update whose `msg.tag` is `Delivered` is a delivery; other tags are
 * acknowledged and ignored.
 */
const Body = z.looseObject({
  event: z.string().optional(),
  ts: z.number().optional(),
  msg: z.looseObject({
    id: z.string().optional(),
    tracking_number: z.string().min(1),
    slug: z.string().optional(),
    tag: z.string(),
    emails: z.array(z.string()).nullish(),
    smses: z.array(z.string()).nullish(),
    order_id: z.union([z.string(), z.number()]).nullish(),
    order_number: z.string().nullish(),
    customer_name: z.string().nullish(),
    destination_country_iso3: z.string().nullish(),
    destination_state: z.string().nullish(),
    language: z.string().nullish(),
    expected_delivery: z.string().nullish(),
    order_promised_delivery_date: z.string().nullish(),
    shipment_delivery_date: z.string().nullish(),
    order_date: z.string().nullish(),
    updated_at: z.string().nullish(),
  }),
});

export function signAftership(body: string, secret: string): string {
  return hmac(secret, body).toString('base64');
}

function isoOrUndefined(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export const aftershipAdapter: SourceAdapter = {
  source: 'aftership',
  verify(req, secrets) {
    const header = req.headers['aftership-hmac-sha256'];
    if (!header) throw new SignatureError('missing aftership-hmac-sha256 header');
    if (!matchesAny(secrets, req.rawBody, decodeBase64(header, 'aftership-hmac-sha256'))) {
      throw new SignatureError('aftership-hmac-sha256 does not match the body');
    }
  },
  normalize(req, now) {
    const parsed = Body.safeParse(parseJson(req));
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error), 422);
    const { msg } = parsed.data;
    if (msg.tag !== 'Delivered')
      return { kind: 'ignored', reason: `tracking tag ${msg.tag} is not Delivered` };
    const country = alpha2(msg.destination_country_iso3 ?? undefined);
    const contact = normalizeContact({
      phones: msg.smses ?? [],
      emails: msg.emails ?? [],
      ...(country && { country }),
      ...(msg.destination_state && { region: msg.destination_state }),
    });
    const orderId = msg.order_id ?? msg.order_number;
    const promised =
      isoOrUndefined(msg.order_promised_delivery_date) ?? isoOrUndefined(msg.expected_delivery);
    const deliveredAt = isoOrUndefined(msg.shipment_delivery_date);
    const occurredAt = deliveredAt ?? isoOrUndefined(msg.updated_at) ?? now.toISOString();
    assertEventTime(occurredAt, now, deliveredAt ? 'msg.shipment_delivery_date' : 'msg.updated_at');
    const candidate = {
      eventId: `aftership:${msg.id ?? msg.tracking_number}:delivered`,
      type: 'delivery',
      occurredAt,
      source: 'aftership',
      customer: {
        id: contact.email ?? contact.phone ?? `aftership:${msg.tracking_number}`,
        ...(msg.customer_name && { name: msg.customer_name }),
        ...(contact.phone && { phone: contact.phone }),
        ...(contact.email && { email: contact.email }),
        ...(msg.language && { locale: msg.language }),
        ...(contact.timeZone && { timeZone: contact.timeZone }),
        ...(contact.timeZoneInferred && { timeZoneInferred: true }),
      },
      context: {
        trackingNumber: msg.tracking_number,
        ...(orderId !== null && orderId !== undefined && { orderId: String(orderId) }),
        ...(isoOrUndefined(msg.order_date) && { orderCreatedAt: isoOrUndefined(msg.order_date) }),
        ...(promised && { promisedDeliveryAt: promised }),
      },
    };
    const result = CanonicalEvent.safeParse(candidate);
    if (!result.success) throw new ValidationError(describeIssues(result.error), 422);
    return { kind: 'event', event: result.data };
  },
};
