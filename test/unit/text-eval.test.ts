import { describe, expect, it } from 'vitest';
import { runTextEvaluation } from '../../bench/text-eval.ts';
import { type EvaluationSet, loadEvaluationSet } from '../../events/comments/evaluation.ts';
import { resolveTaxonomy } from '../../shared/domain/insight/taxonomy.ts';
import { LANGUAGES } from '../../shared/domain/model.ts';

describe('the labelled evaluation set', () => {
  const set = loadEvaluationSet();

  it('has at least 400 comments and at least 50 per language, tuning and held-out', () => {
    expect(set.comments.length).toBeGreaterThanOrEqual(400);
    for (const lang of LANGUAGES) {
      const own = set.comments.filter((c) => c.language === lang);
      expect(own.length, lang).toBeGreaterThanOrEqual(50);
      expect(own.filter((c) => c.split === 'holdout').length, lang).toBeGreaterThan(0);
    }
  });

  it('covers every sentiment and comments without a theme', () => {
    for (const sentiment of ['negative', 'neutral', 'positive'])
      expect(set.comments.some((c) => c.sentiment === sentiment)).toBe(true);
    expect(set.comments.some((c) => c.themes.length === 0)).toBe(true);
  });
});

describe('runTextEvaluation', () => {
  // One theme ("payment", a default id so labels validate) matched by the word "apple".
  const taxonomy = resolveTaxonomy({
    mode: 'replace',
    items: {
      payment: { label: { en: 'Apples' }, terms: { en: ['apple'] }, positive: { en: ['ripe apple'] } },
    },
  });
  const comment = (id: string, text: string, themes: string[], sentiment: 'positive' | 'neutral') => ({
    id,
    split: 'tuning' as const,
    language: 'en' as const,
    touchpoint: 'purchase' as const,
    sentiment,
    themes,
    text,
  });
  const set: EvaluationSet = {
    description: 'synthetic',
    version: 1,
    comments: [
      comment('en-001', 'a ripe apple', ['payment+'], 'positive'), // true positive, polarity right
      comment('en-002', 'a banana', ['payment'], 'neutral'), // false negative
      comment('en-003', 'an apple', [], 'positive'), // false positive, sentiment wrong
      comment('en-004', 'nothing here', [], 'neutral'),
    ],
  };

  it('computes micro-averaged precision, recall and F1, sentiment accuracy and polarity agreement', () => {
    const report = runTextEvaluation(set, taxonomy, { measureSpeed: false });
    expect(report.splits.all.languages.en).toMatchObject({
      comments: 4,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      sentimentAccuracy: 0.75,
      polarityLabelled: 1,
      polarityAccuracy: 1,
      meetsGoal: false,
    });
    expect(report.splits.holdout.overall.comments).toBe(0);
    expect(report.misses.map((m) => m.id)).toEqual(['en-002', 'en-003']);
    expect(report.commentsPerSecond).toBeNull();
  });
});
