import type { CanonicalEvent } from '../../events/canonical/schema.ts';
import { aftershipAdapter } from './aftership.ts';
import { genericAdapter } from './generic.ts';
import { shopifyAdapter } from './shopify.ts';
import type { SourceAdapter } from './types.ts';
import { zendeskAdapter } from './zendesk.ts';

export { signAftership } from './aftership.ts';
export { signGeneric } from './generic.ts';
export { signShopify } from './shopify.ts';
export type { NormalizeResult, SourceAdapter, WebhookRequest } from './types.ts';
export { signZendesk } from './zendesk.ts';

export const SOURCE_ADAPTERS: Record<'shopify' | 'zendesk' | 'aftership' | 'generic', SourceAdapter> = {
  generic: genericAdapter,
  shopify: shopifyAdapter,
  zendesk: zendeskAdapter,
  aftership: aftershipAdapter,
};

/** Normalizes an order id across sources: Shopify names ("#1001") and ids ("1001") match. */
export function normalizeOrderId(orderId: string): string {
  return orderId.trim().replace(/^#/, '').toLowerCase();
}

/**
 * Keys that identify the real-world fact an event reports, so two sources (or two deliveries)
 * of the same fact collapse: a delivery is about its order (else its tracking number).
 */
export function dedupeKeys(event: CanonicalEvent): string[] {
  const { context } = event;
  if (event.type === 'delivery') {
    if (context.orderId) return [`delivery:order:${normalizeOrderId(context.orderId)}`];
    if (context.trackingNumber) return [`delivery:tracking:${context.trackingNumber.trim().toUpperCase()}`];
  }
  if (event.type === 'ticket_closed' && context.ticketId)
    return [`ticket_closed:${event.source}:ticket:${context.ticketId}`];
  if (event.type === 'purchase' && context.orderId)
    return [`purchase:${event.source}:order:${normalizeOrderId(context.orderId)}`];
  return [];
}
