import * as z from 'zod';
import type { SurveyResponse } from '../domain/survey.ts';
import { ValidationError } from '../errors.ts';
import { DATE_SHAPE, isCalendarDate, SurveyIdParam } from '../http/validation.ts';
import type { Deps } from '../runtime/deps.ts';

export interface ResponsesQuery {
  touchpoint?: string;
  limit: number;
  /** Where each touchpoint's listing resumes (decoded and checked `cursor` parameter). */
  cursor?: Cursor;
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

/** The `byTouchpoint` index key a touchpoint's listing resumes after. */
const ResumeKey = z
  .object({ surveyId: SurveyIdParam, touchpoint: z.string(), answeredAt: z.iso.datetime() })
  .strict();
/** Per touchpoint: the index key to resume after, or null when that touchpoint is exhausted. */
type Cursor = Record<string, Record<string, unknown> | null>;

const BAD_CURSOR = 'cursor: not a cursor returned by this API for this query';

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
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v === undefined) continue;
    if (DATE_SHAPE.test(v) ? !isCalendarDate(v) : Number.isNaN(Date.parse(v)))
      throw new ValidationError(`${key}: must be a date (2026-03-10) or an ISO time`, 400);
    out[key] = DATE_SHAPE.test(v)
      ? key === 'from'
        ? `${v}T00:00:00.000Z`
        : `${v}T23:59:59.999Z`
      : new Date(v).toISOString();
  }
  if (out.from && out.to && out.from > out.to) throw new ValidationError('from: must not be after to', 400);
  if (q.cursor !== undefined) out.cursor = decodeCursor(q.cursor, touchpoints, out);
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

/**
 * The opaque cursor back to per-touchpoint resume keys, refusing anything this API did not hand out
 * for this query: a resume key must name its own touchpoint and lie inside the `from`/`to` window
 * (DynamoDB rejects a start key outside the query's range).
 */
function decodeCursor(
  cursor: string,
  touchpoints: string[],
  window: Pick<ResponsesQuery, 'from' | 'to'>,
): Cursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new ValidationError(BAD_CURSOR, 400, { cause: error });
  }
  const schema = z.partialRecord(z.enum(touchpoints as [string, ...string[]]), ResumeKey.nullable());
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(BAD_CURSOR, 400, { cause: parsed.error });
  for (const [touchpoint, key] of Object.entries(parsed.data)) {
    // Compared as DynamoDB compares them: as strings.
    if (
      key &&
      (key.touchpoint !== touchpoint ||
        (window.from && key.answeredAt < window.from) ||
        (window.to && key.answeredAt > window.to))
    )
      throw new ValidationError(BAD_CURSOR, 400);
  }
  return parsed.data as Cursor;
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
  const cursor: Cursor = query.cursor ?? {};
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
