import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  type EvaluationSet,
  type LabelledComment,
  loadEvaluationSet,
  parseThemeLabel,
} from '../events/comments/evaluation.ts';
import { analyseComment } from '../shared/domain/insight/analyse.ts';
import { DEFAULT_TAXONOMY, type Taxonomy } from '../shared/domain/insight/taxonomy.ts';
import { LANGUAGES, type Language } from '../shared/domain/model.ts';

/**
 * Quality of the comment analyser on the labelled set (events/comments/evaluation.json): per
 * language, theme precision / recall / F1 micro-averaged over theme labels (a theme counts once
 * per comment, polarity aside), sentiment accuracy, and how often a correctly found theme has the
 * labelled polarity. `npx tsx bench/text-eval.ts` writes bench/report.text-eval.{json,md};
 * bench/run.ts can call `runTextEvaluation` and `textEvaluationMarkdown` for its report.
 */

/** The goal, per language. */
export const GOALS = { themeF1: 0.8, sentimentAccuracy: 0.85 } as const;

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface LanguageFigures extends Counts {
  comments: number;
  precision: number;
  recall: number;
  f1: number;
  sentimentAccuracy: number;
  /** Found themes whose label has a polarity, and how many of them got it right. */
  polarityLabelled: number;
  polarityAccuracy: number;
  meetsGoal: boolean;
}

export interface Miss {
  id: string;
  split: LabelledComment['split'];
  text: string;
  expectedThemes: string[];
  foundThemes: string[];
  expectedSentiment: string;
  foundSentiment: string;
}

export interface SplitFigures {
  languages: Record<Language, LanguageFigures>;
  overall: LanguageFigures;
}

export interface TextEvaluationReport {
  generatedAt: string;
  comments: number;
  goals: typeof GOALS;
  /** Every comment, then the tuning and held-out parts on their own. */
  splits: Record<'all' | 'tuning' | 'holdout', SplitFigures>;
  /** Theme F1 over all languages, per theme. */
  themes: Record<string, Counts & { f1: number }>;
  /** Comments analysed per second on this machine, one core (null when not measured). */
  commentsPerSecond: number | null;
  misses: Miss[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const round = (x: number) => Math.round(x * 1000) / 1000;

function figures(rows: Scored[]): LanguageFigures {
  const sum = (f: (r: Scored) => number) => rows.reduce((total, r) => total + f(r), 0);
  const tp = sum((r) => r.tp);
  const fp = sum((r) => r.fp);
  const fn = sum((r) => r.fn);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const sentimentAccuracy = ratio(
    sum((r) => (r.sentimentRight ? 1 : 0)),
    rows.length,
  );
  const polarityLabelled = sum((r) => r.polarityLabelled);
  return {
    comments: rows.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    sentimentAccuracy: round(sentimentAccuracy),
    polarityLabelled,
    polarityAccuracy: round(
      ratio(
        sum((r) => r.polarityRight),
        polarityLabelled,
      ),
    ),
    meetsGoal: f1 >= GOALS.themeF1 && sentimentAccuracy >= GOALS.sentimentAccuracy,
  };
}

interface Scored {
  comment: LabelledComment;
  expected: Set<string>;
  found: Map<string, string>;
  tp: number;
  fp: number;
  fn: number;
  sentimentRight: boolean;
  foundSentiment: string;
  polarityLabelled: number;
  polarityRight: number;
}

function score(comment: LabelledComment, taxonomy: Taxonomy): Scored {
  const analysis = analyseComment(comment.text, comment.language, taxonomy);
  const labels = comment.themes.map(parseThemeLabel);
  const expected = new Set(labels.map((l) => l.theme));
  const found = new Map(analysis.themes.map((t) => [t.theme, t.polarity]));
  const tp = [...found.keys()].filter((t) => expected.has(t)).length;
  const withPolarity = labels.filter((l) => l.polarity && found.has(l.theme));
  return {
    comment,
    expected,
    found,
    tp,
    fp: found.size - tp,
    fn: expected.size - tp,
    sentimentRight: analysis.sentiment === comment.sentiment,
    foundSentiment: analysis.sentiment,
    polarityLabelled: withPolarity.length,
    polarityRight: withPolarity.filter((l) => found.get(l.theme) === l.polarity).length,
  };
}

function throughput(set: EvaluationSet, taxonomy: Taxonomy): number {
  // Warm the stem caches and compiled lexicons first: a Lambda stays warm across many comments.
  for (const c of set.comments) analyseComment(c.text, c.language, taxonomy);
  let analysed = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const c of set.comments) analyseComment(c.text, c.language, taxonomy);
    analysed += set.comments.length;
  }
  return Math.round(analysed / ((performance.now() - started) / 1000));
}

/** Scores the analyser on the labelled set; `measureSpeed: false` skips the one-second speed run. */
export function runTextEvaluation(
  set: EvaluationSet = loadEvaluationSet(),
  taxonomy: Taxonomy = DEFAULT_TAXONOMY,
  options: { measureSpeed?: boolean } = {},
): TextEvaluationReport {
  const scored = set.comments.map((c) => score(c, taxonomy));
  const split = (rows: Scored[]): SplitFigures => ({
    languages: Object.fromEntries(
      LANGUAGES.map((lang) => [lang, figures(rows.filter((s) => s.comment.language === lang))]),
    ) as Record<Language, LanguageFigures>,
    overall: figures(rows),
  });
  const themes: TextEvaluationReport['themes'] = {};
  for (const id of Object.keys(taxonomy)) {
    const c = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    for (const s of scored) {
      const inExpected = s.expected.has(id);
      const inFound = s.found.has(id);
      if (inExpected && inFound) c.truePositives++;
      else if (inFound) c.falsePositives++;
      else if (inExpected) c.falseNegatives++;
    }
    const denominator = 2 * c.truePositives + c.falsePositives + c.falseNegatives;
    themes[id] = { ...c, f1: round(denominator === 0 ? 1 : (2 * c.truePositives) / denominator) };
  }
  const misses = scored
    .filter((s) => s.fp + s.fn > 0 || !s.sentimentRight)
    .map((s) => ({
      id: s.comment.id,
      split: s.comment.split,
      text: s.comment.text,
      expectedThemes: s.comment.themes,
      foundThemes: [...s.found].map(
        ([t, p]) => `${t}${p === 'positive' ? '+' : p === 'negative' ? '-' : ''}`,
      ),
      expectedSentiment: s.comment.sentiment,
      foundSentiment: s.foundSentiment,
    }));
  return {
    generatedAt: new Date().toISOString(),
    comments: set.comments.length,
    goals: GOALS,
    splits: {
      all: split(scored),
      tuning: split(scored.filter((s) => s.comment.split === 'tuning')),
      holdout: split(scored.filter((s) => s.comment.split === 'holdout')),
    },
    themes,
    commentsPerSecond: options.measureSpeed === false ? null : throughput(set, taxonomy),
    misses,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report as a markdown section (for bench/report.md). */
export function textEvaluationMarkdown(report: TextEvaluationReport): string {
  const row = (name: string, f: LanguageFigures) =>
    `| ${name} | ${f.comments} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} | ${f.f1.toFixed(3)} | ${pct(f.sentimentAccuracy)} | ${pct(f.polarityAccuracy)} (${f.polarityLabelled}) | ${f.meetsGoal ? 'yes' : 'no'} |`;
  const table = (figures: SplitFigures) => [
    '| language | comments | theme precision | theme recall | theme F1 | sentiment accuracy | polarity (n) | goal met |',
    '|---|---|---|---|---|---|---|---|',
    ...LANGUAGES.map((lang) => row(lang, figures.languages[lang])),
    row('all', figures.overall),
  ];
  const failing = (figures: SplitFigures) => LANGUAGES.filter((lang) => !figures.languages[lang].meetsGoal);
  const verdict = (figures: SplitFigures) =>
    failing(figures).length === 0
      ? 'Every language meets the goal.'
      : `Below the goal: ${failing(figures).join(', ')} (misses are listed in bench/report.text-eval.json).`;
  const { all, tuning, holdout } = report.splits;
  return [
    '## Comment analysis quality',
    '',
    `${report.comments} labelled comments (events/comments/evaluation.json), default taxonomy. Themes are micro-averaged over theme labels per language, polarity aside; polarity is the share of correctly found themes whose label has a + or - that got that polarity. Goal: theme F1 >= ${GOALS.themeF1} and sentiment accuracy >= ${pct(GOALS.sentimentAccuracy)} in every language.`,
    '',
    ...table(all),
    '',
    verdict(all),
    '',
    `Tuning part (${tuning.overall.comments} comments the word lists were refined on; these figures overstate quality on new text):`,
    '',
    ...table(tuning),
    '',
    verdict(tuning),
    '',
    `Held out (${holdout.overall.comments} comments written after the word lists were frozen, never tuned on; ${Math.round(holdout.overall.comments / LANGUAGES.length)} per language, so one comment moves a language's figures by several points):`,
    '',
    ...table(holdout),
    '',
    verdict(holdout),
    '',
    '| theme | TP | FP | FN | F1 |',
    '|---|---|---|---|---|',
    ...Object.entries(report.themes).map(
      ([id, c]) =>
        `| ${id} | ${c.truePositives} | ${c.falsePositives} | ${c.falseNegatives} | ${c.f1.toFixed(3)} |`,
    ),
    '',
    report.commentsPerSecond === null
      ? ''
      : `Speed: ${report.commentsPerSecond.toLocaleString('en-US')} comments per second on one core (warm caches).`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = runTextEvaluation();
  writeFileSync(new URL('./report.text-eval.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = textEvaluationMarkdown(report);
  writeFileSync(new URL('./report.text-eval.md', import.meta.url), markdown);
  process.stdout.write(markdown);
}
