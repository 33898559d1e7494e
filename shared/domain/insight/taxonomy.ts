import * as z from 'zod';
import { LANGUAGES, type Language } from '../model.ts';
import { de } from './lang/de.ts';
import { en } from './lang/en.ts';
import { es } from './lang/es.ts';
import { et } from './lang/et.ts';
import { fr } from './lang/fr.ts';
import { hu } from './lang/hu.ts';
import { nl } from './lang/nl.ts';
import { ru } from './lang/ru.ts';
import { DEFAULT_THEME_IDS, type LanguagePack } from './language-pack.ts';

/**
 * The theme taxonomy: what a comment can be about. The default covers e-commerce in the eight
 * shipped languages; admins extend or replace it in `touchpoints.config.json` under `themes`.
 */

export type LanguageTerms = Readonly<Partial<Record<Language, readonly string[]>>>;

/**
 * One theme. `terms` name the topic ("delivery", "Lieferung"): a hit takes the sentiment of the
 * clause it stands in. `negative` and `positive` name the theme's two forms ("late" / "on time",
 * "damaged" / "intact"): a hit has that polarity, flipped when negated ("not damaged" is positive).
 *
 * A term is a word or phrase matched on word stems. `=word` matches that exact word (no stemming),
 * `word*` any word starting with it and `*word` any word ending with it (for compounds such as
 * "Transportschaden"); wildcards stand on single-word terms only. A leading `~` makes a term count
 * only when another term of the same theme stands in the same sentence: for words too loose alone
 * ("~fast" is delivery speed in "fast delivery", not in "fast checkout").
 */
export interface ThemeDefinition {
  label: Readonly<Partial<Record<Language, string>>>;
  terms: LanguageTerms;
  positive: LanguageTerms;
  negative: LanguageTerms;
}

export type Taxonomy = Readonly<Record<string, ThemeDefinition>>;

const PACKS: Record<Language, LanguagePack> = { en, de, fr, es, nl, hu, et, ru };

/** Per-language sentiment and negation cues. */
export const LANGUAGE_CUES = Object.fromEntries(LANGUAGES.map((lang) => [lang, PACKS[lang].cues])) as Record<
  Language,
  LanguagePack['cues']
>;

// A term listed twice in a language file is one term (and a resolved config loads again unchanged).
const unique = (terms: readonly string[]) => [...new Set(terms)];

function buildDefault(): Taxonomy {
  const byLanguage = <K extends 'terms' | 'positive' | 'negative'>(
    id: (typeof DEFAULT_THEME_IDS)[number],
    k: K,
  ) => Object.fromEntries(LANGUAGES.map((lang) => [lang, unique(PACKS[lang].themes[id][k] ?? [])]));
  return Object.fromEntries(
    DEFAULT_THEME_IDS.map((id) => [
      id,
      {
        label: Object.fromEntries(LANGUAGES.map((lang) => [lang, PACKS[lang].themes[id].label])),
        terms: byLanguage(id, 'terms'),
        positive: byLanguage(id, 'positive'),
        negative: byLanguage(id, 'negative'),
      },
    ]),
  );
}

/** The shipped e-commerce taxonomy (15 themes, eight languages). */
export const DEFAULT_TAXONOMY: Taxonomy = Object.freeze(buildDefault());

/** The label of a theme in a language, falling back to English, any label, then the id. */
export function themeLabel(taxonomy: Taxonomy, id: string, language: Language): string {
  const label = taxonomy[id]?.label;
  return label?.[language] ?? label?.en ?? Object.values(label ?? {})[0] ?? id;
}

const THEME_ID = /^[a-z][a-z0-9_]{1,39}$/;
export const MAX_TERMS_PER_LIST = 500;

/** Why a term cannot be matched, or undefined when it is fine. */
export function termProblem(raw: string): string | undefined {
  const term = raw.replace(/^~/, '');
  if (!/[\p{L}\p{N}]/u.test(term)) return 'must contain a letter or digit';
  const words = term.split(/\s+/);
  const special = term.startsWith('=') || term.includes('*');
  if (special && words.length > 1) return '"=" and "*" stand on single-word terms only';
  const inner = term.replace(/^[=*]/, '').replace(/\*$/, '');
  if (/[=*]/.test(inner)) return '"*" goes at the start or end of a word, "=" at the start';
  if (term.startsWith('*') && term.endsWith('*')) return 'use "*" at one end only';
  if (term.includes('*') && inner.length < 3) return 'a wildcard term needs at least 3 letters';
  return undefined;
}

const Term = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .superRefine((term, ctx) => {
    const problem = termProblem(term);
    if (problem) ctx.addIssue({ code: 'custom', message: `"${term}": ${problem}` });
  });

const TermList = z.array(Term).max(MAX_TERMS_PER_LIST, `at most ${MAX_TERMS_PER_LIST} terms per language`);

const perLanguage = <T extends z.ZodType>(schema: T) =>
  z.strictObject(
    Object.fromEntries(LANGUAGES.map((lang) => [lang, schema.optional()])) as Record<
      Language,
      z.ZodOptional<T>
    >,
  );

const ThemeItem = z.strictObject({
  label: perLanguage(z.string().trim().min(1).max(60)).optional(),
  terms: perLanguage(TermList).optional(),
  positive: perLanguage(TermList).optional(),
  negative: perLanguage(TermList).optional(),
});
type ThemeItem = z.infer<typeof ThemeItem>;

/**
 * The `themes` section of `touchpoints.config.json`. `mode: "extend"` (the default) keeps the shipped
 * themes: an item with a shipped id adds its terms and labels to that theme, `null` removes it, a new
 * id adds a theme. `mode: "replace"` uses only the items given.
 */
export const ThemesConfigSchema = z
  .strictObject({
    mode: z.enum(['extend', 'replace'], { error: 'must be "extend" or "replace"' }).optional(),
    items: z.record(
      z
        .string()
        .regex(
          THEME_ID,
          'theme ids are 2-40 lowercase letters, digits or underscores, starting with a letter',
        ),
      ThemeItem.nullable(),
    ),
  })
  .superRefine((section, ctx) => {
    const mode = section.mode ?? 'extend';
    const entries = Object.entries(section.items);
    if (mode === 'replace' && entries.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'must define at least one theme in replace mode',
      });
    for (const [id, item] of entries) {
      const shipped = mode === 'extend' && Object.hasOwn(DEFAULT_TAXONOMY, id);
      if (item === null) {
        if (!shipped)
          ctx.addIssue({
            code: 'custom',
            path: ['items', id],
            message:
              mode === 'replace'
                ? 'null removes a shipped theme, which only makes sense in extend mode'
                : `is not a shipped theme, so there is nothing to remove (shipped: ${DEFAULT_THEME_IDS.join(', ')})`,
          });
        continue;
      }
      if (shipped) continue;
      if (!item.label || Object.keys(item.label).length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['items', id, 'label'],
          message: 'a new theme needs a label in at least one language',
        });
      const termCount = (['terms', 'positive', 'negative'] as const)
        .flatMap((list) => Object.values(item[list] ?? {}))
        .reduce((sum, terms) => sum + (terms?.length ?? 0), 0);
      if (termCount === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['items', id, 'terms'],
          message: 'a new theme needs at least one term',
        });
    }
  });
export type ThemesConfig = z.infer<typeof ThemesConfigSchema>;

const mergeTerms = (base: LanguageTerms, extra: ThemeItem['terms']): LanguageTerms =>
  Object.fromEntries(
    LANGUAGES.map((lang) => [lang, unique([...(base[lang] ?? []), ...(extra?.[lang] ?? [])])]),
  );

const toDefinition = (item: ThemeItem, base?: ThemeDefinition): ThemeDefinition => ({
  label: { ...base?.label, ...item.label },
  terms: mergeTerms(base?.terms ?? {}, item.terms),
  positive: mergeTerms(base?.positive ?? {}, item.positive),
  negative: mergeTerms(base?.negative ?? {}, item.negative),
});

/**
 * The themes of a loaded config, in a form that loads again unchanged: `mode: "replace"` with every
 * theme spelt out (a resolved config is valid config input). Analyse with `config.themes.items`.
 */
export interface ResolvedThemes {
  mode: 'replace';
  items: Taxonomy;
}

const SHIPPED_THEMES: ResolvedThemes = Object.freeze({ mode: 'replace', items: DEFAULT_TAXONOMY });

/** The `themes` of a config: the section resolved against the shipped taxonomy. */
export function resolveThemes(section: ThemesConfig | undefined): ResolvedThemes {
  return section ? { mode: 'replace', items: resolveTaxonomy(section) } : SHIPPED_THEMES;
}

/** The taxonomy a validated `themes` section describes; the shipped one when there is none. */
export function resolveTaxonomy(section: ThemesConfig | undefined): Taxonomy {
  if (!section) return DEFAULT_TAXONOMY;
  const result: Record<string, ThemeDefinition> =
    (section.mode ?? 'extend') === 'extend' ? { ...DEFAULT_TAXONOMY } : {};
  for (const [id, item] of Object.entries(section.items)) {
    if (item === null) delete result[id];
    else result[id] = toDefinition(item, result[id]);
  }
  return result;
}
