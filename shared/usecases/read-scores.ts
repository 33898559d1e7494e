import { CHANNELS, type Channel, type MetricDefinition } from '../domain/model.ts';
import { type Granularity, PERIOD_PREFIX, periodBounds, periodKeyOfDate } from '../domain/periods.ts';
import { type ScoreBand, type ScoreSummary, scoreBands, sumItems, summarize } from '../domain/scoring.ts';
import { ValidationError } from '../errors.ts';
import { isCalendarDate } from '../http/validation.ts';
import type { Deps } from '../runtime/deps.ts';

export type { Granularity } from '../domain/periods.ts';

export interface ScoresQuery {
  touchpoint?: string;
  metric?: string;
  channel?: Channel;
  /** Inclusive ISO dates (YYYY-MM-DD) in the reporting time zone; both or neither. */
  from?: string;
  to?: string;
  /** When set, a time series at that granularity is included. */
  period?: Granularity;
}

/** One period of a series: `from`/`to` are the days it covers, clipped to the query's window. */
export type SeriesRow = { period: string; from: string; to: string } & ScoreSummary;

export interface TouchpointScore extends ScoreSummary {
  touchpoint: string;
  /** The answer scale of the touchpoint's question (CSAT 1-10, effort 1-5 ...). */
  scale: { min: number; max: number };
  /** Which answers count as good, in between and bad on that scale (good first). */
  bands: ScoreBand[];
  byChannel: Partial<Record<Channel, ScoreSummary>>;
  series?: SeriesRow[];
}

/** Parses and checks the query string of `GET /api/scores`. */
export function parseScoresQuery(q: Record<string, string | undefined>, touchpoints: string[]): ScoresQuery {
  const out: ScoresQuery = {};
  if (q.touchpoint !== undefined) {
    if (!touchpoints.includes(q.touchpoint))
      throw new ValidationError(
        `touchpoint: unknown "${q.touchpoint}"; known: ${touchpoints.join(', ')}`,
        400,
      );
    out.touchpoint = q.touchpoint;
  }
  if (q.metric !== undefined) {
    if (!['nps', 'csat', 'ces'].includes(q.metric))
      throw new ValidationError('metric: must be nps, csat or ces', 400);
    out.metric = q.metric;
  }
  if (q.channel !== undefined) {
    if (!(CHANNELS as readonly string[]).includes(q.channel))
      throw new ValidationError('channel: must be sms, email or voice', 400);
    out.channel = q.channel as Channel;
  }
  for (const key of ['from', 'to'] as const) {
    const value = q[key];
    if (value === undefined) continue;
    if (!isCalendarDate(value)) throw new ValidationError(`${key}: must be a date like 2026-03-10`, 400);
    out[key] = value;
  }
  if (out.from && out.to && out.from > out.to) throw new ValidationError('from: must not be after to', 400);
  if (q.period !== undefined) {
    if (!['day', 'week', 'month'].includes(q.period))
      throw new ValidationError('period: must be day, week or month', 400);
    out.period = q.period as Granularity;
  }
  return out;
}

function dims(channel?: Channel): string {
  return channel ? `ch:${channel}` : 'all';
}

/**
 * Use case: the scores a CX team looks at. Reads pre-folded aggregates only (one item per
 * touchpoint for all-time, one small range query for a date window), never raw responses.
 */
export async function readScores(
  deps: Deps,
  query: ScoresQuery,
): Promise<{ reportingTimeZone: string; scores: TouchpointScore[] }> {
  const tz = deps.config.reportingTimeZone;
  const minSample = deps.config.minSample;
  const names = Object.keys(deps.config.touchpoints).filter(
    (t) =>
      (!query.touchpoint || t === query.touchpoint) &&
      (!query.metric || deps.config.touchpoints[t]?.metric.kind === query.metric),
  );
  const scores = await Promise.all(
    names.map(async (touchpoint) => {
      const metric = deps.config.touchpoints[touchpoint]?.metric as MetricDefinition;
      let item: Record<string, number>;
      let days: Array<{ period: string; item: Record<string, number> }> | undefined;
      if (query.from || query.to) {
        const from = `D#${query.from ?? '0000-00-00'}`;
        const to = `D#${query.to ?? '9999-99-99'}`;
        days = await deps.aggregates.range(touchpoint, from, to);
        item = sumItems(days.map((r) => r.item));
      } else {
        item = (await deps.aggregates.get(touchpoint, 'ALL')) ?? {};
      }
      const summary = summarize(item, metric, dims(query.channel), { minSample });
      const byChannel: TouchpointScore['byChannel'] = {};
      for (const channel of CHANNELS) {
        const s = summarize(item, metric, `ch:${channel}`, { minSample });
        if (s.responses > 0 || (s.sent ?? 0) > 0) byChannel[channel] = s;
      }
      const result: TouchpointScore = {
        touchpoint,
        ...summary,
        scale: { min: metric.min, max: metric.max },
        bands: scoreBands(metric),
        byChannel,
      };
      if (query.period) {
        const prefix = PERIOD_PREFIX[query.period];
        // In a window, a week or month is summed from its days inside the window (the day items
        // just read), so the rows add up to the window's total; without one, whole periods.
        const rows = days
          ? clipToWindow(days, query.period, query)
          : (await deps.aggregates.range(touchpoint, `${prefix}0000`, `${prefix}9999~`)).map((r) => ({
              ...r,
              ...(periodBounds(r.period) ?? { from: '', to: '' }),
            }));
        result.series = rows.map((r) => ({
          period: r.period.slice(2),
          from: r.from,
          to: r.to,
          ...summarize(r.item, metric, dims(query.channel), { minSample }),
        }));
      }
      return result;
    }),
  );
  return { reportingTimeZone: tz, scores };
}

/** Day items grouped into the periods of `granularity`, each bounded by the window. */
function clipToWindow(
  days: ReadonlyArray<{ period: string; item: Record<string, number> }>,
  granularity: Granularity,
  window: { from?: string; to?: string },
): Array<{ period: string; from: string; to: string; item: Record<string, number> }> {
  const groups = new Map<string, Array<Record<string, number>>>();
  for (const day of days) {
    const key = periodKeyOfDate(granularity, day.period.slice(2));
    groups.set(key, [...(groups.get(key) ?? []), day.item]);
  }
  return [...groups].map(([period, items]) => {
    const bounds = periodBounds(period) ?? { from: '', to: '' };
    return {
      period,
      from: window.from && window.from > bounds.from ? window.from : bounds.from,
      to: window.to && window.to < bounds.to ? window.to : bounds.to,
      item: sumItems(items),
    };
  });
}
