/**
 * What the comment analyser knows about one language: the cues that steer sentiment and negation,
 * and the default taxonomy's words. One file per language under `lang/`, so a native speaker can
 * review everything about their language in one place.
 */

/** The default e-commerce themes. Ids are stable: aggregates and dashboards key on them. */
export const DEFAULT_THEME_IDS = [
  'delivery_speed',
  'damaged_item',
  'packaging',
  'order_accuracy',
  'product_quality',
  'price_value',
  'website_checkout',
  'payment',
  'stock_availability',
  'returns_refunds',
  'courier',
  'support_agent',
  'waiting_time',
  'issue_resolution',
  'communication',
] as const;
export type DefaultThemeId = (typeof DEFAULT_THEME_IDS)[number];

/** A theme's words in one language; see `ThemeDefinition` for what each list means. */
export interface ThemeWords {
  label: string;
  terms: string[];
  positive?: string[];
  negative?: string[];
}

export interface SentimentCues {
  /** Words that negate the nearest sentiment word or theme term after them (within three words). */
  negators: string[];
  /**
   * Negators that, when nothing they could negate follows in their clause, negate the nearest match
   * before them: German and Dutch put "nicht"/"niet" after the verb ("gefällt mir nicht"), Russian
   * puts "нет" after the noun ("претензий нет").
   */
  lookBackNegators: string[];
  /** Words that always negate the match right before them (Hungarian "nélkül", "without"). */
  postNegators: string[];
  /** "but"-words: the clause after one weighs more than the clause before it. */
  contrast: string[];
  /** Words that strengthen the next sentiment word ("very", "sehr"). */
  intensifiers: string[];
  positive: string[];
  negative: string[];
  /** Count double: superlatives and outright verdicts ("excellent", "never again"). */
  strongPositive: string[];
  strongNegative: string[];
  /** Count half: politeness and lukewarm words ("thanks", "ok") that tip only an otherwise flat comment. */
  mildPositive: string[];
}

export interface LanguagePack {
  cues: SentimentCues;
  themes: Record<DefaultThemeId, ThemeWords>;
}

/**
 * A word list written as one template string, items separated by commas; a phrase may wrap onto the
 * next line. Keeps the language files readable (a formatter would put every array item on its own line).
 */
export function list(strings: TemplateStringsArray, ...values: unknown[]): string[] {
  const text = String.raw({ raw: strings }, ...values);
  return text
    .split(',')
    .map((item) => item.replace(/\s+/g, ' ').trim())
    .filter((item) => item.length > 0);
}
