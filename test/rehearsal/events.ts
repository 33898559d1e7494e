import { randomUUID } from 'node:crypto';
import { ACCOUNT, REGION } from './template.ts';

/** The rehearsal's fictional customers (555-01xx numbers, example.com). */
export const SMS_CUSTOMER = '+12015550142';
export const VOICE_CUSTOMER = '+12015550143';
export const TEST_PHONE = '+12015550144';
export const PROVIDER_OPTED_OUT = '+12015550145';
export const EMAIL_CUSTOMER = 'ada@example.com';
export const TEST_EMAIL = 'grace@example.com';
export const LEGACY_PHONE = '+12015550146';

/** Records one expectation of the rehearsal. */
export type Check = (name: string, ok: boolean, detail?: unknown) => void;

/** The events the bundles' triggers deliver, shaped as AWS delivers them. */

/** An SNS notification (`Records[].Sns`) carrying `message` from `topicArn`. */
export function snsEvent(topicArn: string, message: unknown, now: Date) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Message: JSON.stringify(message),
          Timestamp: now.toISOString(),
        },
      },
    ],
  };
}

/** An EventBridge event: the schedule's (`detail` empty) or one from the bus. */
export function eventBridgeEvent(source: string, detailType: string, detail: unknown, now: Date) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: ACCOUNT,
    time: now.toISOString(),
    region: REGION,
    resources: [],
    detail,
  };
}

/** A canonical event (events/canonical/schema.ts) of a fictional customer. */
export function canonicalEvent(
  id: string,
  now: Date,
  customer: { id: string } & Record<string, unknown>,
  options: { type?: string; preferredChannel?: string; context?: Record<string, unknown> } = {},
) {
  return {
    eventId: `rehearsal-${id}`,
    type: options.type ?? 'purchase',
    occurredAt: now.toISOString(),
    customer: { locale: 'en-US', timeZone: 'America/New_York', name: 'Sam Example', ...customer },
    context: options.context ?? {
      orderId: `O-${id}`,
      amount: 42.5,
      currency: 'USD',
      orderCreatedAt: now.toISOString(),
    },
    ...(options.preferredChannel && { preferredChannel: options.preferredChannel }),
  };
}

export type Ingest = (event: ReturnType<typeof canonicalEvent>) => Promise<Record<string, unknown>>;

/**
 * The ingest paths besides a plain new survey, through one ingest function: a customer's tickets
 * opened (tracked, event records) and one closed while another is open (open-ticket lookup), and an
 * order's delivery reported twice (the survey follows the later report; a record answers re-deliveries).
 */
export async function ingestPaths(
  ingest: Ingest,
  check: Check,
  label: string,
  now: Date,
  customer: { id: string; phone: string },
): Promise<number> {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const ticket = (type: string, ticketId: string, minutes: number) =>
    canonicalEvent(`${type}-${ticketId}-${randomUUID()}`, at(minutes), customer, {
      type,
      context: { ticketId, ticketCreatedAt: now.toISOString(), agent: 'Alex' },
    });
  const t1 = `T-${randomUUID().slice(0, 8)}`;
  const t2 = `T-${randomUUID().slice(0, 8)}`;
  const opened = await ingest(ticket('ticket_opened', t1, 0));
  await ingest(ticket('ticket_opened', t2, 1));
  const closed = await ingest(ticket('ticket_closed', t1, 2));
  check(
    `${label}: tickets opened are tracked, a closed one is decided`,
    opened.outcome === 'tracked' && typeof closed.outcome === 'string',
    { opened, closed },
  );
  const order = `O-${randomUUID().slice(0, 8)}`;
  const receiver = { id: `${customer.id}-delivery`, email: `${customer.id}@example.com` };
  const delivery = (minutes: number) =>
    canonicalEvent(`delivery-${randomUUID()}`, at(minutes), receiver, {
      type: 'delivery',
      context: { orderId: order },
    });
  const first = await ingest(delivery(0));
  const later = await ingest(delivery(30));
  check(
    `${label}: a later delivery report moves the scheduled survey`,
    first.outcome === 'scheduled' && later.outcome === 'rescheduled',
    { first, later },
  );
  return Math.max(...[closed, later].map((r) => (typeof r.dueAt === 'string' ? Date.parse(r.dueAt) : 0)));
}
