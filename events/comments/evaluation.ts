import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { DEFAULT_THEME_IDS } from '../../shared/domain/insight/language-pack.ts';
import { LANGUAGES } from '../../shared/domain/model.ts';

/**
 * The labelled evaluation set of customer comments (`evaluation.json` beside this file).
 *
 * Labelling guide, applied by reading each comment and never from analyser output:
 * - `themes`: every default theme the comment talks about, by a reader's judgement (a box that
 *   merely holds a missing item is not "packaging"). A suffix gives the theme's polarity when the
 *   comment judges that aspect: `+` good, `-` bad; no suffix when it is mentioned neutrally or both
 *   ways. An unanswered e-mail is `communication`; how long a customer waited for support is
 *   `waiting_time`; a late or missing parcel is `delivery_speed`; a refund of any charge is
 *   `returns_refunds`.
 * - `sentiment`: the comment's overall attitude to the company: `positive`, `negative`, or `neutral`
 *   for facts, questions, lukewarm verdicts ("fine, nothing special") and evenly balanced praise and
 *   blame. A bare complaint ("one item was missing") is negative without any sentiment word.
 *
 * Held-out discipline: the `tuning` comments were labelled first, then used to refine the word lists
 * with general vocabulary; the `holdout` comments (new scenarios) were written and labelled after the
 * lists were frozen, and measure how the analyser does on comments it was not shaped by.
 *
 * Most scenarios exist in all eight languages, written idiomatically in each rather than translated
 * word for word, so per-language figures compare like with like; typos, missing accents, SMS
 * shorthand, e-mails and emoji are spread across languages.
 */

const ThemeLabel = z
  .string()
  .regex(/^[a-z_]+[+-]?$/, 'a theme id with an optional + or - suffix')
  .refine((label) => (DEFAULT_THEME_IDS as readonly string[]).includes(label.replace(/[+-]$/, '')), {
    message: `must be one of ${DEFAULT_THEME_IDS.join(', ')}`,
  });

export const LabelledComment = z.strictObject({
  id: z.string().regex(/^[a-z]{2}-\d{3}$/),
  /** `tuning` comments refined the word lists; `holdout` ones were written after and never tuned on. */
  split: z.enum(['tuning', 'holdout']),
  language: z.enum(LANGUAGES),
  touchpoint: z.enum(['purchase', 'delivery', 'ticket_closed']),
  sentiment: z.enum(['negative', 'neutral', 'positive']),
  themes: z.array(ThemeLabel),
  text: z.string().min(1).max(2000),
});
export type LabelledComment = z.infer<typeof LabelledComment>;

export const EvaluationSetSchema = z
  .strictObject({
    description: z.string(),
    version: z.literal(1),
    comments: z.array(LabelledComment).min(1),
  })
  .refine((set) => new Set(set.comments.map((c) => c.id)).size === set.comments.length, {
    message: 'comment ids must be unique',
  });
export type EvaluationSet = z.infer<typeof EvaluationSetSchema>;

export const EVALUATION_SET_PATH = new URL('./evaluation.json', import.meta.url);

/** Reads and validates the evaluation set. */
export function loadEvaluationSet(path: URL | string = EVALUATION_SET_PATH): EvaluationSet {
  return EvaluationSetSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** A theme label split into its id and polarity ("delivery_speed-" -> delivery_speed, negative). */
export function parseThemeLabel(label: string): { theme: string; polarity?: 'positive' | 'negative' } {
  const suffix = label.at(-1);
  if (suffix === '+') return { theme: label.slice(0, -1), polarity: 'positive' };
  if (suffix === '-') return { theme: label.slice(0, -1), polarity: 'negative' };
  return { theme: label };
}
