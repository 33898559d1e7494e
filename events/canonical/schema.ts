import * as z from 'zod';
import { CHANNELS, EVENT_TYPES, TRACKING_EVENT_TYPES } from '../../shared/domain/model.ts';

/**
 * The canonical event (schema version 1): what every source adapter (Shopify, Zendesk,
 * AfterShip, the generic signed endpoint, EventBridge) normalizes to.
 */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +12015550123');

/** An email address as Touchpoint accepts it anywhere (events, admin test sends). */
export const EmailAddress = z.email().max(254);

/** Names of user-defined touchpoints fed by the generic endpoint. */
export const TouchpointName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,39}$/,
    'must be 2-40 lowercase letters, digits or underscores, starting with a letter',
  );

export const ConsentFlags = z
  .object({
    sms: z.boolean().optional(),
    email: z.boolean().optional(),
    voice: z.boolean().optional(),
  })
  .strict();

export const CanonicalCustomer = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    email: EmailAddress.optional(),
    phone: E164.optional(),
    /** BCP 47 tag such as `de-AT`; the language part picks the message templates. */
    locale: z.string().max(35).optional(),
    /** IANA time zone such as `Europe/Berlin`. */
    timeZone: z.string().max(64).optional(),
    /** True when `timeZone` was inferred from the address or phone country, not given. */
    timeZoneInferred: z.boolean().optional(),
    /** Consent the source knows of; false blocks that channel. Missing means "not known". */
    consent: ConsentFlags.optional(),
  })
  .strict();

export const CanonicalContext = z
  .object({
    orderId: z.string().max(200).optional(),
    ticketId: z.string().max(200).optional(),
    agent: z.string().max(200).optional(),
    trackingNumber: z.string().max(200).optional(),
    amount: z.number().nonnegative().optional(),
    currency: z.string().length(3).optional(),
    /** Sales or support channel the interaction happened in (web, pos, phone, chat...). */
    channel: z.string().max(50).optional(),
    /** Ticket creation time, for resolution-time drivers. */
    ticketCreatedAt: z.iso.datetime({ offset: true }).optional(),
    /** Replies on the ticket when the source gives it. */
    ticketReplies: z.number().int().nonnegative().optional(),
    /** Order placement time, for delivery-time drivers. */
    orderCreatedAt: z.iso.datetime({ offset: true }).optional(),
    /** Promised delivery date/time, for lateness drivers. */
    promisedDeliveryAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const CanonicalEvent = z
  .object({
    schemaVersion: z.literal(1).default(1),
    eventId: z.string().min(1).max(200),
    type: z.enum([...EVENT_TYPES, ...TRACKING_EVENT_TYPES]),
    /** A user-defined touchpoint this event feeds instead of the one named by `type`. */
    touchpoint: TouchpointName.optional(),
    occurredAt: z.iso.datetime({ offset: true }),
    source: z.string().min(1).max(50),
    customer: CanonicalCustomer,
    context: CanonicalContext.default({}),
    preferredChannel: z.enum(CHANNELS).optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    // A ticket report without its ticket would be accepted and change nothing: say so instead.
    if (event.type === 'ticket_opened' && !event.context.ticketId) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', 'ticketId'],
        message: 'is required for a ticket_opened event',
      });
    }
  });

export type CanonicalEvent = z.infer<typeof CanonicalEvent>;
export type CanonicalEventInput = z.input<typeof CanonicalEvent>;
export type CanonicalCustomer = z.infer<typeof CanonicalCustomer>;
