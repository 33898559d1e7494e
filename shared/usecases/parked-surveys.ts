import type { Survey } from '../domain/survey.ts';
import type { Deps } from '../runtime/deps.ts';
import { logger } from '../runtime/log.ts';

/**
 * Surveys the dispatcher cannot process (docs/rules.md, "Parked surveys"). Any unexpected error
 * while handling one survey is recorded on it and retried later; after `MAX_DISPATCH_ERRORS` it is
 * parked: out of the due index, with the reason, until an admin has fixed the cause and requeues it.
 */

/** Failures in a row after which a survey is parked. */
export const MAX_DISPATCH_ERRORS = 5;
/** Minutes to the next try after the 1st, 2nd, 3rd and 4th failure. */
const RETRY_MINUTES: readonly number[] = [1, 5, 30, 60];

/** The counters of the dispatch report this file moves. */
interface ErrorCounters {
  errors: number;
  parked: number;
}

function describeError(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  return `${e.name}: ${e.message}`.slice(0, 300);
}

/**
 * Records a failed attempt to process a survey: a later retry, or parking after the last one.
 * Never throws: when even the record fails (the store is down), the survey stays where it was and
 * the next tick tries again.
 */
export async function setAsideAfterError(
  deps: Deps,
  surveyId: string,
  now: Date,
  error: unknown,
  report: ErrorCounters,
): Promise<'errored' | 'parked' | 'lost_race'> {
  const reason = describeError(error);
  const at = now.toISOString();
  try {
    const current = await deps.surveys.get(surveyId);
    if (!current) return 'lost_race';
    const errors = (current.dispatchErrors ?? 0) + 1;
    if (errors >= MAX_DISPATCH_ERRORS) {
      const parked = await deps.surveys.recordDispatchError(current, {
        errors,
        decision: { at, rule: 'dispatch_error', outcome: 'parked', detail: reason },
        park: { at, reason },
      });
      if (!parked) return 'lost_race';
      report.parked++;
      logger.error('survey parked after repeated dispatch errors', error, { surveyId, errors });
      return 'parked';
    }
    const minutes = RETRY_MINUTES[errors - 1] ?? 60;
    const retry = Math.max(Date.parse(current.dueAt) || 0, now.getTime() + minutes * 60_000);
    const retryAt = new Date(retry).toISOString();
    await deps.surveys.recordDispatchError(current, {
      errors,
      decision: { at, rule: 'dispatch_error', outcome: 'retry', detail: `retry at ${retryAt}: ${reason}` },
      retryAt,
    });
    report.errors++;
    logger.warn('dispatch error; survey retried later', { surveyId, errors, retryAt, reason });
    return 'errored';
  } catch (bookkeeping) {
    report.errors++;
    logger.error('dispatch error that could not be recorded', error, {
      surveyId,
      recordError: describeError(bookkeeping),
    });
    return 'errored';
  }
}

/** One parked survey as an admin sees it. */
export interface ParkedSurvey {
  surveyId: string;
  touchpoint: string;
  status: Survey['status'];
  parkedAt: string;
  reason: string;
  errors: number;
  dueAt: string;
}

/** Use case: the parked surveys, most recently parked first. */
export async function listParkedSurveys(deps: Deps, limit: number): Promise<ParkedSurvey[]> {
  const surveys = await deps.surveys.listParked(limit);
  return surveys
    .filter((s): s is Survey & { parked: NonNullable<Survey['parked']> } => s.parked !== undefined)
    .map((s) => ({
      surveyId: s.surveyId,
      touchpoint: s.touchpoint,
      status: s.parked.status,
      parkedAt: s.parked.at,
      reason: s.parked.reason,
      errors: s.dispatchErrors ?? 0,
      dueAt: s.dueAt,
    }));
}

/** Use case: an admin fixed the cause; these parked surveys are due again now. */
export async function requeueParkedSurveys(
  deps: Deps,
  surveyIds: readonly string[],
): Promise<{ requeued: string[]; notParked: string[] }> {
  const now = deps.clock.now();
  const result = { requeued: [] as string[], notParked: [] as string[] };
  for (const surveyId of new Set(surveyIds)) {
    const done = await deps.surveys.requeue(surveyId, now, {
      at: now.toISOString(),
      rule: 'dispatch_error',
      outcome: 'requeued',
      detail: 'requeued by an admin',
    });
    (done ? result.requeued : result.notParked).push(surveyId);
  }
  return result;
}
