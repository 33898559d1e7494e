import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lifecycleChange, lifecycleCounts } from '../../shared/domain/lifecycle-counts.ts';
import { CHANNELS, type Channel, DEFAULT_METRICS, type MetricDefinition } from '../../shared/domain/model.ts';
import {
  foldResponseChanges,
  foldSurveyChanges,
  type ItemDelta,
  isDetractor,
  isEasy,
  isPromoter,
  isSatisfied,
  meanInterval,
  mergeDeltas,
  npsInterval,
  type ResponseSnapshot,
  type SurveyLifecycleChange,
  scoreBands,
  sumItems,
  summarize,
  t95,
  wilson,
} from '../../shared/domain/scoring.ts';

const { nps, csat, ces } = DEFAULT_METRICS;
const effort5: MetricDefinition = { kind: 'ces', min: 1, max: 5, convention: 'effort' };
const csat3: MetricDefinition = { kind: 'csat', min: 1, max: 3 };
const csat7: MetricDefinition = { kind: 'csat', min: 1, max: 7 };
const csat10: MetricDefinition = { kind: 'csat', min: 1, max: 10 };

/** A flat aggregate item counted by hand (independent of the fold), dimension `all`. */
function itemOf(scores: number[], extra: Record<string, number> = {}): Record<string, number> {
  const item: Record<string, number> = { ...extra };
  for (const s of scores) {
    item['n|all'] = (item['n|all'] ?? 0) + 1;
    item[`v|all|${s}`] = (item[`v|all|${s}`] ?? 0) + 1;
  }
  return item;
}

const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);
const scale = (m: MetricDefinition) => Array.from({ length: m.max - m.min + 1 }, (_, i) => m.min + i);

function snapshot(over: Partial<ResponseSnapshot> = {}): ResponseSnapshot {
  return {
    surveyId: 's1',
    touchpoint: 'delivery',
    metric: nps,
    score: 9,
    hasComment: false,
    channel: 'email',
    answeredAt: '2026-03-10T12:00:00Z',
    ...over,
  };
}

const plain = (m: Map<string, ItemDelta>) =>
  Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

describe('NPS', () => {
  it('is % promoters (9-10) minus % detractors (0-6)', () => {
    // 10 answers: promoters 10,9,9,10,9 = 5 (50%); passives 7,8,8 = 3 (30%); detractors 6,0 = 2 (20%).
    // NPS = 50 - 20 = 30.
    const s = summarize(itemOf([10, 9, 9, 10, 9, 7, 8, 8, 6, 0]), nps);
    expect(s).toMatchObject({ score: 30, promoters: 50, passives: 30, detractors: 20, responses: 10 });
    expect(s.distribution).toEqual({ 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 2, 9: 3, 10: 2 });
  });

  it('has the 95% interval NPS ± 1.96·100·√((p + d - (p - d)²) / n)', () => {
    // p = .5, d = .2, n = 10: p + d - (p - d)² = .7 - .09 = .61; √(.61 / 10) = .24698; × 196 = 48.41.
    // 30 ± 48.41 = [-18.41, 78.41].
    expect(summarize(itemOf([10, 9, 9, 10, 9, 7, 8, 8, 6, 0]), nps).ci95).toEqual({
      low: -18.41,
      high: 78.41,
    });
  });

  it('narrows to about ±16 points at n = 100 and ±5 at n = 1,000', () => {
    // 40% promoters, 30% passives, 30% detractors: NPS 10; .7 - .1² = .69.
    // n = 100: 196 × √(.0069) = 16.28; n = 1,000: 196 × √(.00069) = 5.15.
    const shares = (k: number) => [...repeat(9, 40 * k), ...repeat(7, 30 * k), ...repeat(3, 30 * k)];
    expect(summarize(itemOf(shares(1)), nps).ci95).toEqual({ low: -6.28, high: 26.28 });
    expect(summarize(itemOf(shares(10)), nps).ci95).toEqual({ low: 4.85, high: 15.15 });
  });

  it('clamps the interval to [-100, 100]', () => {
    // 9 promoters, 1 detractor: NPS 80; 1.0 - .8² = .36; 196 × √(.036) = 37.19; 80 + 37.19 > 100.
    expect(summarize(itemOf([...repeat(10, 9), 0]), nps).ci95).toEqual({ low: 42.81, high: 100 });
    // One promoter, one detractor: NPS 0; 1 - 0 = 1; 196 × √(1/2) = 138.59, both ends clamped.
    expect(npsInterval(1, 1, 2)).toEqual({ low: -100, high: 100 });
  });

  it('gives a zero-width interval when every answer is in one band (n = 1, all promoters, all detractors)', () => {
    // p + d - (p - d)² = 1 - 1 = 0 for all promoters or all detractors, 0 - 0 = 0 for all passives.
    expect(summarize(itemOf([10]), nps)).toMatchObject({ score: 100, ci95: { low: 100, high: 100 } });
    expect(summarize(itemOf([8]), nps)).toMatchObject({ score: 0, ci95: { low: 0, high: 0 } });
    expect(summarize(itemOf(repeat(9, 50)), nps)).toMatchObject({
      score: 100,
      ci95: { low: 100, high: 100 },
      lowSample: false,
    });
    expect(summarize(itemOf([0, 6, 3]), nps)).toMatchObject({
      score: -100,
      detractors: 100,
      ci95: { low: -100, high: -100 },
      lowSample: true,
    });
  });

  it('puts 0-6 in detractors, 7-8 in passives and 9-10 in promoters', () => {
    expect(scale(nps).filter((v) => isDetractor(nps, v))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(scale(nps).filter((v) => isPromoter(nps, v))).toEqual([9, 10]);
  });

  it('rejects an NPS scale other than 0-10, where the bands would mean nothing', () => {
    expect(() => summarize({}, { kind: 'nps', min: 1, max: 10 })).toThrow(RangeError);
  });

  it('stays within [-100, 100] with the score inside its interval for any distribution (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 }), (scores) => {
        const s = summarize(itemOf(scores), nps);
        // Oracle straight from the definition, on the raw list.
        const p = scores.filter((v) => v >= 9).length;
        const d = scores.filter((v) => v <= 6).length;
        expect(s.score).toBeCloseTo((100 * (p - d)) / scores.length, 2);
        expect(s.ci95?.low).toBeGreaterThanOrEqual(-100);
        expect(s.ci95?.high).toBeLessThanOrEqual(100);
        expect(s.ci95?.low).toBeLessThanOrEqual(s.score as number);
        expect(s.ci95?.high).toBeGreaterThanOrEqual(s.score as number);
      }),
    );
  });
});

describe('CSAT', () => {
  it('is the share of 4-5 answers on 1-5, with a Wilson interval', () => {
    // 3 of 4 satisfied (5, 4, 4; not 2) = 75%. Wilson, z² = 3.8416:
    // centre = (.75 + 3.8416/8) / (1 + 3.8416/4) = 1.2302 / 1.9604 = .62753
    // half = 1.96 × √(.75·.25/4 + 3.8416/64) / 1.9604 = 1.96 × √.1069 / 1.9604 = .32689
    // → [30.06, 95.44]
    const s = summarize(itemOf([5, 4, 4, 2]), csat);
    expect(s).toMatchObject({ score: 75, satisfiedPct: 75, ci95: { low: 30.06, high: 95.44 } });
  });

  it('keeps the interval informative at the edges: n = 1, 0% and 100%', () => {
    // At 100% Wilson's lower bound is n / (n + z²); at 0% the upper bound is z² / (n + z²).
    // n = 1: 1 / 4.8416 = 20.65%; n = 30: 30 / 33.8416 = 88.65% and 3.8416 / 33.8416 = 11.35%.
    expect(summarize(itemOf([5]), csat)).toMatchObject({ score: 100, ci95: { low: 20.65, high: 100 } });
    expect(summarize(itemOf([1]), csat)).toMatchObject({ score: 0, ci95: { low: 0, high: 79.35 } });
    expect(summarize(itemOf(repeat(4, 30)), csat).ci95).toEqual({ low: 88.65, high: 100 });
    expect(summarize(itemOf(repeat(3, 30)), csat).ci95).toEqual({ low: 0, high: 11.35 });
  });

  it('counts the top two boxes as satisfied on 1-7 and 1-10, and the top box on 1-3', () => {
    expect(scale(csat).filter((v) => isSatisfied(csat, v))).toEqual([4, 5]);
    expect(scale(csat7).filter((v) => isSatisfied(csat7, v))).toEqual([6, 7]);
    expect(scale(csat10).filter((v) => isSatisfied(csat10, v))).toEqual([9, 10]);
    expect(scale(csat3).filter((v) => isSatisfied(csat3, v))).toEqual([3]);
    // 1-3: 3 of 5 answers in the top box = 60%.
    expect(summarize(itemOf([3, 3, 3, 2, 1]), csat3).score).toBe(60);
  });

  it('flags answers below the midpoint as detractors and the top box as promoters', () => {
    expect(scale(csat).filter((v) => isDetractor(csat, v))).toEqual([1, 2]);
    expect(scale(csat3).filter((v) => isDetractor(csat3, v))).toEqual([1]);
    expect(scale(csat7).filter((v) => isDetractor(csat7, v))).toEqual([1, 2, 3]);
    expect(scale(csat10).filter((v) => isDetractor(csat10, v))).toEqual([1, 2, 3, 4, 5]);
    expect(scale(csat).filter((v) => isPromoter(csat, v))).toEqual([5]);
    expect(scale(csat10).filter((v) => isPromoter(csat10, v))).toEqual([10]);
  });

  it('refuses a proportion without answers', () => {
    expect(() => wilson(0, 0)).toThrow(RangeError);
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });
});

describe('CES 2.0 (agreement 1-7, higher is better)', () => {
  it('reports the mean and the % of 5-7 answers, with a t interval', () => {
    // mean (7 + 6 + 5 + 2) / 4 = 5; agree (5-7) 3 of 4 = 75%.
    // s² = (2² + 1² + 0² + 3²) / 3 = 14/3, s = 2.1602; t(3) = 3.182; half = 3.182 × 2.1602 / √4 = 3.437
    // → [1.56, 8.44], the top clamped to the scale's 7.
    const s = summarize(itemOf([7, 6, 5, 2]), ces);
    expect(s).toMatchObject({ score: 5, mean: 5, agreePct: 75, convention: 'ces2' });
    expect(s.ci95).toEqual({ low: 1.56, high: 7 });
  });

  it('uses t(9) = 2.262 for ten answers', () => {
    // 7,7,6,6,6,5,5,4,3,1: sum 50, mean 5; squared deviations 4+4+1+1+1+0+0+1+4+16 = 32;
    // s = √(32/9) = 1.8856; half = 2.262 × 1.8856 / √10 = 1.3488 → [3.65, 6.35]; agree 7 of 10.
    const s = summarize(itemOf([7, 7, 6, 6, 6, 5, 5, 4, 3, 1]), ces);
    expect(s).toMatchObject({ mean: 5, agreePct: 70, ci95: { low: 3.65, high: 6.35 } });
  });

  it('switches to the normal 1.96 above 30 degrees of freedom', () => {
    // 20 × 7 and 20 × 5: mean 6, s = √(40/39) = 1.0127; half = 1.96 × 1.0127 / √40 = .3139.
    expect(summarize(itemOf([...repeat(7, 20), ...repeat(5, 20)]), ces).ci95).toEqual({
      low: 5.69,
      high: 6.31,
    });
    expect([t95(1), t95(10), t95(30), t95(31), t95(1000)]).toEqual([12.706, 2.228, 2.042, 1.96, 1.96]);
    expect(() => t95(0)).toThrow(RangeError);
  });

  it('switches at the answer count docs/scores.md states', () => {
    const stated = /1\.96 from (\d+) answers on/.exec(readFileSync('docs/scores.md', 'utf8'))?.[1];
    const n = Number(stated);
    // n answers have n - 1 degrees of freedom: n is the first count whose interval uses 1.96.
    expect(t95(n - 1)).toBe(1.96);
    expect(t95(n - 2)).not.toBe(1.96);
  });

  it('gives the whole scale as the interval for a single answer', () => {
    expect(summarize(itemOf([6]), ces)).toMatchObject({ mean: 6, ci95: { low: 1, high: 7 } });
    expect(meanInterval({ 3: 1 }, 1, 5)).toEqual({ low: 1, high: 5 });
  });

  it('flags 1-3 as detractors and 6-7 as promoters', () => {
    expect(scale(ces).filter((v) => isDetractor(ces, v))).toEqual([1, 2, 3]);
    expect(scale(ces).filter((v) => isPromoter(ces, v))).toEqual([6, 7]);
    expect(scale(ces).filter((v) => isEasy(ces, v))).toEqual([5, 6, 7]);
  });
});

describe('CES on the older effort scale (higher means more effort)', () => {
  it('reports the mean and the % of low-effort answers, labelled with its convention', () => {
    // 1,2,2,4,5 on 1-5: mean 14/5 = 2.8; low effort (below the midpoint 3) = 1,2,2 = 60%.
    // Squared deviations 3.24 + .64 + .64 + 1.44 + 4.84 = 10.8; s = √2.7 = 1.6432;
    // half = t(4) 2.776 × 1.6432 / √5 = 2.0399 → [.76, 4.84], the bottom clamped to 1.
    const s = summarize(itemOf([1, 2, 2, 4, 5]), effort5);
    expect(s).toMatchObject({ convention: 'effort', mean: 2.8, score: 2.8, agreePct: 60 });
    expect(s.ci95).toEqual({ low: 1, high: 4.84 });
  });

  it('treats high effort as detractors and the two lowest boxes as promoters', () => {
    const effort7: MetricDefinition = { ...effort5, max: 7 };
    expect(scale(effort5).filter((v) => isDetractor(effort5, v))).toEqual([4, 5]);
    expect(scale(effort7).filter((v) => isDetractor(effort7, v))).toEqual([5, 6, 7]);
    expect(scale(effort7).filter((v) => isPromoter(effort7, v))).toEqual([1, 2]);
    expect(scale(effort7).filter((v) => isEasy(effort7, v))).toEqual([1, 2, 3]);
  });
});

describe('scoreBands (what the dashboard colours and filters by)', () => {
  const bands = (metric: MetricDefinition) =>
    scoreBands(metric).map((b) => `${b.tone} ${b.label} ${b.min}-${b.max}`);

  it('follows the threshold table of docs/scores.md on every accepted scale', () => {
    expect(bands(DEFAULT_METRICS.nps)).toEqual([
      'good Promoters 9-10',
      'neutral Passives 7-8',
      'bad Detractors 0-6',
    ]);
    expect(bands({ kind: 'csat', min: 1, max: 3 })).toEqual([
      'good Satisfied 3-3',
      'neutral Neutral 2-2',
      'bad Unsatisfied 1-1',
    ]);
    expect(bands(DEFAULT_METRICS.csat)).toEqual([
      'good Satisfied 4-5',
      'neutral Neutral 3-3',
      'bad Unsatisfied 1-2',
    ]);
    expect(bands({ kind: 'csat', min: 1, max: 7 })).toEqual([
      'good Satisfied 6-7',
      'neutral Neutral 4-5',
      'bad Unsatisfied 1-3',
    ]);
    expect(bands({ kind: 'csat', min: 1, max: 10 })).toEqual([
      'good Satisfied 9-10',
      'neutral Neutral 6-8',
      'bad Unsatisfied 1-5',
    ]);
    expect(bands(DEFAULT_METRICS.ces)).toEqual(['good Agree 5-7', 'neutral Neutral 4-4', 'bad Disagree 1-3']);
    expect(bands({ kind: 'ces', min: 1, max: 5, convention: 'effort' })).toEqual([
      'good Low effort 1-2',
      'neutral Neutral 3-3',
      'bad High effort 4-5',
    ]);
    expect(bands({ kind: 'ces', min: 1, max: 7, convention: 'effort' })).toEqual([
      'good Low effort 1-3',
      'neutral Neutral 4-4',
      'bad High effort 5-7',
    ]);
  });
});

describe('summaries', () => {
  it('flags a sample below the minimum (30 by default, configurable)', () => {
    expect(summarize(itemOf(repeat(9, 29)), nps).lowSample).toBe(true);
    expect(summarize(itemOf(repeat(9, 30)), nps).lowSample).toBe(false);
    expect(summarize(itemOf([9, 9, 9]), nps, 'all', { minSample: 3 }).lowSample).toBe(false);
    expect(summarize(itemOf([9, 9]), nps, 'all', { minSample: 3 }).lowSample).toBe(true);
  });

  it('reports comment rate over all answers and response rate as answered / sent', () => {
    // 4 scored + 1 comment-only = 5 answers, 2 with a comment: .4. 5 answered of 8 sent: .625.
    const item = itemOf([5, 4, 4, 2], {
      'r|all': 1,
      'c|all': 2,
      'sent|all': 8,
      'delivered|all': 7,
      'answered|all': 5,
    });
    expect(summarize(item, csat)).toMatchObject({
      responses: 4,
      unscored: 1,
      commentRate: 0.4,
      sent: 8,
      delivered: 7,
      answered: 5,
      responseRate: 0.625,
    });
  });

  it('has no score, interval or rates without data', () => {
    expect(summarize({}, ces)).toEqual({
      metric: 'ces',
      convention: 'ces2',
      responses: 0,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 },
      score: null,
      ci95: null,
      lowSample: true,
      commentRate: null,
      unscored: 0,
      sent: 0,
      delivered: 0,
      answered: 0,
      responseRate: null,
    });
  });

  it('reads only the requested dimension and ignores values outside the scale', () => {
    const item = { 'v|all|5': 3, 'v|all|1': 1, 'v|ch:sms|5': 1, 'v|ch:sms|9': 4 };
    expect(summarize(item, csat)).toMatchObject({ responses: 4, score: 75 });
    expect(summarize(item, csat, 'ch:sms')).toMatchObject({ responses: 1, score: 100 });
  });
});

describe('folding answers into aggregate deltas', () => {
  it('counts a new answer in its day, ISO week, month and all-time items, in every dimension', () => {
    const fold = foldResponseChanges(
      [{ new: snapshot({ score: 9, hasComment: true, drivers: { lateness: 'late' } }) }],
      'UTC',
    );
    expect([...fold.keys()].sort()).toEqual([
      'delivery#ALL',
      'delivery#D#2026-03-10',
      'delivery#M#2026-03',
      'delivery#W#2026-W11',
    ]);
    expect(fold.get('delivery#ALL')).toEqual({
      'n|all': 1,
      'v|all|9': 1,
      'c|all': 1,
      'n|ch:email': 1,
      'v|ch:email|9': 1,
      'c|ch:email': 1,
      'n|drv:lateness:late': 1,
      'v|drv:lateness:late|9': 1,
      'c|drv:lateness:late': 1,
    });
  });

  it('files an answer under the calendar day of the reporting time zone', () => {
    // 23:30 UTC on 10 March is 00:30 on 11 March in Berlin.
    const fold = foldResponseChanges(
      [{ new: snapshot({ answeredAt: '2026-03-10T23:30:00Z' }) }],
      'Europe/Berlin',
    );
    expect(fold.has('delivery#D#2026-03-11')).toBe(true);
    expect(fold.has('delivery#D#2026-03-10')).toBe(false);
  });

  it('moves one count when an answer changes from 9 to 3', () => {
    const first = foldResponseChanges([{ new: snapshot({ score: 9 }) }], 'UTC');
    const change = foldResponseChanges([{ old: snapshot({ score: 9 }), new: snapshot({ score: 3 }) }], 'UTC');
    // The change alone: -1 on 9, +1 on 3, nothing on n (it stays 1).
    expect(change.get('delivery#ALL')).toEqual({
      'v|all|9': -1,
      'v|all|3': 1,
      'v|ch:email|9': -1,
      'v|ch:email|3': 1,
    });
    const item = mergeDeltas(first, change).get('delivery#ALL') ?? {};
    expect(item).toEqual({ 'n|all': 1, 'v|all|3': 1, 'n|ch:email': 1, 'v|ch:email|3': 1 });
    expect(summarize(item, nps)).toMatchObject({ responses: 1, score: -100 });
  });

  it('moves one count from any old value to any new value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (from, to) => {
        const applied = mergeDeltas(
          foldResponseChanges([{ new: snapshot({ score: from }) }], 'UTC'),
          foldResponseChanges([{ old: snapshot({ score: from }), new: snapshot({ score: to }) }], 'UTC'),
        );
        expect(plain(applied)).toEqual(plain(foldResponseChanges([{ new: snapshot({ score: to }) }], 'UTC')));
      }),
    );
  });

  it('subtracts an erased answer completely, leaving nothing to write', () => {
    const answer = snapshot({ hasComment: true, drivers: { resolution: 'gt24h' } });
    const inserted = foldResponseChanges([{ new: answer }], 'UTC');
    const erased = foldResponseChanges([{ old: answer }], 'UTC');
    expect(erased.get('delivery#D#2026-03-10')?.['v|drv:resolution:gt24h|9']).toBe(-1);
    expect(mergeDeltas(inserted, erased).size).toBe(0);
  });

  it('writes nothing for an answer saved again unchanged', () => {
    expect(foldResponseChanges([{ old: snapshot(), new: snapshot() }], 'UTC').size).toBe(0);
  });

  it('counts a comment-only answer as unscored, not in the distribution', () => {
    const item = foldResponseChanges([{ new: snapshot({ score: null, hasComment: true }) }], 'UTC').get(
      'delivery#ALL',
    );
    expect(item).toEqual({ 'r|all': 1, 'c|all': 1, 'r|ch:email': 1, 'c|ch:email': 1 });
  });

  it('moves an answer changed on a later day out of the old day and into the new one', () => {
    const change = foldResponseChanges(
      [{ old: snapshot(), new: snapshot({ answeredAt: '2026-04-02T08:00:00Z' }) }],
      'UTC',
    );
    expect(change.get('delivery#D#2026-03-10')).toMatchObject({ 'n|all': -1, 'v|all|9': -1 });
    expect(change.get('delivery#M#2026-04')).toMatchObject({ 'n|all': 1, 'v|all|9': 1 });
    expect(change.has('delivery#ALL')).toBe(false);
  });

  it('rejects a fractional score, an invalid instant or a driver that would corrupt attribute names', () => {
    expect(() => foldResponseChanges([{ new: snapshot({ score: 7.5 }) }], 'UTC')).toThrow(RangeError);
    expect(() => foldResponseChanges([{ new: snapshot({ answeredAt: 'yesterday' }) }], 'UTC')).toThrow(
      RangeError,
    );
    expect(() => foldResponseChanges([{ new: snapshot({ drivers: { 'a|b': 'x' } }) }], 'UTC')).toThrow(
      RangeError,
    );
  });

  it('does not modify the folds it merges', () => {
    const a = foldResponseChanges([{ new: snapshot() }], 'UTC');
    const b = foldResponseChanges([{ old: snapshot() }], 'UTC');
    const before = structuredClone(plain(a));
    mergeDeltas(a, b);
    expect(plain(a)).toEqual(before);
  });
});

// Random answers spread over DST changes and a year boundary, on every channel, with drivers.
const arbSnapshotFields = fc.record({
  score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  hasComment: fc.boolean(),
  channel: fc.constantFrom<Channel>(...CHANNELS),
  answeredAt: fc
    .integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2027, 0, 10) })
    .map((ms) => new Date(ms).toISOString()),
  drivers: fc.option(fc.record({ resolution: fc.constantFrom('lt4h', '4to24h', 'gt24h') }), {
    nil: undefined,
  }),
});
const arbTimeZone = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Auckland',
  'Asia/Kathmandu',
);

describe('folding is exact under any batching (properties)', () => {
  it('is associative: fold(a ++ b) = merge(fold(a), fold(b))', () => {
    const arbChange = fc.record(
      {
        old: fc.tuple(fc.nat(3), arbSnapshotFields).map(([t, f]) => snapshot({ ...f, touchpoint: `t${t}` })),
        new: fc.tuple(fc.nat(3), arbSnapshotFields).map(([t, f]) => snapshot({ ...f, touchpoint: `t${t}` })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(arbChange, { maxLength: 20 }),
        fc.array(arbChange, { maxLength: 20 }),
        arbTimeZone,
        (a, b, tz) => {
          const whole = foldResponseChanges([...a, ...b], tz);
          expect(plain(mergeDeltas(foldResponseChanges(a, tz), foldResponseChanges(b, tz)))).toEqual(
            plain(whole),
          );
          expect(plain(mergeDeltas(foldResponseChanges(b, tz), foldResponseChanges(a, tz)))).toEqual(
            plain(whole),
          );
        },
      ),
    );
  });

  it('gives the same scores as a from-scratch count of the final answers, however changes are batched', () => {
    // A sequence of operations on six surveys: answer or change (old image -> new image), or erase.
    const arbOp = fc.record({
      survey: fc.nat(5),
      erase: fc.boolean(),
      fields: arbSnapshotFields,
    });
    fc.assert(
      fc.property(
        fc.array(arbOp, { maxLength: 60 }),
        fc.array(fc.nat(60), { maxLength: 5 }),
        arbTimeZone,
        (ops, cuts, tz) => {
          const current = new Map<number, ResponseSnapshot>();
          const changes: Array<{ old?: ResponseSnapshot; new?: ResponseSnapshot }> = [];
          for (const op of ops) {
            const old = current.get(op.survey);
            if (op.erase) {
              if (!old) continue;
              changes.push({ old });
              current.delete(op.survey);
            } else {
              const next = snapshot({ ...op.fields, surveyId: `s${op.survey}` });
              changes.push({ ...(old && { old }), new: next });
              current.set(op.survey, next);
            }
          }
          // Stream batches: cut the change list at random points, fold each batch, merge the folds.
          const bounds = [
            0,
            ...cuts.map((c) => Math.min(c, changes.length)).sort((x, y) => x - y),
            changes.length,
          ];
          const batches = bounds.slice(1).map((end, i) => changes.slice(bounds[i], end));
          const incremental = batches.reduce(
            (acc, batch) => mergeDeltas(acc, foldResponseChanges(batch, tz)),
            new Map<string, ItemDelta>(),
          );
          const scratch = foldResponseChanges(
            [...current.values()].map((s) => ({ new: s })),
            tz,
          );
          expect(plain(incremental)).toEqual(plain(scratch));

          // And the all-time summary equals the definition applied to the final answers.
          const final = [...current.values()];
          const all = incremental.get('delivery#ALL') ?? {};
          for (const channel of [undefined, ...CHANNELS]) {
            const answers = final.filter((s) => channel === undefined || s.channel === channel);
            const scores = answers.flatMap((s) => (s.score === null ? [] : [s.score]));
            const summary = summarize(all, nps, channel ? `ch:${channel}` : 'all');
            expect(summary.responses).toBe(scores.length);
            expect(summary.unscored).toBe(answers.length - scores.length);
            const p = scores.filter((v) => v >= 9).length;
            const d = scores.filter((v) => v <= 6).length;
            expect(summary.score).toBe(
              scores.length ? Math.round((10000 * (p - d)) / scores.length) / 100 : null,
            );
          }
        },
      ),
    );
  });

  it('sums day items, week items and month items to the all-time item', () => {
    fc.assert(
      fc.property(fc.array(arbSnapshotFields, { maxLength: 40 }), arbTimeZone, (answers, tz) => {
        const fold = foldResponseChanges(
          answers.map((f, i) => ({ new: snapshot({ ...f, surveyId: `s${i}` }) })),
          tz,
        );
        const all = fold.get('delivery#ALL') ?? {};
        for (const prefix of ['delivery#D#', 'delivery#W#', 'delivery#M#']) {
          const items = [...fold].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
          expect(sumItems(items)).toEqual(all);
        }
      }),
    );
  });
});

describe('survey lifecycle counters', () => {
  const change = (over: Partial<SurveyLifecycleChange>): SurveyLifecycleChange => ({
    touchpoint: 'purchase',
    channel: 'sms',
    at: '2026-03-10T09:00:00Z',
    counter: 'sent',
    delta: 1,
    ...over,
  });

  it('counts sent, delivered and answered per period in `all` and the channel', () => {
    const fold = foldSurveyChanges(
      [
        change({}),
        change({ counter: 'delivered' }),
        change({ channel: 'email', at: '2026-03-11T09:00:00Z' }),
      ],
      'UTC',
    );
    expect(fold.get('purchase#D#2026-03-10')).toEqual({
      'sent|all': 1,
      'sent|ch:sms': 1,
      'delivered|all': 1,
      'delivered|ch:sms': 1,
    });
    expect(fold.get('purchase#W#2026-W11')).toEqual({
      'sent|all': 2,
      'sent|ch:sms': 1,
      'sent|ch:email': 1,
      'delivered|all': 1,
      'delivered|ch:sms': 1,
    });
  });

  it('cancels a transition and its reversal', () => {
    expect(foldSurveyChanges([change({}), change({ delta: -1 })], 'UTC').size).toBe(0);
  });

  it('merges with answer folds into one delta per item', () => {
    const answers = foldResponseChanges(
      [{ new: snapshot({ touchpoint: 'purchase', metric: csat, score: 5 }) }],
      'UTC',
    );
    const surveys = foldSurveyChanges([change({ counter: 'answered', channel: 'email' })], 'UTC');
    const item = mergeDeltas(answers, surveys).get('purchase#ALL') ?? {};
    expect(summarize(item, csat)).toMatchObject({ responses: 1, score: 100, answered: 1, sent: 0 });
    expect(summarize(item, csat, 'ch:email')).toMatchObject({ responses: 1, answered: 1 });
  });
});

describe('lifecycleCounts: the one rule of the stream and recompute', () => {
  const base = { touchpoint: 'purchase', sentAt: '2026-03-10T09:00:00Z' };

  it('counts a survey once, on the channel of its latest send, in the period of each transition', () => {
    const counts = lifecycleCounts({
      ...base,
      channel: 'email',
      sentChannel: 'sms',
      deliveredAt: '2026-03-10T09:01:00Z',
      answeredAt: '2026-03-11T10:00:00Z',
    });
    expect(counts.map((c) => [c.counter, c.channel, c.at])).toEqual([
      ['sent', 'sms', '2026-03-10T09:00:00Z'],
      ['delivered', 'sms', '2026-03-10T09:01:00Z'],
      ['answered', 'sms', '2026-03-11T10:00:00Z'],
    ]);
  });

  it('moves the count from the first channel to the fallback when it is sent again', () => {
    const voice = { ...base, channel: 'voice' as const, sentChannel: 'voice' as const };
    const pending = { ...voice, channel: 'sms' as const };
    const resent = { ...pending, sentChannel: 'sms' as const, sentAt: '2026-03-10T09:05:00Z' };
    expect(foldSurveyChanges(lifecycleChange(voice, pending), 'UTC').size).toBe(0);
    const moved = foldSurveyChanges(lifecycleChange(pending, resent), 'UTC').get('purchase#ALL');
    expect(moved).toEqual({ 'sent|ch:voice': -1, 'sent|ch:sms': 1 });
  });

  it('counts test surveys and erased customers nowhere', () => {
    expect(lifecycleCounts({ ...base, test: true })).toEqual([]);
    expect(lifecycleCounts({ ...base, answeredAt: base.sentAt, erasedAt: '2026-03-12T00:00:00Z' })).toEqual(
      [],
    );
  });
});

describe('sumItems', () => {
  it('adds counters attribute by attribute and skips non-numeric attributes', () => {
    expect(
      sumItems([
        { pk: 'delivery', sk: 'D#2026-03-10', 'n|all': 2, 'v|all|9': 2 },
        { pk: 'delivery', sk: 'D#2026-03-11', 'n|all': 1, 'v|all|3': 1 },
      ]),
    ).toEqual({ 'n|all': 3, 'v|all|9': 2, 'v|all|3': 1 });
  });
});
