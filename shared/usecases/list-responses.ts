import type { SurveyResponse } from '../domain/survey.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../runtime/deps.ts';

export interface ResponsesQuery {
  touchpoint?: string;
  limit: number;
  cursor?: string;
  from?: string;
  to?: string;
  /** Only responses with a comment. */
  withComment?: boolean;
  minScore?: number;
  maxScore?: number;
}

/** One response as the admin API shows it (no contact data: that stays on the survey). */
export type ResponseView = Pick<
  SurveyResponse,
  'surveyId' | 'touchpoint' | 'score' | 'comment' | 'channel' | 'answeredAt'
> & {
  metric: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseResponsesQuery(
  q: Record<string, string | undefined>,
  touchpoints: string[],
): ResponsesQuery {
  const out: ResponsesQuery = { limit: 50 };
  if (q.touchpoint !== undefined) {
    if (!touchpoints.includes(q.touchpoint))
      throw new ValidationError(`touchpoint: unknown "${q.touchpoint}"`, 400);
    out.touchpoint = q.touchpoint;
  }
  if (q.limit !== undefined) {
    const n = Number(q.limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new ValidationError('limit: must be a whole number from 1 to 1000', 400);
    out.limit = n;
  }
  if (q.cursor !== undefined) out.cursor = q.cursor;
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v === undefined) continue;
    if (!DATE.test(v) && Number.isNaN(Date.parse(v)))
      throw new ValidationError(`${key}: must be a date or ISO time`, 400);
    out[key] = DATE.test(v)
      ? key === 'from'
        ? `${v}T00:00:00.000Z`
        : `${v}T23:59:59.999Z`
      : new Date(v).toISOString();
  }
  if (q.withComment !== undefined) out.withComment = q.withComment === 'true' || q.withComment === '1';
  for (const key of ['minScore', 'maxScore'] as const) {
    const v = q[key];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 10)
      throw new ValidationError(`${key}: must be a whole number from 0 to 10`, 400);
    out[key] = n;
  }
  return out;
}

interface Cursor {
  /** Per touchpoint: the LastEvaluatedKey to resume from, or null when exhausted. */
  [touchpoint: string]: Record<string, unknown> | null;
}

function decodeCursor(cursor: string | undefined): Cursor {
  if (!cursor) return {};
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw new ValidationError('cursor: not a cursor returned by this API', 400);
  }
}

/**
 * Use case: newest responses first, across touchpoints, filterable, paginated with an opaque
 * cursor. Reads the responses index by touchpoint and answer time (no table scans).
 */
export async function listResponses(
  deps: Deps,
  query: ResponsesQuery,
): Promise<{ items: ResponseView[]; cursor?: string }> {
  const names = query.touchpoint ? [query.touchpoint] : Object.keys(deps.config.touchpoints);
  const cursor = decodeCursor(query.cursor);
  const pages = await Promise.all(
    names
      .filter((t) => cursor[t] !== null)
      .map(async (t) => {
        const out: ResponseView[] = [];
        let start = cursor[t] ?? undefined;
        // Keep reading until this touchpoint contributes `limit` matching rows or runs out.
        do {
          const page = await deps.responses.queryByTouchpoint(t, {
            limit: query.limit,
            ...(query.from && { from: query.from }),
            ...(query.to && { to: query.to }),
            ...(start && { cursor: start }),
          });
          for (const r of page.items) if (matches(r, query)) out.push(view(r));
          start = page.cursor;
        } while (start && out.length < query.limit);
        return { touchpoint: t, items: out, next: start ?? null };
      }),
  );
  const merged = pages
    .flatMap((p) => p.items.map((item) => ({ item, touchpoint: p.touchpoint })))
    .sort((a, b) => b.item.answeredAt.localeCompare(a.item.answeredAt));
  const taken = merged.slice(0, query.limit);
  const next: Cursor = { ...cursor };
  for (const page of pages) {
    const used = taken.filter((t) => t.touchpoint === page.touchpoint);
    const last = used[used.length - 1]?.item;
    if (used.length === page.items.length) next[page.touchpoint] = page.next;
    else if (last)
      next[page.touchpoint] = {
        surveyId: last.surveyId,
        touchpoint: page.touchpoint,
        answeredAt: last.answeredAt,
      };
  }
  const more = Object.values(next).some((v) => v !== null) && taken.length === query.limit;
  return {
    items: taken.map((t) => t.item),
    ...(more && { cursor: Buffer.from(JSON.stringify(next)).toString('base64url') }),
  };
}

function matches(r: SurveyResponse, q: ResponsesQuery): boolean {
  if (r.erased) return false;
  if (q.withComment && !r.comment) return false;
  if (q.minScore !== undefined && (r.score === null || r.score < q.minScore)) return false;
  if (q.maxScore !== undefined && (r.score === null || r.score > q.maxScore)) return false;
  return true;
}

function view(r: SurveyResponse): ResponseView {
  return {
    surveyId: r.surveyId,
    touchpoint: r.touchpoint,
    metric: r.metric.kind,
    score: r.score,
    ...(r.comment && { comment: r.comment }),
    channel: r.channel,
    answeredAt: r.answeredAt,
  };
}

/** RFC 4180 CSV; cells that a spreadsheet would run as formulas are prefixed with a quote. */
export function responsesToCsv(items: ResponseView[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const header = ['surveyId', 'touchpoint', 'metric', 'score', 'channel', 'answeredAt', 'comment'];
  const rows = items.map((r) =>
    [r.surveyId, r.touchpoint, r.metric, r.score, r.channel, r.answeredAt, r.comment].map(cell).join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
