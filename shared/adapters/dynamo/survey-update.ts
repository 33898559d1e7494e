import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../domain/model.ts';
import {
  boundAttempt,
  boundDecision,
  boundHistory,
  HISTORY_LIMITS,
  type Survey,
} from '../../domain/survey.ts';
import { DUE_PARTITION, dueSortKey, PARKED_PARTITION } from './due-index.ts';

/**
 * The conditional update behind `SurveyStore.transition`: the compare-and-set every state change
 * of a survey goes through, and how its history stays bounded.
 */

/** What the survey must still be for the change to apply. */
export interface TransitionExpectation {
  status: Survey['status'] | Survey['status'][];
  dueAt?: string;
  conversation?: Survey['conversation'];
}

/** The change: plain fields, plus the due index (`due`) and the reply-routing index (`thread`). */
export type TransitionChanges = Partial<Survey> & {
  due?: string | null;
  thread?: { key: string; at: string } | null;
};

export interface TransitionAppends {
  appendInboundId?: string;
  appendAttempt?: Survey['attempts'][number];
  appendDecision?: Survey['decisions'][number];
}

const LISTS = [
  {
    list: 'decisions',
    dropped: 'decisionsDropped',
    append: 'appendDecision',
    limit: HISTORY_LIMITS.decisions,
  },
  { list: 'attempts', dropped: 'attemptsDropped', append: 'appendAttempt', limit: HISTORY_LIMITS.attempts },
] as const;

/**
 * Builds the update. History entries are appended with `list_append` under the condition that the
 * list is below its limit, so the common case needs no read. `rewriteFrom` is the item as it was
 * when that condition failed: the list is then written whole, bounded, under the condition that it
 * still has the length read (a concurrent append makes it fail as a lost race instead of losing it).
 */
export function transitionUpdate(
  key: Record<string, string>,
  expected: TransitionExpectation,
  changes: TransitionChanges,
  extra: TransitionAppends,
  rewriteFrom?: Record<string, unknown>,
): Omit<UpdateCommandInput, 'TableName'> {
  const surveyId = String(key.pk).slice('SURVEY#'.length);
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  const conditions: string[] = [];
  let i = 0;
  const { due, thread, ...plain } = changes;
  for (const [field, value] of Object.entries(plain)) {
    if (value === undefined) continue;
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
    i++;
  }
  if (due !== undefined) {
    if (due === null) removes.push('gsi1pk', 'gsi1sk');
    else {
      sets.push('gsi1pk = :duePk', 'gsi1sk = :dueSk');
      values[':duePk'] = DUE_PARTITION;
      values[':dueSk'] = dueSortKey(due, surveyId);
    }
  }
  if (thread !== undefined) {
    if (thread === null) removes.push('gsi2pk', 'gsi2sk');
    else {
      sets.push('gsi2pk = :threadPk', 'gsi2sk = :threadSk');
      values[':threadPk'] = thread.key;
      values[':threadSk'] = `${thread.at}#${surveyId}`;
    }
  }
  if (extra.appendInboundId) {
    sets.push('inboundIds = list_append(if_not_exists(inboundIds, :empty), :inbound)');
    values[':inbound'] = [extra.appendInboundId];
    values[':empty'] = [];
    values[':inboundId'] = extra.appendInboundId;
    conditions.push('(attribute_not_exists(inboundIds) OR NOT contains(inboundIds, :inboundId))');
  }
  for (const { list, dropped, append, limit } of LISTS) {
    const entry = extra[append];
    if (!entry) continue;
    const bounded = list === 'decisions' ? boundDecision(entry as never) : boundAttempt(entry as never);
    if (!rewriteFrom) {
      sets.push(`${list} = list_append(if_not_exists(${list}, :empty_${list}), :new_${list})`);
      values[`:empty_${list}`] = [];
      values[`:new_${list}`] = [bounded];
      values[`:limit_${list}`] = limit;
      conditions.push(`(attribute_not_exists(${list}) OR size(${list}) < :limit_${list})`);
      continue;
    }
    const old = Array.isArray(rewriteFrom[list]) ? (rewriteFrom[list] as unknown[]) : [];
    const { kept, dropped: count } = boundHistory([...old, bounded], limit);
    sets.push(`${list} = :all_${list}`);
    values[`:all_${list}`] = kept;
    values[`:len_${list}`] = old.length;
    conditions.push(`size(${list}) = :len_${list}`);
    if (count > 0) {
      sets.push(`${dropped} = if_not_exists(${dropped}, :zero) + :dropped_${list}`);
      values[':zero'] = 0;
      values[`:dropped_${list}`] = count;
    }
  }
  const statuses = Array.isArray(expected.status) ? expected.status : [expected.status];
  conditions.unshift(`#status IN (${statuses.map((_, j) => `:es${j}`).join(', ')})`);
  statuses.forEach((s, j) => {
    values[`:es${j}`] = s;
  });
  if (expected.dueAt !== undefined) {
    names['#dueAt'] = 'dueAt';
    values[':edue'] = expected.dueAt;
    conditions.push('#dueAt = :edue');
  }
  if (expected.conversation !== undefined) {
    names['#conv'] = 'conversation';
    values[':econv'] = expected.conversation;
    conditions.push('#conv = :econv');
  }
  return {
    Key: key,
    UpdateExpression: [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * After a failed condition: true when the caller's own expectation held on `old` (the item as it
 * was) and only a history list at its limit stopped the append, so a bounded rewrite may follow.
 */
export function stoppedOnlyByHistoryLimit(
  old: Record<string, unknown>,
  expected: TransitionExpectation,
  extra: TransitionAppends,
): boolean {
  const statuses = Array.isArray(expected.status) ? expected.status : [expected.status];
  if (!statuses.includes(old.status as Survey['status'])) return false;
  if (expected.dueAt !== undefined && old.dueAt !== expected.dueAt) return false;
  if (expected.conversation !== undefined && old.conversation !== expected.conversation) return false;
  const inbound = Array.isArray(old.inboundIds) ? old.inboundIds : [];
  if (extra.appendInboundId && inbound.includes(extra.appendInboundId)) return false;
  return LISTS.some(
    ({ list, append, limit }) =>
      extra[append] !== undefined && Array.isArray(old[list]) && (old[list] as unknown[]).length >= limit,
  );
}

/** A failed processing of a survey: retried at `retryAt`, or parked. */
export type DispatchErrorOutcome = { errors: number; decision: Decision } & (
  | { retryAt: string }
  | { park: { at: string; reason: string } }
);

/**
 * The record of a failed processing of `survey` (as just read). The history is written whole,
 * bounded and clipped, so even an item at DynamoDB's size limit shrinks instead of failing again.
 */
export function dispatchErrorUpdate(
  key: Record<string, string>,
  survey: Survey,
  outcome: DispatchErrorOutcome,
): Omit<UpdateCommandInput, 'TableName'> {
  const decisions = boundHistory(
    [...(survey.decisions ?? []).map(boundDecision), boundDecision(outcome.decision)],
    HISTORY_LIMITS.decisions,
  );
  const attempts = boundHistory((survey.attempts ?? []).map(boundAttempt), HISTORY_LIMITS.attempts);
  const park = 'park' in outcome ? outcome.park : undefined;
  const retryAt = 'retryAt' in outcome ? outcome.retryAt : survey.dueAt;
  return {
    Key: key,
    UpdateExpression:
      'SET dispatchErrors = :errors, decisions = :decisions, attempts = :attempts, ' +
      'decisionsDropped = :dd, attemptsDropped = :ad, gsi1pk = :pk, gsi1sk = :sk, ' +
      (park ? 'parked = :parked' : 'dueAt = :retry'),
    ConditionExpression: '#status = :status AND #dueAt = :due',
    ExpressionAttributeNames: { '#status': 'status', '#dueAt': 'dueAt' },
    ExpressionAttributeValues: {
      ':errors': outcome.errors,
      ':decisions': decisions.kept,
      ':attempts': attempts.kept,
      ':dd': (survey.decisionsDropped ?? 0) + decisions.dropped,
      ':ad': (survey.attemptsDropped ?? 0) + attempts.dropped,
      ':status': survey.status,
      ':due': survey.dueAt,
      ...(park
        ? {
            ':parked': { ...park, status: survey.status },
            ':pk': PARKED_PARTITION,
            ':sk': `${park.at}#${survey.surveyId}`,
          }
        : { ':retry': retryAt, ':pk': DUE_PARTITION, ':sk': dueSortKey(retryAt, survey.surveyId) }),
    },
  };
}

/** A parked survey back in the due index, due `now`, its error count reset. */
export function requeueUpdate(
  key: Record<string, string>,
  now: Date,
  decision: Decision,
): Omit<UpdateCommandInput, 'TableName'> {
  const at = now.toISOString();
  return {
    Key: key,
    UpdateExpression:
      'SET dueAt = :now, gsi1pk = :pk, gsi1sk = :sk, dispatchErrors = :zero, ' +
      'decisions = list_append(if_not_exists(decisions, :empty), :d) REMOVE parked',
    ConditionExpression: 'attribute_exists(parked)',
    ExpressionAttributeValues: {
      ':now': at,
      ':pk': DUE_PARTITION,
      ':sk': dueSortKey(at, String(key.pk).slice('SURVEY#'.length)),
      ':zero': 0,
      ':empty': [],
      ':d': [boundDecision(decision)],
    },
  };
}
