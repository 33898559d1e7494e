/**
 * Ports: what the use cases need from the outside world. Adapters in `shared/adapters/`
 * implement them for AWS (DynamoDB, Twilio, SES, SNS) and for the local sandbox.
 */
import type { Channel } from '../domain/model.ts';

export interface Clock {
  now(): Date;
}

/** Outbound message common fields. `idempotencyKey` is unique per survey attempt. */
interface OutboundBase {
  to: string;
  surveyId: string;
  idempotencyKey: string;
}

export interface OutboundSms extends OutboundBase {
  from: string;
  body: string;
  statusCallbackUrl?: string;
}

export interface OutboundEmail extends OutboundBase {
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  configurationSet?: string;
}

export interface OutboundCall extends OutboundBase {
  from: string;
  twimlUrl: string;
  statusCallbackUrl: string;
}

export interface SendReceipt {
  providerMessageId: string;
}

/**
 * A channel provider. `send` throws `ChannelError` (permanent or not). `wasSent` answers, after a
 * crash between "provider accepted" and "we recorded it", whether the attempt went out; adapters
 * that cannot know return `'unknown'` and the dispatcher then errs on the side of not re-sending.
 */
export interface ChannelSender<M> {
  readonly channel: Channel;
  readonly provider: string;
  send(message: M): Promise<SendReceipt>;
  wasSent(message: M, since: Date): Promise<boolean | 'unknown'>;
}

export type SmsSender = ChannelSender<OutboundSms>;

/**
 * What the SMS provider knows of an inbound message. Apart from the senders: the function that
 * receives messages sends none, and it asks the provider that delivered the message, whichever
 * provider sends the surveys.
 */
export interface InboundMessages {
  /**
   * When the provider received an inbound message (Twilio keeps it under its MessageSid), so
   * keywords apply in the order the customer sent them; undefined when the provider cannot say.
   */
  receivedAt(messageId: string): Promise<Date | undefined>;
}

/** For providers that keep no inbound history: the arrival time is all there is. */
export const unknownInboundTimes: InboundMessages = { receivedAt: async () => undefined };
export type EmailSender = ChannelSender<OutboundEmail>;
export type VoiceCaller = ChannelSender<OutboundCall>;

/** A closed-loop alert (detractor or negative comment) for the team that calls customers back. */
export interface Alert {
  /** `<answeredAt>#<surveyId>#<kind>`: unique per alert, stable across re-publishes, sorts by time. */
  alertId: string;
  kind: 'detractor' | 'negative_comment';
  surveyId: string;
  touchpoint: string;
  metric: string;
  score: number | null;
  comment?: string;
  channel: Channel;
  customer: { id: string; name?: string; phone?: string; email?: string };
  orderId?: string;
  ticketId?: string;
  answeredAt: string;
}

/** The fields of an alert that name or describe the customer: published only with `alertDetail: "full"`. */
export const PERSONAL_ALERT_FIELDS = ['customer', 'comment', 'orderId', 'ticketId'] as const;

/**
 * What leaves Touchpoint about an alert (an SNS message cannot be recalled or erased): by default
 * the alert without its personal fields plus a link to the dashboard, where the team sees the rest.
 */
export type AlertMessage = Omit<Alert, (typeof PERSONAL_ALERT_FIELDS)[number]> &
  Partial<Pick<Alert, (typeof PERSONAL_ALERT_FIELDS)[number]>> & {
    detail: 'minimal' | 'full';
    /** The dashboard's alert list, when the public URL is known. */
    link?: string;
  };

export interface AlertPublisher {
  publish(message: AlertMessage): Promise<void>;
}
