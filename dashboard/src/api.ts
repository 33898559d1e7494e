// The admin API as the dashboard calls it. Response types come from the server's own code
// (`import type`: nothing of it is bundled), so renaming a field there breaks this type check.
import type { StoredAlert } from '../../shared/adapters/dynamo/closed-loop-items.ts';
import type { listResponses, ResponseView } from '../../shared/usecases/list-responses.ts';
import type {
  Granularity,
  readScores,
  SeriesRow,
  TouchpointScore,
} from '../../shared/usecases/read-scores.ts';
import { rejectedMessage, session } from './auth/session.ts';

export type { Granularity, ResponseView, SeriesRow, StoredAlert, TouchpointScore };

/** `GET /api/scores`: what the read-scores use case returns. */
export type ScoresResponse = Awaited<ReturnType<typeof readScores>>;
/** `GET /api/responses`: one page of what the list-responses use case returns. */
export type ResponsesPage = Awaited<ReturnType<typeof listResponses>>;
/** `GET /api/alerts`: the newest alerts as kept. */
export interface AlertsPage {
  items: StoredAlert[];
}

/** The API refused the credentials (401): the page goes back to the sign-in form. */
export class AuthError extends Error {
  override name = 'AuthError';
}

/** GET with the session's bearer token; null when the route does not exist (404, older APIs). */
async function get<T>(path: string): Promise<T | null> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
  if (res.status === 401) throw new AuthError(rejectedMessage());
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function required<T>(path: string): Promise<T> {
  const data = await get<T>(path);
  if (data === null) throw new Error(`${path}: 404`);
  return data;
}

/** Every touchpoint's all-time score with its series by `period`. */
export function getScores(period: Granularity): Promise<ScoresResponse> {
  return required(`/api/scores?period=${period}`);
}

/** The newest responses with a comment, across touchpoints or of one. */
export function getComments(options: { touchpoint?: string; limit: number }): Promise<ResponsesPage> {
  const q = new URLSearchParams({ withComment: 'true', limit: String(options.limit) });
  if (options.touchpoint) q.set('touchpoint', options.touchpoint);
  return required(`/api/responses?${q}`);
}

/** The newest alerts, or null from an API without alerts. */
export function getAlerts(limit: number): Promise<AlertsPage | null> {
  return get(`/api/alerts?limit=${limit}`);
}

/** Checks the session's token against the API (throws AuthError when it is refused). */
export async function checkToken(): Promise<void> {
  await get('/api/scores');
}
