import type {
  Attempt,
  Channel,
  ConversationState,
  Decision,
  Language,
  MetricDefinition,
  SurveyStatus,
} from './model.ts';

/** One survey: the question one customer is asked about one touchpoint, and where it stands. */
export interface Survey {
  surveyId: string;
  touchpoint: string;
  metric: MetricDefinition;
  eventId: string;
  eventType: string;
  source: string;
  customerId: string;
  customerName?: string;
  phone?: string;
  email?: string;
  locale?: string;
  language: Language;
  timeZone?: string;
  status: SurveyStatus;
  createdAt: string;
  dueAt: string;
  expiresAt: string;
  channelPlan: Channel[];
  channel?: Channel;
  attempts: Attempt[];
  decisions: Decision[];
  followUp: boolean;
  conversation?: ConversationState;
  /** Provider ids of inbound replies already applied, so a retried webhook has one effect. */
  inboundIds?: string[];
  /** Our sending number, so replies are routed by the (customer, our number) pair. */
  fromNumber?: string;
  /** When the dispatcher claimed the survey for sending (crash recovery looks from here). */
  claimedAt?: string;
  /** When the one reminder for non-responders went out. */
  reminderSentAt?: string;
  /** When the provider confirmed delivery (counts towards response rates). */
  deliveredAt?: string;
  sentAt?: string;
  answeredAt?: string;
  skipReason?: string;
  /** Number of times the send failed transiently; drives backoff. */
  retries?: number;
  context: {
    orderId?: string;
    ticketId?: string;
    agent?: string;
    trackingNumber?: string;
    /** When the order was placed (purchase surveys), for later events of the order that lack it. */
    orderCreatedAt?: string;
  };
  /** Consent the source reported with the event, lent to later events of the same order. */
  consent?: { sms?: boolean; email?: boolean; voice?: boolean };
  drivers?: Record<string, string>;
  /** A test survey sent by an admin (`touchpoint send-test`): never counted in the scores. */
  test?: boolean;
}

/** A customer's answer to one survey (one per survey; changing one's mind overwrites it). */
export interface SurveyResponse {
  surveyId: string;
  touchpoint: string;
  metric: MetricDefinition;
  score: number | null;
  comment?: string;
  channel: Channel;
  customerId: string;
  answeredAt: string;
  drivers?: Record<string, string>;
  /** Set when the customer's data was erased: the stream consumer subtracts the old answer. */
  erased?: boolean;
  /** Answer to an admin's test survey: never counted in the scores. */
  test?: boolean;
}

export const OPEN_STATUSES: readonly SurveyStatus[] = ['sent'];

/** A survey can still take an answer: sent, not expired. */
export function isOpen(survey: Pick<Survey, 'status' | 'expiresAt'>, now: Date): boolean {
  return (
    (survey.status === 'sent' || survey.status === 'answered') && Date.parse(survey.expiresAt) > now.getTime()
  );
}
