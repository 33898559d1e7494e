import * as z from 'zod';
import { CanonicalEvent } from '../../events/canonical/schema.ts';
import { assertEventTime } from '../domain/event-time.ts';
import { SignatureError, ValidationError } from '../errors.ts';
import { describeIssues } from '../http/validation.ts';
import { normalizeContact } from './contact.ts';
import { parseJson } from './generic.ts';
import { assertFresh, decodeBase64, hmac, matchesAny } from './signature.ts';
import type { SourceAdapter } from './types.ts';

/**
 * Zendesk webhooks fired by a trigger on ticket updates: a solved or closed ticket becomes a
 * `ticket_closed` event (surveyed), any working status a `ticket_opened` event (tracked, so a survey
 * about another ticket of the same customer can wait). `X-Zendesk-Webhook-Signature` =
 * base64 HMAC-SHA256 of timestamp + body, timestamp in `X-Zendesk-Webhook-Signature-Timestamp`,
 * 5-minute tolerance. The JSON body is the trigger's template: docs/zendesk-trigger-body.json.
 */
const Body = z.looseObject({
  ticket: z.looseObject({
    id: z.union([z.string(), z.number()]).transform(String),
    status: z.string(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
    assignee: z.string().optional(),
    via: z.string().optional(),
    replies: z.union([z.string(), z.number()]).optional(),
  }),
  requester: z.looseObject({
    id: z.union([z.string(), z.number()]).transform(String),
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    locale: z.string().optional(),
    time_zone: z.string().optional(),
  }),
});

/** Zendesk's working statuses (`new`, `open`, `pending`, `hold`): the ticket is not done. */
const OPEN_STATUSES: ReadonlySet<string> = new Set(['new', 'open', 'pending', 'hold', 'on-hold']);

/** Zendesk renders `{{ticket.requester.language}}` as a language name; map the shipped ones. */
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  deutsch: 'de',
  german: 'de',
  français: 'fr',
  french: 'fr',
  español: 'es',
  spanish: 'es',
  nederlands: 'nl',
  dutch: 'nl',
  magyar: 'hu',
  hungarian: 'hu',
  eesti: 'et',
  estonian: 'et',
  русский: 'ru',
  russian: 'ru',
};

function parseZendeskTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/, '$1T$2Z'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function signZendesk(body: string, secret: string, timestamp: string): string {
  return hmac(secret, `${timestamp}${body}`).toString('base64');
}

export const zendeskAdapter: SourceAdapter = {
  source: 'zendesk',
  verify(req, secrets, now) {
    const signature = req.headers['x-zendesk-webhook-signature'];
    const timestamp = req.headers['x-zendesk-webhook-signature-timestamp'];
    if (!signature || !timestamp)
      throw new SignatureError(
        'missing X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp header',
      );
    const t = Date.parse(timestamp);
    assertFresh(Number.isNaN(t) ? Number.NaN : t / 1000, now, 'X-Zendesk-Webhook-Signature-Timestamp');
    if (
      !matchesAny(
        secrets,
        `${timestamp}${req.rawBody}`,
        decodeBase64(signature, 'X-Zendesk-Webhook-Signature'),
      )
    ) {
      throw new SignatureError('X-Zendesk-Webhook-Signature does not match the body');
    }
  },
  normalize(req, now) {
    const parsed = Body.safeParse(parseJson(req));
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error), 422);
    const { ticket, requester } = parsed.data;
    const status = ticket.status.trim().toLowerCase();
    const closed = status === 'solved' || status === 'closed';
    // Any working status means the ticket is open: tracked so a survey about another ticket can wait.
    if (!closed && !OPEN_STATUSES.has(status))
      return { kind: 'ignored', reason: `ticket status ${ticket.status} is neither open nor solved` };
    const contact = normalizeContact({
      phones: [requester.phone],
      emails: [requester.email],
      ...(requester.time_zone && { timeZone: requester.time_zone }),
    });
    const lang = requester.locale
      ? (LANGUAGE_NAMES[requester.locale.trim().toLowerCase()] ?? requester.locale)
      : undefined;
    const replies = ticket.replies === undefined ? undefined : Number(ticket.replies);
    const updatedAt = parseZendeskTime(ticket.updated_at);
    if (updatedAt) assertEventTime(updatedAt, now, 'ticket.updated_at');
    const candidate = {
      // A solved ticket is surveyed once (the survey id comes from the ticket); each open report is
      // its own event, so a reopen after a solve is tracked.
      eventId: closed
        ? `zendesk:ticket:${ticket.id}:solved`
        : `zendesk:ticket:${ticket.id}:${status}:${updatedAt ?? now.toISOString()}`,
      type: closed ? 'ticket_closed' : 'ticket_opened',
      occurredAt: updatedAt ?? now.toISOString(),
      source: 'zendesk',
      customer: {
        id: `zendesk:${requester.id}`,
        ...(requester.name && { name: requester.name }),
        ...(contact.phone && { phone: contact.phone }),
        ...(contact.email && { email: contact.email }),
        ...(lang && /^[a-z]{2}(-[A-Za-z]{2})?$/.test(lang) && { locale: lang }),
        ...(contact.timeZone && { timeZone: contact.timeZone }),
        ...(contact.timeZoneInferred && { timeZoneInferred: true }),
      },
      context: {
        ticketId: ticket.id,
        ...(ticket.assignee && { agent: ticket.assignee }),
        ...(parseZendeskTime(ticket.created_at) && { ticketCreatedAt: parseZendeskTime(ticket.created_at) }),
        ...(replies !== undefined && Number.isInteger(replies) && replies >= 0 && { ticketReplies: replies }),
        ...(ticket.via && { channel: ticket.via.toLowerCase().slice(0, 50) }),
      },
    };
    const result = CanonicalEvent.safeParse(candidate);
    if (!result.success) throw new ValidationError(describeIssues(result.error), 422);
    return { kind: 'event', event: result.data };
  },
};
