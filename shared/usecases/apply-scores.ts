import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import {
  type FollowUp,
  type ItemDelta,
  type LedgerRecord,
  MAX_TRANSACTION_ACTIONS,
  recordHash,
} from '../adapters/dynamo/aggregate-store.ts';
import { type LifecycleImage, lifecycleChange } from '../domain/lifecycle-counts.ts';
import { isNegativeComment } from '../domain/negative-words.ts';
import {
  foldResponseChanges,
  foldSurveyChanges,
  isDetractor,
  isPromoter,
  mergeDeltas,
  type ResponseSnapshot,
  type SurveyLifecycleChange,
} from '../domain/scoring.ts';
import type { SurveyResponse } from '../domain/survey.ts';
import type { Alert } from '../ports/index.ts';
import type { Deps } from '../runtime/deps.ts';
import { logger } from '../runtime/log.ts';
import { alertMessage } from './alert-message.ts';

/**
 * Use case: fold a batch of stream records (Responses and Surveys tables) into the score
 * aggregates, exactly once.
 *
 * Why this is exactly-once under retries, bisection and re-delivery: the batch is folded in memory
 * into one delta per aggregate item, and the deltas are written in ONE transaction together with a
 * ledger entry that lists (hashes of) the stream records it covers. Before folding, records that
 * any recent ledger entry already covers are dropped. So a record is either in a committed
 * transaction (and then in the ledger, and skipped forever after) or in none.
 */
export interface ScoreBatchReport {
  records: number;
  applied: number;
  skippedAlreadyApplied: number;
  ignored: number;
  transactions: number;
  itemWrites: number;
  alerts: number;
}

interface Change {
  record: LedgerRecord;
  deltas: Map<string, ItemDelta>;
  alerts: Alert[];
  followUps: FollowUp[];
}

const MAX_COMMENT_IN_ALERT = 500;
/** Alerts whose publish kept failing for a day are left to the dashboard, not re-published. */
const PENDING_ALERT_WINDOW_MS = 24 * 3_600_000;

/** What the scores count of a stored response; erased and test answers count for nothing. */
export function snapshot(image: Record<string, unknown> | undefined): ResponseSnapshot | undefined {
  if (!image) return undefined;
  const r = image as unknown as SurveyResponse;
  if (r.erased || r.test) return undefined;
  return {
    surveyId: r.surveyId,
    touchpoint: r.touchpoint,
    metric: r.metric,
    score: typeof r.score === 'number' ? r.score : null,
    hasComment: typeof r.comment === 'string' && r.comment.trim().length > 0,
    channel: r.channel,
    answeredAt: r.answeredAt,
    ...(r.drivers && { drivers: r.drivers }),
  };
}

/** A Surveys-table record: the counters move by the rule's value of the new image minus the old. */
function lifecycle(
  oldImage: Record<string, unknown> | undefined,
  newImage: Record<string, unknown> | undefined,
): SurveyLifecycleChange[] {
  if (!String(newImage?.pk ?? '').startsWith('SURVEY#')) return [];
  return lifecycleChange(oldImage as LifecycleImage | undefined, newImage as LifecycleImage | undefined);
}

async function toChange(deps: Deps, record: DynamoDBRecord): Promise<Change | undefined> {
  const seq = record.dynamodb?.SequenceNumber;
  const eventId = record.eventID;
  if (!seq || !eventId) return undefined;
  // TTL expiry and housekeeping deletes must never change historical scores; erasure is a MODIFY.
  if (record.eventName === 'REMOVE' || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY'))
    return undefined;
  const oldImage = record.dynamodb?.OldImage ? unmarshall(record.dynamodb.OldImage as never) : undefined;
  const newImage = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as never) : undefined;
  const ledger = { eventId, sequenceNumber: seq };
  const tz = deps.config.reportingTimeZone;
  if (newImage && 'pk' in newImage) {
    const changes = lifecycle(oldImage, newImage);
    return {
      record: ledger,
      deltas: changes.length ? foldSurveyChanges(changes, tz) : new Map(),
      alerts: [],
      followUps: [],
    };
  }
  const before = snapshot(oldImage);
  const after = snapshot(newImage);
  const deltas = foldResponseChanges([{ ...(before && { old: before }), ...(after && { new: after }) }], tz);
  return {
    record: ledger,
    deltas,
    alerts: await alertsFor(deps, before, after, newImage as SurveyResponse | undefined),
    followUps: followUpsFor(deps, before, after),
  };
}

async function alertsFor(
  deps: Deps,
  before: ResponseSnapshot | undefined,
  after: ResponseSnapshot | undefined,
  raw: SurveyResponse | undefined,
): Promise<Alert[]> {
  if (!after || !raw) return [];
  const kinds: Alert['kind'][] = [];
  const wasDetractor = before?.score != null && isDetractor(before.metric, before.score);
  if (after.score !== null && isDetractor(after.metric, after.score) && !wasDetractor)
    kinds.push('detractor');
  const comment = raw.comment?.trim();
  if (comment && !before?.hasComment && isNegativeComment(comment) && !kinds.includes('detractor'))
    kinds.push('negative_comment');
  if (kinds.length === 0) return [];
  const survey = await deps.surveys.get(after.surveyId, false);
  return kinds.map((kind) => ({
    alertId: `${after.answeredAt}#${after.surveyId}#${kind}`,
    kind,
    surveyId: after.surveyId,
    touchpoint: after.touchpoint,
    metric: after.metric.kind,
    score: after.score,
    ...(comment && { comment: comment.slice(0, MAX_COMMENT_IN_ALERT) }),
    channel: after.channel,
    customer: {
      id: raw.customerId,
      ...(survey?.customerName && { name: survey.customerName }),
      ...(survey?.phone && { phone: survey.phone }),
      ...(survey?.email && { email: survey.email }),
    },
    ...(survey?.context.orderId && { orderId: survey.context.orderId }),
    ...(survey?.context.ticketId && { ticketId: survey.context.ticketId }),
    answeredAt: after.answeredAt,
  }));
}

/** A promoter (new, or newly promoted) is invited once to leave a public review, if configured. */
function followUpsFor(
  deps: Deps,
  before: ResponseSnapshot | undefined,
  after: ResponseSnapshot | undefined,
): FollowUp[] {
  if (!after || after.score === null || !isPromoter(after.metric, after.score)) return [];
  if (before?.score != null && isPromoter(before.metric, before.score)) return [];
  const url = deps.config.touchpoints[after.touchpoint]?.promoterReviewUrl;
  return url
    ? [{ followUpId: `${after.surveyId}#review`, kind: 'review_request', surveyId: after.surveyId, url }]
    : [];
}

/** Which stream a record came from: the table name inside its ARN. */
export function streamOf(record: DynamoDBRecord): string {
  const arn = record.eventSourceARN ?? '';
  const table = /:table\/([^/]+)\/stream\//.exec(arn)?.[1];
  return table ?? arn;
}

export async function applyScoreBatch(
  deps: Deps,
  records: DynamoDBRecord[],
): Promise<ScoreBatchReport & DynamoDBBatchResponse> {
  const report: ScoreBatchReport = {
    records: records.length,
    applied: 0,
    skippedAlreadyApplied: 0,
    ignored: 0,
    transactions: 0,
    itemWrites: 0,
    alerts: 0,
  };
  const byStream = new Map<string, DynamoDBRecord[]>();
  for (const r of records) {
    const key = streamOf(r);
    byStream.set(key, [...(byStream.get(key) ?? []), r]);
  }
  for (const [stream, streamRecords] of byStream) {
    try {
      await applyStream(deps, stream, streamRecords, report);
    } catch (error) {
      // Report the whole rest of the batch as failed from its first record: the ledger makes the
      // retry skip whatever did commit, whatever shape the retried batch has.
      const first = streamRecords[0]?.dynamodb?.SequenceNumber;
      logger.warn('score batch failed; will be retried', { error: (error as Error).message });
      return { ...report, batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  }
  return { ...report, batchItemFailures: [] };
}

async function applyStream(
  deps: Deps,
  stream: string,
  records: DynamoDBRecord[],
  report: ScoreBatchReport,
): Promise<void> {
  const ledgerRecords = records
    .filter((r) => r.eventID && r.dynamodb?.SequenceNumber)
    .map((r) => ({ eventId: r.eventID as string, sequenceNumber: r.dynamodb?.SequenceNumber as string }));
  const done = await deps.aggregates.alreadyApplied(stream, ledgerRecords);
  let chunk: Change[] = [];
  let chunkDeltas = new Map<string, ItemDelta>();
  let chunkAlerts = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const alerts = chunk.flatMap((c) => c.alerts);
    const followUps = chunk.flatMap((c) => c.followUps);
    const committed = await deps.aggregates.applyChunk(
      stream,
      chunk.map((c) => c.record),
      chunkDeltas,
      alerts,
      deps.clock.now(),
      followUps,
    );
    if (!committed) throw new Error('ledger entry already exists for this chunk; retrying the batch');
    report.transactions++;
    report.itemWrites += [...chunkDeltas.values()].filter((d) =>
      Object.values(d).some((v) => v !== 0),
    ).length;
    report.applied += chunk.length;
    report.alerts += alerts.length;
    await publishAlerts(deps, alerts);
    chunk = [];
    chunkDeltas = new Map();
    chunkAlerts = 0;
  };
  for (const record of records) {
    if (record.eventID && done.has(recordHash(record.eventID))) {
      report.skippedAlreadyApplied++;
      continue;
    }
    const change = await toChange(deps, record);
    if (!change) {
      report.ignored++;
      continue;
    }
    const merged = mergeDeltas(chunkDeltas, change.deltas);
    const extra = change.alerts.length + change.followUps.length;
    if (1 + merged.size + chunkAlerts + extra > MAX_TRANSACTION_ACTIONS && chunk.length > 0) {
      await flush();
      chunkDeltas = change.deltas;
    } else {
      chunkDeltas = merged;
    }
    chunk.push(change);
    chunkAlerts += extra;
  }
  await flush();
}

/** Publishes freshly recorded alerts; ones that fail stay `pending` and the sweeper retries them. */
export async function publishAlerts(deps: Deps, alerts: Alert[]): Promise<void> {
  for (const alert of alerts) {
    try {
      await deps.alerts.publish(alertMessage(alert, deps.config.alertDetail, deps.env.PUBLIC_BASE_URL));
      await deps.aggregates.markAlertSent(alert.alertId, deps.clock.now());
    } catch (error) {
      logger.warn('alert publish failed; will retry', {
        alertId: alert.alertId,
        error: (error as Error).message,
      });
    }
  }
}

/** Re-publishes alerts left pending by a crash or a failed publish (run by the dispatch tick). */
export async function sweepPendingAlerts(deps: Deps): Promise<number> {
  const now = deps.clock.now().getTime();
  const pending = await deps.aggregates.pendingAlerts(new Date(now - PENDING_ALERT_WINDOW_MS), 50);
  const old = pending.filter((a) => Date.parse(a.createdAt) < now - 60_000);
  await publishAlerts(deps, old);
  return old.length;
}
