import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import {
  foldResponseChanges,
  isDetractor,
  isPromoter,
  mergeDeltas,
  type ResponseSnapshot,
  sumItems,
  summarize,
  wilson,
} from '../../shared/domain/scoring.ts';

const { nps, csat, ces } = DEFAULT_METRICS;

function itemFrom(metric: typeof nps, scores: number[]): Record<string, number> {
  const changes = scores.map((score, i) => ({
    new: {
      surveyId: `s${i}`,
      touchpoint: 't',
      metric,
      score,
      hasComment: false,
      channel: 'sms',
      answeredAt: '2026-03-10T12:00:00Z',
    } as ResponseSnapshot,
  }));
  return foldResponseChanges(changes, 'UTC').get('t#ALL') ?? {};
}

describe('NPS', () => {
  it('is %promoters - %detractors with the standard bands', () => {
    // 5 promoters (9,10), 3 passives (7,8), 2 detractors (0-6) of 10: 50% - 20% = 30
    const s = summarize(itemFrom(nps, [10, 9, 9, 10, 9, 7, 8, 8, 6, 0]), nps);
    expect(s.score).toBe(30);
    expect(s).toMatchObject({ promoters: 50, passives: 30, detractors: 20, responses: 10, lowSample: true });
  });

  it('has the 95% CI 1.96*100*sqrt((p + d - (p - d)^2) / n)', () => {
    // p = .5, d = .2, n = 10: variance term .7 - .09 = .61; sqrt(.061) = .24698; *196 = 48.41
    const s = summarize(itemFrom(nps, [10, 9, 9, 10, 9, 7, 8, 8, 6, 0]), nps);
    expect(s.ci95?.low).toBeCloseTo(30 - 48.41, 1);
    expect(s.ci95?.high).toBeCloseTo(78.41, 1);
  });

  it('gives +100 with a zero-width interval when everyone is a promoter, and -100 for all detractors', () => {
    expect(summarize(itemFrom(nps, [10, 9, 10]), nps)).toMatchObject({
      score: 100,
      ci95: { low: 100, high: 100 },
    });
    expect(summarize(itemFrom(nps, [0, 6]), nps)).toMatchObject({
      score: -100,
      ci95: { low: -100, high: -100 },
    });
  });

  it('clamps the interval to [-100, 100] for one passive answer', () => {
    expect(summarize(itemFrom(nps, [8]), nps)).toMatchObject({
      score: 0,
      responses: 1,
      ci95: { low: 0, high: 0 },
    });
    const one = summarize(itemFrom(nps, [9, 0]), nps);
    expect(one.ci95).toEqual({ low: -100, high: 100 });
  });

  it('flags samples below the configured minimum', () => {
    expect(summarize(itemFrom(nps, [9, 9, 9]), nps, 'all', { minSample: 3 }).lowSample).toBe(false);
    expect(summarize(itemFrom(nps, [9, 9]), nps, 'all', { minSample: 3 }).lowSample).toBe(true);
  });
});

describe('CSAT', () => {
  it('is the share of 4-5 answers on 1-5, with a Wilson interval', () => {
    // 3 of 4 satisfied = 75%; Wilson(3, 4) = [30.06, 95.44]
    const s = summarize(itemFrom(csat, [5, 4, 4, 2]), csat);
    expect(s.score).toBe(75);
    expect(s.ci95?.low).toBeCloseTo(30.06, 1);
    expect(s.ci95?.high).toBeCloseTo(95.44, 1);
  });

  it('keeps the interval inside 0-100 at the edges (n = 1)', () => {
    expect(wilson(1, 1).high).toBe(100);
    expect(wilson(1, 1).low).toBeCloseTo(20.65, 1);
    expect(wilson(0, 1).low).toBe(0);
  });
});

describe('CES (2.0, agreement 1-7)', () => {
  it('reports the mean and the % of 5-7 answers', () => {
    // mean (7+6+5+2)/4 = 5; agree 3/4 = 75%
    const s = summarize(itemFrom(ces, [7, 6, 5, 2]), ces);
    expect(s).toMatchObject({ score: 5, mean: 5, agreePct: 75, convention: 'ces2' });
    // sd = sqrt(((2^2)+(1^2)+0+(3^2))/3) = sqrt(14/3) = 2.1602; t(3) = 3.182; half = 3.182*2.1602/2 = 3.437
    expect(s.ci95?.low).toBeCloseTo(1.56, 1);
    expect(s.ci95?.high).toBe(7);
  });

  it('uses the whole scale as the interval for a single answer', () => {
    expect(summarize(itemFrom(ces, [6]), ces).ci95).toEqual({ low: 1, high: 7 });
  });
});

describe('detractors and promoters', () => {
  it('uses NPS <= 6, CSAT <= 2 and CES <= 3 as detractors', () => {
    expect([6, 7].map((v) => isDetractor(nps, v))).toEqual([true, false]);
    expect([2, 3].map((v) => isDetractor(csat, v))).toEqual([true, false]);
    expect([3, 4].map((v) => isDetractor(ces, v))).toEqual([true, false]);
    expect([9, 8].map((v) => isPromoter(nps, v))).toEqual([true, false]);
  });
});

describe('folding', () => {
  const snapshot = (over: Partial<ResponseSnapshot>): ResponseSnapshot => ({
    surveyId: 's1',
    touchpoint: 'delivery',
    metric: nps,
    score: 9,
    hasComment: false,
    channel: 'email',
    answeredAt: '2026-03-10T23:30:00Z',
    ...over,
  });

  it('moves one count when an answer changes from 9 to 3', () => {
    const first = foldResponseChanges([{ new: snapshot({}) }], 'UTC');
    const change = foldResponseChanges([{ old: snapshot({}), new: snapshot({ score: 3 }) }], 'UTC');
    const item = mergeDeltas(first, change).get('delivery#ALL') ?? {};
    expect(item['v|all|9']).toBeUndefined();
    expect(item['v|all|3']).toBe(1);
    expect(item['n|all']).toBe(1);
    expect(item['v|ch:email|3']).toBe(1);
  });

  it('files a response under the day, ISO week and month of the reporting time zone', () => {
    const keys = [...foldResponseChanges([{ new: snapshot({}) }], 'Europe/Berlin').keys()].sort();
    // 23:30 UTC on 10 March is 00:30 on 11 March in Berlin
    expect(keys).toEqual([
      'delivery#ALL',
      'delivery#D#2026-03-11',
      'delivery#M#2026-03',
      'delivery#W#2026-W11',
    ]);
  });

  it('equals a from-scratch count whatever the order of changes (property)', () => {
    const answer = fc.record({
      survey: fc.integer({ min: 0, max: 5 }),
      score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      comment: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 40 }), fc.integer({ min: 0, max: 40 }), (answers, split) => {
        // Apply the answers as a sequence of per-survey changes (old image -> new image).
        const current = new Map<number, ResponseSnapshot>();
        const changes: Array<{ old?: ResponseSnapshot; new?: ResponseSnapshot }> = [];
        for (const a of answers) {
          const next = snapshot({ surveyId: `s${a.survey}`, score: a.score, hasComment: a.comment });
          const old = current.get(a.survey);
          changes.push({ ...(old && { old }), new: next });
          current.set(a.survey, next);
        }
        const incremental = mergeDeltas(
          foldResponseChanges(changes.slice(0, split), 'UTC'),
          foldResponseChanges(changes.slice(split), 'UTC'),
        );
        const scratch = foldResponseChanges(
          [...current.values()].map((s) => ({ new: s })),
          'UTC',
        );
        expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(scratch));
      }),
    );
  });

  it('sums day items into a range', () => {
    expect(
      sumItems([
        { 'n|all': 2, 'v|all|9': 2 },
        { 'n|all': 1, 'v|all|3': 1 },
      ]),
    ).toEqual({ 'n|all': 3, 'v|all|9': 2, 'v|all|3': 1 });
  });
});
