import type { Channel, MetricDefinition, MetricKind } from './model.ts';
import { periodKeys } from './periods.ts';

/**
 * How scores are computed (docs/scores.md has the formulas with worked examples).
 *
 * Aggregates are pre-folded: one item per touchpoint x period (`<touchpoint>#<periodKey>`), holding
 * only flat integer counters, so a whole batch of answers becomes one `ADD` update per item and the
 * counters stay exact however batches are split, retried or merged:
 *
 *   n|<dim>          scored answers              v|<dim>|<value>   answers per scale value
 *   r|<dim>          answers without a score     c|<dim>           answers with a comment
 *   sent|<dim>, delivered|<dim>, answered|<dim>  survey lifecycle (dims `all` and `ch:*` only)
 *
 * `<dim>` is `all`, `ch:<channel>` or `drv:<driver>:<bucket>`. Sums, means and shares are derived
 * from the distribution when read; no float is ever stored.
 */

export { periodKeys };

/** An answer as the aggregates see it: the old and new images of a stream record map to these. */
export interface ResponseSnapshot {
  surveyId: string;
  touchpoint: string;
  metric: MetricDefinition;
  /** An integer on the metric's scale, or null for a comment-only answer. */
  score: number | null;
  hasComment: boolean;
  channel: Channel;
  /** ISO instant; decides the day, week and month the answer is counted in. */
  answeredAt: string;
  /** Driver name -> bucket, as computed by `computeDrivers` when the survey was created. */
  drivers?: Record<string, string>;
}

/** Attribute name -> increment for one aggregate item. */
export type ItemDelta = Record<string, number>;

export interface SurveyLifecycleChange {
  touchpoint: string;
  channel: Channel;
  /** ISO instant of the transition; decides the periods it is counted in. */
  at: string;
  counter: 'sent' | 'delivered' | 'answered';
  delta: 1 | -1;
}

/** The dimension that covers every answer of a touchpoint. */
export const ALL_DIM = 'all';

/** Dimension of one channel, e.g. `ch:sms`. */
export function channelDim(channel: Channel): string {
  return `ch:${channel}`;
}

/** Dimension of one driver bucket, e.g. `drv:resolution:lt4h`. */
export function driverDim(driver: string, bucket: string): string {
  return `drv:${driver}:${bucket}`;
}

/** Aggregate item key of a touchpoint and a period key, e.g. `delivery#W#2026-W11`. */
export function aggregateKey(touchpoint: string, periodKey: string): string {
  return `${touchpoint}#${periodKey}`;
}

// Dimension parts end up inside attribute names separated by `|` and `:`; anything else would
// make `v|drv:a|b:c|5` ambiguous when read back.
const SAFE_PART = /^[A-Za-z0-9_-]+$/;

/** Every dimension an answer is counted in: `all`, its channel, and one per driver bucket. */
export function dimensionsOf(s: { channel: Channel; drivers?: Record<string, string> }): string[] {
  const dims = [ALL_DIM, channelDim(s.channel)];
  for (const [name, bucket] of Object.entries(s.drivers ?? {})) {
    if (!SAFE_PART.test(name) || !SAFE_PART.test(bucket))
      throw new RangeError(`driver name and bucket must match ${SAFE_PART}: ${name}=${bucket}`);
    dims.push(driverDim(name, bucket));
  }
  return dims;
}

function add(target: Map<string, ItemDelta>, key: string, attr: string, value: number): void {
  let item = target.get(key);
  if (!item) {
    item = {};
    target.set(key, item);
  }
  item[attr] = (item[attr] ?? 0) + value;
}

function contribute(target: Map<string, ItemDelta>, s: ResponseSnapshot, sign: 1 | -1, timeZone: string) {
  if (s.score !== null && !Number.isInteger(s.score))
    throw new RangeError(`score must be an integer or null, got ${s.score} (survey ${s.surveyId})`);
  const dims = dimensionsOf(s);
  for (const period of periodKeys(new Date(s.answeredAt), timeZone)) {
    const key = aggregateKey(s.touchpoint, period);
    for (const dim of dims) {
      if (s.score === null) add(target, key, `r|${dim}`, sign);
      else {
        add(target, key, `n|${dim}`, sign);
        add(target, key, `v|${dim}|${s.score}`, sign);
      }
      if (s.hasComment) add(target, key, `c|${dim}`, sign);
    }
  }
}

// A zero increment is a wasted write (and an empty item a wasted request): a re-saved answer with
// the same value, or a change and its reversal in one batch, must cost nothing.
function dropZeros(deltas: Map<string, ItemDelta>): Map<string, ItemDelta> {
  for (const [key, item] of deltas) {
    for (const [attr, v] of Object.entries(item)) if (v === 0) delete item[attr];
    if (Object.keys(item).length === 0) deltas.delete(key);
  }
  return deltas;
}

/**
 * Folds answer changes into one delta per aggregate item. Each change subtracts its old image (if
 * any) and adds its new image (if any): a changed answer moves one count from the old value (and
 * period, channel, drivers) to the new one; `new: undefined` (erasure, tombstone) removes it.
 * Zero increments are dropped. Associative: `fold(a ++ b)` equals `mergeDeltas(fold(a), fold(b))`.
 * Throws a RangeError for a non-integer score, an invalid instant or time zone.
 */
export function foldResponseChanges(
  changes: Array<{ old?: ResponseSnapshot; new?: ResponseSnapshot }>,
  timeZone: string,
): Map<string, ItemDelta> {
  const out = new Map<string, ItemDelta>();
  for (const change of changes) {
    if (change.old) contribute(out, change.old, -1, timeZone);
    if (change.new) contribute(out, change.new, 1, timeZone);
  }
  return dropZeros(out);
}

/** Folds survey lifecycle transitions into `sent|…`, `delivered|…`, `answered|…` increments. */
export function foldSurveyChanges(
  changes: SurveyLifecycleChange[],
  timeZone: string,
): Map<string, ItemDelta> {
  const out = new Map<string, ItemDelta>();
  for (const c of changes) {
    for (const period of periodKeys(new Date(c.at), timeZone)) {
      const key = aggregateKey(c.touchpoint, period);
      for (const dim of [ALL_DIM, channelDim(c.channel)]) add(out, key, `${c.counter}|${dim}`, c.delta);
    }
  }
  return dropZeros(out);
}

/** Sum of folds, attribute by attribute, zeros dropped. Inputs are not modified. */
export function mergeDeltas(
  a: Map<string, ItemDelta>,
  b: Map<string, ItemDelta>,
  ...more: Array<Map<string, ItemDelta>>
): Map<string, ItemDelta> {
  const out = new Map<string, ItemDelta>();
  for (const source of [a, b, ...more])
    for (const [key, item] of source) for (const [attr, v] of Object.entries(item)) add(out, key, attr, v);
  return dropZeros(out);
}

/**
 * Sums aggregate items attribute by attribute, e.g. a date range from its day items. Non-numeric
 * attributes (keys, timestamps) are skipped.
 */
export function sumItems(items: Array<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items)
    for (const [k, v] of Object.entries(item)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Thresholds. Scales are the ones the touchpoint config accepts: NPS 0-10; CSAT 1-3, 1-5, 1-7,
// 1-10; CES 2.0 1-7; effort 1-5, 1-7. "Midpoint" is (min + max) / 2.

const midpoint = (m: MetricDefinition) => (m.min + m.max) / 2;
const isEffort = (m: MetricDefinition) => m.kind === 'ces' && m.convention === 'effort';

/** CSAT "satisfied": the top two boxes (4-5 on 1-5, 6-7 on 1-7, 9-10 on 1-10); on 1-3 the top box. */
export function isSatisfied(metric: MetricDefinition, score: number): boolean {
  return score >= (metric.max - metric.min + 1 <= 3 ? metric.max : metric.max - 1);
}

/**
 * CES "easy": for CES 2.0 an answer that agrees it was easy (above the midpoint: 5-7 on 1-7); on the
 * older effort scale (higher = more effort) a low-effort answer (below the midpoint: 1-3 on 1-7,
 * 1-2 on 1-5). Reported as `agreePct`.
 */
export function isEasy(metric: MetricDefinition, score: number): boolean {
  return isEffort(metric) ? score < midpoint(metric) : score > midpoint(metric);
}

/**
 * An answer that deserves a call-back: NPS 0-6; CSAT and CES 2.0 below the midpoint (CSAT 1-2 on 1-5,
 * 1 on 1-3; CES 1-3 on 1-7); on the effort scale, where high is bad, above the midpoint (5-7 on 1-7,
 * 4-5 on 1-5).
 */
export function isDetractor(metric: MetricDefinition, score: number): boolean {
  if (metric.kind === 'nps') return score <= 6;
  return isEffort(metric) ? score > midpoint(metric) : score < midpoint(metric);
}

/**
 * An answer happy enough to ask for a public review: NPS 9-10; CSAT the top box (5 on 1-5); CES 2.0
 * the top two boxes (6-7); on the effort scale the bottom two boxes (1-2, the least effort).
 */
export function isPromoter(metric: MetricDefinition, score: number): boolean {
  if (metric.kind === 'nps') return score >= 9;
  if (metric.kind === 'csat') return score === metric.max;
  return isEffort(metric) ? score <= metric.min + 1 : score >= metric.max - 1;
}

/** One band of a scale: the answers counted as good, in between, or bad for this metric. */
export interface ScoreBand {
  /** `promoters`, `satisfied`, `agree` or `low_effort`; `passives` or `neutral`; `detractors`, `unsatisfied`, `disagree` or `high_effort`. */
  name: string;
  /** What the dashboard shows, e.g. "Promoters". */
  label: string;
  tone: 'good' | 'neutral' | 'bad';
  /** Inclusive range of answers on the metric's scale. */
  min: number;
  max: number;
}

const BAND_NAMES: Record<string, [good: string, neutral: string, bad: string]> = {
  nps: ['promoters', 'passives', 'detractors'],
  csat: ['satisfied', 'neutral', 'unsatisfied'],
  ces2: ['agree', 'neutral', 'disagree'],
  effort: ['low_effort', 'neutral', 'high_effort'],
};

/**
 * The bands of a metric's scale, good first, from the same thresholds the scores and alerts use:
 * NPS promoters / passives / detractors; CSAT satisfied (top boxes) / neutral / unsatisfied
 * (alert); CES 2.0 agree / neutral / disagree; the effort scale low / neutral / high effort.
 * A band with no answer on the scale (none so far) is left out.
 */
export function scoreBands(metric: MetricDefinition): ScoreBand[] {
  const good = (v: number) =>
    metric.kind === 'nps'
      ? isPromoter(metric, v)
      : metric.kind === 'csat'
        ? isSatisfied(metric, v)
        : isEasy(metric, v);
  const key = metric.kind === 'ces' ? (metric.convention ?? 'ces2') : metric.kind;
  const names = BAND_NAMES[key] ?? ['good', 'neutral', 'bad'];
  const tones = ['good', 'neutral', 'bad'] as const;
  const values: number[][] = [[], [], []];
  for (let v = metric.min; v <= metric.max; v++)
    values[good(v) ? 0 : isDetractor(metric, v) ? 2 : 1]?.push(v);
  return tones.flatMap((tone, i) => {
    const band = values[i] ?? [];
    const name = names[i] ?? tone;
    if (band.length === 0) return [];
    const label = name.replace('_', ' ').replace(/^./, (c) => c.toUpperCase());
    return [{ name, label, tone, min: Math.min(...band), max: Math.max(...band) }];
  });
}

// ---------------------------------------------------------------------------------------------
// Confidence intervals.

export interface Interval {
  low: number;
  high: number;
}

const Z95 = 1.96;

/** Two-sided 95% t quantiles (t at 0.975) for 1..30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Two-sided 95% Student t quantile: the table for 1-30 degrees of freedom, the normal 1.96 above. */
export function t95(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`t95: degrees of freedom must be >= 1, got ${df}`);
  return T95[df - 1] ?? Z95;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Wilson score interval for `successes` out of `n`, in percent. Unlike p ± 1.96·√(p(1-p)/n) it never
 * collapses to zero width at 0% or 100% and stays inside 0-100 (1 of 1 gives 20.65-100).
 */
export function wilson(successes: number, n: number): Interval {
  if (!(n > 0) || successes < 0 || successes > n)
    throw new RangeError(`wilson: need 0 <= successes <= n and n > 0, got ${successes}/${n}`);
  const z2 = Z95 * Z95;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: round(clamp(centre - half, 0, 1) * 100), high: round(clamp(centre + half, 0, 1) * 100) };
}

/**
 * NPS 95% interval: NPS ± 1.96·100·√((p + d - (p - d)²) / n) with p, d the promoter and detractor
 * shares (the variance of a difference of two multinomial shares), clamped to [-100, 100]. When all
 * answers fall in one band the variance is 0 and the interval has zero width: read it with `lowSample`.
 */
export function npsInterval(promoters: number, detractors: number, n: number): Interval {
  if (!(n > 0) || promoters < 0 || detractors < 0 || promoters + detractors > n)
    throw new RangeError(`npsInterval: invalid counts ${promoters}+${detractors} of ${n}`);
  const p = promoters / n;
  const d = detractors / n;
  const nps = 100 * (p - d);
  // max(0, …) absorbs a -1e-17 from floating point when all answers are in one band.
  const half = Z95 * 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
  return { low: round(clamp(nps - half, -100, 100)), high: round(clamp(nps + half, -100, 100)) };
}

/**
 * 95% interval of a mean on a `min`-`max` scale: mean ± t(n-1)·s/√n with the sample standard
 * deviation s, clamped to the scale. One answer says nothing about spread, so n = 1 gives the whole
 * scale.
 */
export function meanInterval(distribution: Record<string, number>, min: number, max: number): Interval {
  const { n, mean, variance } = meanSummary(distribution);
  if (n === 1) return { low: min, high: max };
  const half = (t95(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  return { low: round(clamp(mean - half, min, max)), high: round(clamp(mean + half, min, max)) };
}

/** Count, mean and sample variance (n - 1 denominator; 0 for one answer) of a group of scores. */
export interface MeanSummary {
  n: number;
  mean: number;
  variance: number;
}

/** The summary of a score distribution (`value -> count`). Throws a RangeError when it is empty. */
export function meanSummary(distribution: Readonly<Record<string, number>>): MeanSummary {
  let n = 0;
  let sum = 0;
  for (const [v, c] of Object.entries(distribution)) {
    n += c;
    sum += c * Number(v);
  }
  if (!(n > 0)) throw new RangeError('meanSummary: no answers');
  const mean = sum / n;
  let squares = 0;
  for (const [v, c] of Object.entries(distribution)) squares += c * (Number(v) - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

// ---------------------------------------------------------------------------------------------
// Summaries.

export interface ScoreSummary {
  metric: MetricKind;
  /** CES only: `ces2` (higher is better) or `effort` (higher is worse). */
  convention?: 'ces2' | 'effort';
  /** Scored answers (n). */
  responses: number;
  /** Answers per scale value, every value of the scale present (zeros included). */
  distribution: Record<string, number>;
  /** NPS -100..100; CSAT % satisfied (0..100); CES the mean on its scale. Null without answers. */
  score: number | null;
  ci95: Interval | null;
  /** responses < minSample (default 30): the score is mostly noise. */
  lowSample: boolean;
  /** NPS: % of promoters (9-10), passives (7-8), detractors (0-6). */
  promoters?: number;
  passives?: number;
  detractors?: number;
  /** CSAT: % satisfied (top two boxes), the same as `score`. */
  satisfiedPct?: number;
  /** CES: % of "easy" answers (CES 2.0: agree, 5-7 on 1-7; effort scale: low effort). */
  agreePct?: number;
  /** CES: mean answer, the same as `score`. */
  mean?: number;
  /** Answers with a comment / all answers (scored or not), 0..1. */
  commentRate: number | null;
  /** Answers without a score (comment only). */
  unscored: number;
  sent: number;
  delivered: number;
  answered: number;
  /** answered / sent, 0..1; null when nothing was sent. */
  responseRate: number | null;
}

/** Default minimum sample below which a summary is flagged `lowSample`. */
export const DEFAULT_MIN_SAMPLE = 30;

function checkScale(metric: MetricDefinition): void {
  const ok =
    Number.isInteger(metric.min) &&
    Number.isInteger(metric.max) &&
    metric.min < metric.max &&
    (metric.kind !== 'nps' || (metric.min === 0 && metric.max === 10));
  if (!ok) throw new RangeError(`unsupported ${metric.kind} scale ${metric.min}-${metric.max}`);
}

/**
 * The scores of one dimension of an aggregate item (or a sum of items). Values outside the metric's
 * scale (left over from an earlier scale) cannot be scored and are not counted. Throws a RangeError
 * for a scale the formulas do not fit (NPS other than 0-10, min >= max).
 */
export function summarize(
  item: Record<string, number>,
  metric: MetricDefinition,
  dim: string = ALL_DIM,
  options: { minSample?: number } = {},
): ScoreSummary {
  checkScale(metric);
  const distribution: Record<string, number> = {};
  let n = 0;
  let sum = 0;
  for (let v = metric.min; v <= metric.max; v++) {
    const count = item[`v|${dim}|${v}`] ?? 0;
    distribution[String(v)] = count;
    n += count;
    sum += count * v;
  }
  const countWhere = (pred: (v: number) => boolean) => {
    let c = 0;
    for (let v = metric.min; v <= metric.max; v++) if (pred(v)) c += distribution[String(v)] ?? 0;
    return c;
  };
  const pct = (count: number) => round((100 * count) / n);
  const unscored = item[`r|${dim}`] ?? 0;
  const comments = item[`c|${dim}`] ?? 0;
  const sent = item[`sent|${dim}`] ?? 0;
  const answered = item[`answered|${dim}`] ?? 0;
  const base: ScoreSummary = {
    metric: metric.kind,
    ...(metric.kind === 'ces' && { convention: metric.convention ?? 'ces2' }),
    responses: n,
    distribution,
    score: null,
    ci95: null,
    lowSample: n < (options.minSample ?? DEFAULT_MIN_SAMPLE),
    commentRate: n + unscored > 0 ? round(comments / (n + unscored), 4) : null,
    unscored,
    sent,
    delivered: item[`delivered|${dim}`] ?? 0,
    answered,
    responseRate: sent > 0 ? round(answered / sent, 4) : null,
  };
  if (n === 0) return base;

  if (metric.kind === 'nps') {
    const promoters = countWhere((v) => isPromoter(metric, v));
    const detractors = countWhere((v) => isDetractor(metric, v));
    return {
      ...base,
      score: round((100 * (promoters - detractors)) / n),
      ci95: npsInterval(promoters, detractors, n),
      promoters: pct(promoters),
      passives: pct(n - promoters - detractors),
      detractors: pct(detractors),
    };
  }
  if (metric.kind === 'csat') {
    const satisfied = countWhere((v) => isSatisfied(metric, v));
    return { ...base, score: pct(satisfied), ci95: wilson(satisfied, n), satisfiedPct: pct(satisfied) };
  }
  const mean = round(sum / n);
  return {
    ...base,
    score: mean,
    mean,
    ci95: meanInterval(distribution, metric.min, metric.max),
    agreePct: pct(countWhere((v) => isEasy(metric, v))),
  };
}
