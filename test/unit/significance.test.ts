import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import {
  compareScores,
  meanSummary,
  normalTwoSidedP,
  npsDifferenceTest,
  studentT975,
  studentTwoSidedP,
  themeImpact,
  twoProportionTest,
  welchTTest,
} from '../../shared/domain/significance.ts';
import { lnGamma, regularizedBeta } from '../../shared/domain/special-functions.ts';

/** A 0-10 / 1-5 / 1-7 distribution from value -> count pairs. */
const dist = (counts: Record<number, number>) =>
  Object.fromEntries(Object.entries(counts).map(([v, c]) => [v, c]));

describe('special functions', () => {
  it('gives Γ(5) = 24 and Γ(1/2) = √π', () => {
    expect(Math.exp(lnGamma(5))).toBeCloseTo(24, 10);
    expect(Math.exp(lnGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 10);
  });

  it('gives I_x(1, 1) = x and I_x(a, b) = 1 - I_(1-x)(b, a)', () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedBeta(0.2, 2.5, 4) + regularizedBeta(0.8, 4, 2.5)).toBeCloseTo(1, 12);
  });
});

describe('p-values', () => {
  it('reads the normal table: |z| = 1.96 -> 0.05, 2.576 -> 0.01, 0 -> 1', () => {
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  // Critical values from any Student t table (two-sided 5%): df 1 -> 12.706, 10 -> 2.228, 30 -> 2.042.
  it.each([
    [1, 12.706],
    [10, 2.228],
    [30, 2.042],
  ])('reads the t table: df %i, t %f -> p 0.05', (df, t) => {
    expect(studentTwoSidedP(t, df)).toBeCloseTo(0.05, 4);
    expect(studentT975(df)).toBeCloseTo(t, 3);
  });

  it('uses the t distribution, not the normal, for few degrees of freedom', () => {
    expect(studentTwoSidedP(2.228, 10)).toBeGreaterThan(normalTwoSidedP(2.228) + 0.02);
  });
});

describe('twoProportionTest (CSAT)', () => {
  // By hand: 45/100 vs 60/100, pooled p = 0.525, SE = √(0.525·0.475·(1/100 + 1/100)) = 0.070622,
  // z = 0.15 / 0.070622 = 2.124, two-sided p = erfc(2.124/√2) = 0.0337.
  it('matches the hand computation for 45% vs 60% of 100 answers each', () => {
    const r = twoProportionTest({ successes: 45, n: 100 }, { successes: 60, n: 100 });
    expect(r.difference).toBe(15);
    expect(r.standardError).toBeCloseTo(7.0622, 3);
    expect(r.pValue).toBeCloseTo(0.0337, 4);
    expect(r).toMatchObject({ significant: true, enoughData: true });
  });

  it('says "not enough answers" under the minimum, and still reports the difference', () => {
    const r = twoProportionTest({ successes: 5, n: 10 }, { successes: 9, n: 10 });
    expect(r).toMatchObject({ difference: 40, enoughData: false, significant: false });
  });

  it('needs five expected successes and failures per group for the normal approximation', () => {
    const r = twoProportionTest({ successes: 99, n: 100 }, { successes: 100, n: 100 });
    expect(r.enoughData).toBe(false);
  });

  it('calls two identical all-satisfied groups not different', () => {
    const r = twoProportionTest({ successes: 50, n: 50 }, { successes: 50, n: 50 });
    expect(r).toMatchObject({ difference: 0, pValue: 1, significant: false });
  });
});

describe('npsDifferenceTest', () => {
  // By hand: a = 60 P / 45 D of 150 (NPS 10, Var = 10⁴·(0.7 - 0.01)/150 = 46.0), b = 100 P / 40 D of
  // 200 (NPS 30, Var = 10⁴·(0.7 - 0.09)/200 = 30.5); SE = √76.5 = 8.746, z = 2.287, p = 0.0222.
  it('sums both trinomial variances', () => {
    const r = npsDifferenceTest(
      { promoters: 60, detractors: 45, n: 150 },
      { promoters: 100, detractors: 40, n: 200 },
    );
    expect(r.difference).toBe(20);
    expect(r.standardError).toBeCloseTo(8.7464, 3);
    expect(r.pValue).toBeCloseTo(0.0222, 4);
    expect(r.significant).toBe(true);
  });

  it('uses the margin of error of DOMAIN.md: n = 100 gives about ±15 points for one NPS', () => {
    const r = npsDifferenceTest(
      { promoters: 50, detractors: 20, n: 100 },
      { promoters: 50, detractors: 20, n: 100 },
    );
    // Two equal groups: the half-width of the difference is √2 times one group's margin of error.
    expect((r.ci95.high - r.ci95.low) / 2 / Math.SQRT2).toBeCloseTo(15.3, 1);
  });
});

describe('welchTTest (CES means)', () => {
  // Welch's t-test, Wikipedia example 1 (two samples of 15): t = -2.46, df = 24.99, p = 0.021.
  const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  const summary = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    return { n: xs.length, mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
  };

  it('matches the textbook example', () => {
    const r = welchTTest(summary(a2), summary(a1), { minAnswers: 2 });
    expect(r.difference / r.standardError).toBeCloseTo(-2.46, 2);
    expect(r.degreesOfFreedom).toBeCloseTo(24.99, 2);
    expect(r.pValue).toBeCloseTo(0.021, 3);
    expect(r.significant).toBe(true);
  });

  it('reports "not enough answers" below the default minimum of 30', () => {
    expect(welchTTest(summary(a2), summary(a1)).enoughData).toBe(false);
  });

  it('reads a score distribution into n, mean and sample variance', () => {
    expect(meanSummary(dist({ 1: 1, 3: 2, 5: 1 }))).toEqual({ n: 4, mean: 3, variance: 8 / 3 });
  });
});

describe('compareScores', () => {
  it('picks the test by metric and says "not enough answers" for an empty period', () => {
    const current = dist({ 9: 40, 10: 20, 7: 20, 3: 20 });
    expect(compareScores(DEFAULT_METRICS.nps, {}, current)).toEqual({
      difference: null,
      significant: false,
      enoughData: false,
    });
    const csat = compareScores(DEFAULT_METRICS.csat, dist({ 5: 30, 2: 30 }), dist({ 5: 50, 2: 10 }));
    expect(csat).toMatchObject({ difference: expect.closeTo(33.33, 2), significant: true });
  });

  it('compares CES means with Welch', () => {
    const r = compareScores(DEFAULT_METRICS.ces, dist({ 4: 20, 5: 20 }), dist({ 6: 20, 7: 20 }));
    expect(r).toMatchObject({ difference: 2, significant: true, enoughData: true });
  });
});

describe('themeImpact', () => {
  it('is the score of those who mention a theme minus the score of those who do not', () => {
    // Mentioning: NPS (10 - 30)/40 = -50; not mentioning: NPS (60 - 10)/100 = 50; impact -100.
    const mentioning = dist({ 10: 10, 8: 0, 7: 0, 2: 30 });
    const notMentioning = dist({ 9: 60, 7: 30, 0: 10 });
    const r = themeImpact(DEFAULT_METRICS.nps, mentioning, notMentioning);
    expect(r).toMatchObject({ difference: -100, significant: true, enoughData: true });
    if (r.difference === null) throw new Error('expected a comparison');
    expect(r.ci95.low).toBeLessThan(-100);
    expect(r.ci95.high).toBeGreaterThan(-100);
  });
});
