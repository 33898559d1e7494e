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
  /** When the survey was last sent, and on which channel (a fallback sends it again elsewhere). */
  sentAt?: string;
  sentChannel?: Channel;
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
  /** Entries dropped from the middle of `decisions` / `attempts` to keep them bounded. */
  decisionsDropped?: number;
  attemptsDropped?: number;
  /** Ticks in a row whose processing of this survey failed with an unexpected error. */
  dispatchErrors?: number;
  /**
   * Set aside by the dispatcher after `MAX_DISPATCH_ERRORS` failures: out of the due index, listed
   * by `GET /api/surveys/parked` until an admin requeues it. `status` is the status it was left in.
   */
  parked?: { at: string; reason: string; status: SurveyStatus };
  /** When the customer's data was erased (the survey then counts nowhere in the scores). */
  erasedAt?: string;
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

/**
 * How many decisions and attempts a survey keeps. Without a bound a survey deferred every hour for
 * its whole life (a ticket survey waiting on another ticket, 90 days) would grow towards
 * DynamoDB's 400 KB item limit, after which no write to it succeeds.
 */
export const HISTORY_LIMITS = { decisions: 50, attempts: 30 } as const;
/** The first entries say why the survey was planned as it was: always kept. */
const KEEP_FIRST = 10;
/** Longest `detail` of a decision and `error` of an attempt that is stored. */
export const MAX_HISTORY_TEXT = 300;

/** The list within `limit`: its first entries and its newest, and how many were dropped between. */
export function boundHistory<T>(list: readonly T[], limit: number): { kept: T[]; dropped: number } {
  if (list.length <= limit) return { kept: [...list], dropped: 0 };
  const first = Math.min(KEEP_FIRST, limit - 1);
  return {
    kept: [...list.slice(0, first), ...list.slice(list.length - (limit - first))],
    dropped: list.length - limit,
  };
}

const clip = (text: string) =>
  text.length > MAX_HISTORY_TEXT ? `${text.slice(0, MAX_HISTORY_TEXT - 1)}…` : text;

/** A decision as stored: its detail clipped to `MAX_HISTORY_TEXT` characters. */
export function boundDecision(decision: Decision): Decision {
  return decision.detail === undefined ? decision : { ...decision, detail: clip(decision.detail) };
}

/** An attempt as stored: its error clipped to `MAX_HISTORY_TEXT` characters. */
export function boundAttempt(attempt: Attempt): Attempt {
  return attempt.error === undefined ? attempt : { ...attempt, error: clip(attempt.error) };
}
