import { isOpen, type Survey } from '../domain/survey.ts';
import type { Deps } from '../runtime/deps.ts';

export type EmailAnswerOutcome =
  | { kind: 'recorded'; survey: Survey; score: number; changed: boolean }
  | { kind: 'closed'; survey: Survey }
  | { kind: 'unknown_survey' }
  | { kind: 'out_of_range'; survey: Survey };

export type RatingCheck =
  | { kind: 'open'; survey: Survey }
  | Extract<EmailAnswerOutcome, { kind: 'closed' | 'unknown_survey' | 'out_of_range' }>;

/**
 * Whether a rating link's survey (as just read) can still be answered with `score`. Writes
 * nothing: opening a link (which mail security scanners do for every link in a message) must not
 * record a score.
 */
export function checkEmailRating(deps: Deps, survey: Survey | undefined, score: number): RatingCheck {
  if (!survey) return { kind: 'unknown_survey' };
  if (!isOpen(survey, deps.clock.now())) return { kind: 'closed', survey };
  if (!Number.isInteger(score) || score < survey.metric.min || score > survey.metric.max)
    return { kind: 'out_of_range', survey };
  return { kind: 'open', survey };
}

/**
 * Use case: the customer's rating page confirmed a rating (see `functions/email-link.ts`). The
 * first answers the survey; a later one with another value (changing one's mind within the
 * survey's life) replaces the score — the stream consumer then moves the count from the old value
 * to the new one, so it counts once. `read` is the survey as the link's handler just read it.
 */
export async function recordEmailRating(
  deps: Deps,
  read: Survey | undefined,
  score: number,
): Promise<EmailAnswerOutcome> {
  const now = deps.clock.now();
  const check = checkEmailRating(deps, read, score);
  if (check.kind !== 'open') return check;
  const { survey } = check;
  const { surveyId } = survey;
  const existing = await deps.responses.get(surveyId);
  if (existing && existing.score === score) return { kind: 'recorded', survey, score, changed: false };
  const answeredAt = existing?.answeredAt ?? survey.answeredAt ?? now.toISOString();
  await deps.responses.put({
    surveyId,
    touchpoint: survey.touchpoint,
    metric: survey.metric,
    score,
    ...(existing?.comment && { comment: existing.comment }),
    channel: 'email',
    customerId: survey.customerId,
    answeredAt,
    ...(survey.drivers && { drivers: survey.drivers }),
    ...(survey.test && { test: true }),
  });
  if (survey.status === 'sent') {
    await deps.surveys.transition(
      surveyId,
      { status: ['sent', 'answered'] },
      { status: 'answered', answeredAt, conversation: survey.followUp ? 'awaiting_comment' : 'done' },
    );
  }
  return { kind: 'recorded', survey, score, changed: existing !== undefined };
}

/** Use case: the "why?" box was posted. Only for an answered, still-open survey. */
export async function recordEmailComment(
  deps: Deps,
  surveyId: string,
  comment: string,
): Promise<'recorded' | 'closed' | 'not_answered'> {
  const now = deps.clock.now();
  const survey = await deps.surveys.get(surveyId);
  if (!survey || Date.parse(survey.expiresAt) <= now.getTime()) return 'closed';
  const existing = await deps.responses.get(surveyId);
  if (!existing) return 'not_answered';
  const text = comment.trim().slice(0, 2000);
  if (text.length > 0 && text !== existing.comment) await deps.responses.put({ ...existing, comment: text });
  await deps.surveys.transition(surveyId, { status: ['answered'] }, { conversation: 'done' });
  return 'recorded';
}
