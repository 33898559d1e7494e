import type { MetricDefinition } from './model.ts';
import {
  DEFAULT_MIN_SAMPLE,
  type Interval,
  isDetractor,
  isPromoter,
  isSatisfied,
  type MeanSummary,
  meanSummary,
} from './scoring.ts';

export { type MeanSummary, meanSummary };

import { regularizedBeta, regularizedGammaQ } from './special-functions.ts';

/**
 * Is a change news? Tests for the difference between two groups of answers (this period vs the
 * previous one, or customers who mention a theme vs those who do not), one per metric:
 * - CSAT: two-proportion z-test on the satisfied shares (pooled standard error for the test);
 * - NPS: the difference of two NPS with the sum of both trinomial variances,
 *   Var(NPS) = 100² · (p + d - (p - d)²) / n (the margin of error of DOMAIN.md);
 * - CES: Welch's t-test on the means, p-value from Student's t with Welch-Satterthwaite degrees of
 *   freedom (exact for small samples, not a normal approximation).
 * Differences are `b - a` in the metric's unit: percentage points for CSAT and NPS, scale points for
 * CES. Below `minAnswers` answers in either group (default 30, the `lowSample` threshold) the result
 * says `enoughData: false`: show "not enough answers", never an arrow.
 */

export interface Comparison {
  /** `b - a` in the metric's unit. */
  difference: number;
  /** Standard error of the difference, as used by the test. */
  standardError: number;
  /** Two-sided p-value. */
  pValue: number;
  /** 95% confidence interval of the difference (unpooled for proportions). */
  ci95: Interval;
  /** p < 0.05 and enough data. */
  significant: boolean;
  /** False below the minimum: "not enough answers". */
  enoughData: boolean;
}

export interface TestOptions {
  /** Minimum answers per group for a verdict (default `DEFAULT_MIN_SAMPLE` = 30). */
  minAnswers?: number;
}

const ALPHA = 0.05;
const Z975 = 1.959963984540054;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Two-sided p-value of a standard normal statistic: erfc(|z|/√2) = Q(1/2, z²/2). */
export function normalTwoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? Number.NaN : 0;
  return regularizedGammaQ(0.5, (z * z) / 2);
}

/** Two-sided p-value of Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function studentTwoSidedP(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (!Number.isFinite(t)) return Number.isNaN(t) ? Number.NaN : 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** The t with two-sided p = 0.05 for `df` degrees of freedom (any real df > 0), by bisection. */
export function studentT975(df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (df > 1e7) return Z975;
  let lo = 0;
  let hi = 1e3;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSidedP(mid, df) > ALPHA) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function verdict(
  difference: number,
  standardError: number,
  pValue: number,
  half: number,
  enoughData: boolean,
): Comparison {
  return {
    difference: round(difference, 4),
    standardError: round(standardError, 4),
    pValue: round(pValue, 6),
    ci95: { low: round(difference - half, 4), high: round(difference + half, 4) },
    significant: enoughData && pValue < ALPHA,
    enoughData,
  };
}

/** With no spread in either group the statistic is undefined: equal groups are not different, unequal ones are. */
const degenerateP = (difference: number) => (difference === 0 ? 1 : 0);

/**
 * Two-proportion z-test: `x` successes of `n` answers in groups a and b (CSAT: satisfied answers).
 * Besides `minAnswers`, the normal approximation needs at least 5 expected successes and failures
 * per group under the pooled share; otherwise `enoughData` is false.
 */
export function twoProportionTest(
  a: { successes: number; n: number },
  b: { successes: number; n: number },
  options: TestOptions = {},
): Comparison {
  for (const g of [a, b])
    if (!(g.n > 0) || g.successes < 0 || g.successes > g.n || !Number.isInteger(g.successes))
      throw new RangeError(`need 0 <= successes <= n and n > 0, got ${g.successes}/${g.n}`);
  const pa = a.successes / a.n;
  const pb = b.successes / b.n;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const difference = 100 * (pb - pa);
  const se = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const unpooled = 100 * Math.sqrt((pa * (1 - pa)) / a.n + (pb * (1 - pb)) / b.n);
  const pValue = se > 0 ? normalTwoSidedP(difference / se) : degenerateP(difference);
  const min = options.minAnswers ?? DEFAULT_MIN_SAMPLE;
  const expectedOk = [a.n, b.n].every((n) => n * pooled >= 5 && n * (1 - pooled) >= 5);
  return verdict(difference, se, pValue, Z975 * unpooled, a.n >= min && b.n >= min && expectedOk);
}

export interface NpsCounts {
  promoters: number;
  detractors: number;
  n: number;
}

/** NPS (-100..100) and its variance in NPS points², 100²·(p + d - (p - d)²)/n. */
export function npsWithVariance(c: NpsCounts): { nps: number; variance: number } {
  if (!(c.n > 0) || c.promoters < 0 || c.detractors < 0 || c.promoters + c.detractors > c.n)
    throw new RangeError(`invalid NPS counts ${c.promoters}+${c.detractors} of ${c.n}`);
  const p = c.promoters / c.n;
  const d = c.detractors / c.n;
  return { nps: 100 * (p - d), variance: (10_000 * Math.max(0, p + d - (p - d) ** 2)) / c.n };
}

/** NPS difference test: z = (NPS_b - NPS_a) / √(Var_a + Var_b). */
export function npsDifferenceTest(a: NpsCounts, b: NpsCounts, options: TestOptions = {}): Comparison {
  const ga = npsWithVariance(a);
  const gb = npsWithVariance(b);
  const difference = gb.nps - ga.nps;
  const se = Math.sqrt(ga.variance + gb.variance);
  const pValue = se > 0 ? normalTwoSidedP(difference / se) : degenerateP(difference);
  const min = options.minAnswers ?? DEFAULT_MIN_SAMPLE;
  return verdict(difference, se, pValue, Z975 * se, a.n >= min && b.n >= min);
}

/** Welch's t-test on two means, with the Welch-Satterthwaite degrees of freedom. */
export function welchTTest(
  a: MeanSummary,
  b: MeanSummary,
  options: TestOptions = {},
): Comparison & { degreesOfFreedom: number } {
  for (const g of [a, b])
    if (!(g.n >= 2) || !(g.variance >= 0))
      throw new RangeError(`need n >= 2 and variance >= 0, got n=${g.n}`);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const difference = b.mean - a.mean;
  const se = Math.sqrt(va + vb);
  const df = se > 0 ? (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1)) : a.n + b.n - 2;
  const pValue = se > 0 ? studentTwoSidedP(difference / se, df) : degenerateP(difference);
  const min = options.minAnswers ?? DEFAULT_MIN_SAMPLE;
  return {
    ...verdict(difference, se, pValue, studentT975(df) * se, a.n >= min && b.n >= min),
    degreesOfFreedom: round(df, 2),
  };
}

/** Score value -> count, as stored in the aggregates and returned in `ScoreSummary.distribution`. */
export type Distribution = Readonly<Record<string, number>>;

function countWhere(distribution: Distribution, pred: (v: number) => boolean): { count: number; n: number } {
  let count = 0;
  let n = 0;
  for (const [v, c] of Object.entries(distribution)) {
    n += c;
    if (pred(Number(v))) count += c;
  }
  return { count, n };
}

/** A group too small to compute anything (no answers, or one CES answer): "not enough answers". */
export interface NoComparison {
  difference: null;
  significant: false;
  enoughData: false;
}

const NO_COMPARISON: NoComparison = { difference: null, significant: false, enoughData: false };

/**
 * Compares two groups of answers of one metric with the test that fits it. `a` is the baseline
 * (the previous period), `b` the group compared with it (the current period).
 */
export function compareScores(
  metric: MetricDefinition,
  a: Distribution,
  b: Distribution,
  options: TestOptions = {},
): Comparison | NoComparison {
  const least = metric.kind === 'ces' ? 2 : 1;
  if (countWhere(a, () => true).n < least || countWhere(b, () => true).n < least) return NO_COMPARISON;
  if (metric.kind === 'csat') {
    const sa = countWhere(a, (v) => isSatisfied(metric, v));
    const sb = countWhere(b, (v) => isSatisfied(metric, v));
    return twoProportionTest({ successes: sa.count, n: sa.n }, { successes: sb.count, n: sb.n }, options);
  }
  if (metric.kind === 'nps') {
    const counts = (d: Distribution): NpsCounts => ({
      promoters: countWhere(d, (v) => isPromoter(metric, v)).count,
      detractors: countWhere(d, (v) => isDetractor(metric, v)).count,
      n: countWhere(d, () => true).n,
    });
    return npsDifferenceTest(counts(a), counts(b), options);
  }
  const { degreesOfFreedom: _, ...result } = welchTTest(meanSummary(a), meanSummary(b), options);
  return result;
}

/**
 * A theme's impact: the score of customers who mention it minus the score of those who do not
 * (NPS points, CSAT points or CES scale points), with its 95% interval and significance. A theme
 * with impact -12 (CI -20..-4) costs twelve NPS points among the customers who raise it.
 */
export function themeImpact(
  metric: MetricDefinition,
  mentioning: Distribution,
  notMentioning: Distribution,
  options: TestOptions = {},
): Comparison | NoComparison {
  return compareScores(metric, notMentioning, mentioning, options);
}
