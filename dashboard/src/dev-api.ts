// The local runtime's /dev routes (virtual clock, outbox, simulated customers). They exist only
// locally: the AWS stack answers 404, which is how the page knows to hide the simulator.
import type { OutboxEntry } from '../../local/sandbox.ts';
import type { DispatchReport } from '../../shared/usecases/dispatch.ts';
import type { IngestResult } from '../../shared/usecases/ingest-event.ts';

export type { OutboxEntry };

/** `GET /dev/outbox`: the virtual time and what the sandbox channels would have sent. */
export interface OutboxResponse {
  now: string;
  count: number;
  messages: OutboxEntry[];
}

/** `POST /dev/clock`: the new virtual time and what the dispatch tick then did. */
export interface ClockResponse {
  now: string;
  dispatch: DispatchReport;
}

/** A move of the virtual clock: by seconds, or to the earliest due survey. */
export type ClockMove = { advanceSeconds: number } | { toNextDue: true };

/** `POST /dev/simulate/sms`: Twilio's status and the replies the customer got. */
export interface SmsReplyResponse {
  status: number;
  replies: string[];
}

/** `POST /dev/simulate/keypad`: the voice webhook's status and the TwiML it answered. */
export interface KeypadResponse {
  status: number;
  twiml: string;
}

export interface SimulatedEvent {
  type: string;
  phone?: string;
  email?: string;
  preferredChannel?: string;
}

/** A dev route's answer: its JSON, or the error it gave. */
export type DevResult<T> = { ok: true; json: T } | { ok: false; json: { error?: string } };

async function post<T>(path: string, body: unknown): Promise<DevResult<T>> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => ({}));
  return res.ok ? { ok: true, json: json as T } : { ok: false, json: json as { error?: string } };
}

/** True when this page is served by the local runtime (its clock route answers). */
export function isLocalRuntime(): Promise<boolean> {
  return fetch('/dev/clock').then(
    (r) => r.ok,
    () => false,
  );
}

export const moveClock = (move: ClockMove) => post<ClockResponse>('/dev/clock', move);

/**
 * What the background loop does (a dispatch tick, then the score stream), now: answers given
 * elsewhere (an email rating link in another tab) reach the scores.
 */
export const runBackgroundStep = () => post<ClockResponse>('/dev/clock', { advanceSeconds: 0 });

export const simulateEvent = (event: SimulatedEvent) => post<IngestResult>('/dev/simulate/event', event);

export const simulateSms = (sms: { from: string; body: string }) =>
  post<SmsReplyResponse>('/dev/simulate/sms', sms);

export const simulateKeypad = (keys: { surveyId: string; digits: string }) =>
  post<KeypadResponse>('/dev/simulate/keypad', keys);

/** The outbox, or null when the route is not there. */
export async function getOutbox(): Promise<OutboxResponse | null> {
  const res = await fetch('/dev/outbox');
  return res.ok ? ((await res.json()) as OutboxResponse) : null;
}
