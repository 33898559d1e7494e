/**
 * The CX measurement vocabulary shared by every layer. Pure types and constants: no AWS imports.
 */

/** Channels a survey can be sent through. */
export const CHANNELS = ['sms', 'email', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Built-in event types; each feeds the touchpoint of the same name. */
export const EVENT_TYPES = ['purchase', 'ticket_closed', 'delivery'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/**
 * Events that are never surveyed but change what the engine knows: `ticket_opened` says a ticket of
 * the customer is open (created, reopened, or still being worked on), so a survey about another
 * ticket can wait for it (`ticketSupersede`).
 */
export const TRACKING_EVENT_TYPES = ['ticket_opened'] as const;

/** Languages every message template ships in. Anything else falls back to English. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'hu', 'et', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export type MetricKind = 'nps' | 'csat' | 'ces';

/**
 * How a touchpoint's answers are scored. `ces` uses CES 2.0 (agreement 1-7, higher is better)
 * unless `convention` says `effort` (older scale where higher means more effort).
 */
export interface MetricDefinition {
  kind: MetricKind;
  min: number;
  max: number;
  convention?: 'ces2' | 'effort';
}

export const DEFAULT_METRICS: Record<MetricKind, MetricDefinition> = {
  nps: { kind: 'nps', min: 0, max: 10 },
  csat: { kind: 'csat', min: 1, max: 5 },
  ces: { kind: 'ces', min: 1, max: 7, convention: 'ces2' },
};

/** Lifecycle of a survey. Terminal: answered, skipped, expired, failed. */
export type SurveyStatus = 'scheduled' | 'sending' | 'sent' | 'answered' | 'skipped' | 'expired' | 'failed';

/** One decision the engine took about a survey, kept on the survey so admins can see why. */
export interface Decision {
  at: string;
  rule: string;
  outcome: string;
  detail?: string;
}

/** One try to reach the customer on one channel. */
export interface Attempt {
  channel: Channel;
  at: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'undelivered' | 'no_answer' | 'machine' | 'completed';
  providerMessageId?: string;
  error?: string;
}

/** Where the conversation with the customer stands, for channels with several turns (SMS, IVR). */
export type ConversationState = 'awaiting_score' | 'awaiting_score_retry' | 'awaiting_comment' | 'done';
