import type { Channel, MetricDefinition, MetricKind } from './model.ts';
import { periodKeys } from './periods.ts';

/**
 * How scores are computed (see docs/scores.md). Aggregates are flat counters so a whole batch of
 * replies becomes one `ADD` per aggregate item:
 *   n|<dim>          scored responses          v|<dim>|<value>  responses per answer value
 *   r|<dim>          answers without a score   c|<dim>          responses with a comment
 *   sent|<dim>, delivered|<dim>, answered|<dim>  survey lifecycle counts
 * where <dim> is `all`, `ch:<channel>` or `drv:<driver>:<bucket>`.
 */
export interface ResponseSnapshot {
  surveyId: string;
  touchpoint: string;
  metric: MetricDefinition;
  score: number | null;
  hasComment: boolean;
  channel: Channel;
  answeredAt: string;
  drivers?: Record<string, string>;
}

export type ItemDelta = Record<string, number>;

export interface SurveyLifecycleChange {
  touchpoint: string;
  channel: Channel;
  at: string;
  counter: 'sent' | 'delivered' | 'answered';
  delta: 1 | -1;
}

export { periodKeys };

function dimsOf(s: { channel: Channel; drivers?: Record<string, string> }): string[] {
  return [
    'all',
    `ch:${s.channel}`,
    ...Object.entries(s.drivers ?? {}).map(([name, bucket]) => `drv:${name}:${bucket}`),
  ];
}

function add(target: Map<string, ItemDelta>, key: string, attr: string, value: number): void {
  const item = target.get(key) ?? {};
  item[attr] = (item[attr] ?? 0) + value;
  target.set(key, item);
}

function contribute(
  target: Map<string, ItemDelta>,
  s: ResponseSnapshot,
  sign: 1 | -1,
  timeZone: string,
): void {
  for (const period of periodKeys(new Date(s.answeredAt), timeZone)) {
    const key = `${s.touchpoint}#${period}`;
    for (const dim of dimsOf(s)) {
      if (s.score === null) add(target, key, `r|${dim}`, sign);
      else {
        add(target, key, `n|${dim}`, sign);
        add(target, key, `v|${dim}|${s.score}`, sign);
      }
      if (s.hasComment) add(target, key, `c|${dim}`, sign);
    }
  }
}

function dropZeros(deltas: Map<string, ItemDelta>): Map<string, ItemDelta> {
  for (const [key, item] of deltas) {
    for (const [attr, v] of Object.entries(item)) if (v === 0) delete item[attr];
    if (Object.keys(item).length === 0) deltas.delete(key);
  }
  return deltas;
}

/** Folds response changes (old image out, new image in) into one delta per aggregate item. */
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

export function foldSurveyChanges(
  changes: SurveyLifecycleChange[],
  timeZone: string,
): Map<string, ItemDelta> {
  const out = new Map<string, ItemDelta>();
  for (const c of changes) {
    for (const period of periodKeys(new Date(c.at), timeZone)) {
      for (const dim of ['all', `ch:${c.channel}`])
        add(out, `${c.touchpoint}#${period}`, `${c.counter}|${dim}`, c.delta);
    }
  }
  return dropZeros(out);
}

/** Sum of two folds (fold is associative: fold(a ++ b) = merge(fold(a), fold(b))). */
export function mergeDeltas(a: Map<string, ItemDelta>, b: Map<string, ItemDelta>): Map<string, ItemDelta> {
  const out = new Map<string, ItemDelta>();
  for (const source of [a, b])
    for (const [key, item] of source) for (const [attr, v] of Object.entries(item)) add(out, key, attr, v);
  return dropZeros(out);
}

/** Sums aggregate items attribute by attribute (e.g. a date range from day items). */
export function sumItems(items: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items)
    for (const [k, v] of Object.entries(item)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Two-sided 95% t quantiles for 1..30 degrees of freedom; 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
export function t95(df: number): number {
  return df >= 1 && df <= 30 ? (T95[df - 1] ?? 1.96) : 1.96;
}

/** Answers counted as satisfied (CSAT): the top two boxes (4-5 on 1-5), the top box on 3-point scales. */
export function satisfied(metric: MetricDefinition, score: number): boolean {
  const span = metric.max - metric.min + 1;
  return score >= metric.max - (span <= 3 ? 0 : 1);
}

/** CES 2.0 agreement (5-7 on 1-7); on the older effort scale, low effort (the bottom two boxes). */
export function agrees(metric: MetricDefinition, score: number): boolean {
  return metric.convention === 'effort' ? score <= metric.min + 1 : score >= metric.max - 2;
}

/** Detractor: NPS 0-6, CSAT bottom two (1-2 on 1-5), CES 2.0 1-3 on 1-7; effort scale: top two (high effort). */
export function isDetractor(metric: MetricDefinition, score: number): boolean {
  if (metric.kind === 'nps') return score <= 6;
  if (metric.kind === 'csat') return score <= metric.min + 1;
  if (metric.convention === 'effort') return score >= metric.max - 1;
  return score <= metric.min + Math.floor((metric.max - metric.min) / 2) - 1;
}

/** Promoter: NPS 9-10, CSAT top box, CES 2.0 top two (6-7); effort scale: the lowest box. */
export function isPromoter(metric: MetricDefinition, score: number): boolean {
  if (metric.kind === 'nps') return score >= 9;
  if (metric.kind === 'csat') return score === metric.max;
  if (metric.convention === 'effort') return score === metric.min;
  return score >= metric.max - 1;
}

export interface ScoreSummary {
  metric: MetricKind;
  convention?: 'ces2' | 'effort';
  responses: number;
  distribution: Record<string, number>;
  /** NPS -100..100; CSAT percent satisfied; CES mean. */
  score: number | null;
  ci95: { low: number; high: number } | null;
  lowSample: boolean;
  promoters?: number;
  passives?: number;
  detractors?: number;
  satisfiedPct?: number;
  agreePct?: number;
  mean?: number;
  commentRate: number | null;
  unscored: number;
  sent: number;
  delivered: number;
  answered: number;
  responseRate: number | null;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Wilson score interval for a proportion, in percent. */
export function wilson(successes: number, n: number): { low: number; high: number } {
  const z = 1.96;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: round(clamp(centre - half, 0, 1) * 100), high: round(clamp(centre + half, 0, 1) * 100) };
}

export function summarize(
  item: Record<string, number>,
  metric: MetricDefinition,
  dim = 'all',
  options: { minSample?: number } = {},
): ScoreSummary {
  const distribution: Record<string, number> = {};
  let n = 0;
  let sum = 0;
  for (let v = metric.min; v <= metric.max; v++) {
    const count = item[`v|${dim}|${v}`] ?? 0;
    distribution[String(v)] = count;
    n += count;
    sum += count * v;
  }
  const unscored = item[`r|${dim}`] ?? 0;
  const comments = item[`c|${dim}`] ?? 0;
  const sent = item[`sent|${dim}`] ?? 0;
  const answered = item[`answered|${dim}`] ?? 0;
  const base: ScoreSummary = {
    metric: metric.kind,
    ...(metric.convention && { convention: metric.convention }),
    responses: n,
    distribution,
    score: null,
    ci95: null,
    lowSample: n < (options.minSample ?? 30),
    commentRate: n + unscored > 0 ? round(comments / (n + unscored), 4) : null,
    unscored,
    sent,
    delivered: item[`delivered|${dim}`] ?? 0,
    answered,
    responseRate: sent > 0 ? round(answered / sent, 4) : null,
  };
  if (n === 0) return base;
  const count = (pred: (v: number) => boolean) =>
    Object.entries(distribution).reduce((acc, [v, c]) => (pred(Number(v)) ? acc + c : acc), 0);
  if (metric.kind === 'nps') {
    const p = count((v) => v >= 9) / n;
    const d = count((v) => v <= 6) / n;
    const half = 1.96 * 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
    const score = 100 * (p - d);
    return {
      ...base,
      score: round(score),
      ci95: { low: round(clamp(score - half, -100, 100)), high: round(clamp(score + half, -100, 100)) },
      promoters: round(p * 100),
      passives: round((1 - p - d) * 100),
      detractors: round(d * 100),
    };
  }
  if (metric.kind === 'csat') {
    const s = count((v) => satisfied(metric, v));
    return { ...base, score: round((s / n) * 100), ci95: wilson(s, n), satisfiedPct: round((s / n) * 100) };
  }
  const mean = sum / n;
  let ci: { low: number; high: number };
  if (n === 1) ci = { low: metric.min, high: metric.max };
  else {
    let ss = 0;
    for (const [v, c] of Object.entries(distribution)) ss += c * (Number(v) - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    const half = t95(n - 1) * (sd / Math.sqrt(n));
    ci = {
      low: round(clamp(mean - half, metric.min, metric.max)),
      high: round(clamp(mean + half, metric.min, metric.max)),
    };
  }
  return {
    ...base,
    score: round(mean),
    mean: round(mean),
    ci95: ci,
    agreePct: round((count((v) => agrees(metric, v)) / n) * 100),
  };
}
