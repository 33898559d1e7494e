import type { Language } from '../model.ts';
import type { SentimentCues } from './language-pack.ts';
import { LANGUAGE_CUES, type Taxonomy } from './taxonomy.ts';
import { surfaceOf, type Token, tokenize } from './text.ts';

/**
 * Compiles taxonomy terms and language cues into one lookup per (taxonomy, language), and finds every
 * phrase of it in a token list. Pure and cached: the default taxonomy compiles once per language.
 */

type Pattern = { kind: 'key' | 'exact' | 'prefix' | 'suffix'; value: string };

export type Role =
  | { type: 'sentiment'; weight: number }
  | { type: 'theme'; theme: string; form: 'topic' | 'positive' | 'negative'; needsContext: boolean }
  | { type: 'negator' | 'lookBack' | 'post' | 'contrast' | 'intensifier' };

export interface Entry {
  patterns: Pattern[];
  role: Role;
}

/** A phrase found in the comment: tokens `start` (inclusive) to `end` (exclusive). */
export interface Match {
  start: number;
  end: number;
  role: Role;
}

export interface CompiledLexicon {
  byFirst: Map<string, Entry[]>;
  wildcards: Entry[];
  /** Signatures of the entries added, so spellings that stem alike ("damage", "damaged") add one entry. */
  seen: Set<string>;
}

/** Patterns of one term, or undefined when nothing in it can be matched. */
function patternsOf(term: string, language: Language, stemmed: boolean): Pattern[] | undefined {
  const trimmed = term.trim();
  if (stemmed && /^=|^\*|\*$/.test(trimmed)) {
    const bare = trimmed.replace(/^[=*]/, '').replace(/\*$/, '');
    const value = surfaceOf(bare, language);
    if (!value) return undefined;
    const kind = trimmed.startsWith('=') ? 'exact' : trimmed.startsWith('*') ? 'suffix' : 'prefix';
    return [{ kind, value }];
  }
  const tokens = tokenize(trimmed, language);
  if (tokens.length === 0) return undefined;
  return tokens.map((t) =>
    stemmed || t.kind !== 'word' ? { kind: 'key', value: t.key } : { kind: 'exact', value: t.surface },
  );
}

const firstKey = (p: Pattern) =>
  p.kind === 'key' ? `k:${p.value}` : p.kind === 'exact' ? `x:${p.value}` : undefined;

function add(
  lexicon: CompiledLexicon,
  terms: readonly string[],
  language: Language,
  role: Role,
  stemmed: boolean,
) {
  for (const raw of terms) {
    const needsContext = role.type === 'theme' && raw.startsWith('~');
    const term = needsContext ? raw.slice(1) : raw;
    const entryRole = role.type === 'theme' ? { ...role, needsContext } : role;
    const patterns = patternsOf(term, language, stemmed);
    const first = patterns?.[0];
    if (!patterns || !first) continue;
    const signature = JSON.stringify([patterns, entryRole]);
    if (lexicon.seen.has(signature)) continue;
    lexicon.seen.add(signature);
    const entry = { patterns, role: entryRole };
    const key = firstKey(first);
    if (key === undefined) lexicon.wildcards.push(entry);
    else {
      const list = lexicon.byFirst.get(key);
      if (list) list.push(entry);
      else lexicon.byFirst.set(key, [entry]);
    }
  }
}

function addCues(lexicon: CompiledLexicon, cues: SentimentCues, language: Language) {
  // Function words are compared as written (folded), never stemmed: "no" must not become "non".
  add(lexicon, cues.negators, language, { type: 'negator' }, false);
  add(lexicon, cues.lookBackNegators, language, { type: 'lookBack' }, false);
  add(lexicon, cues.postNegators, language, { type: 'post' }, false);
  add(lexicon, cues.contrast, language, { type: 'contrast' }, false);
  add(lexicon, cues.intensifiers, language, { type: 'intensifier' }, false);
  add(lexicon, cues.strongPositive, language, { type: 'sentiment', weight: 2 }, true);
  add(lexicon, cues.positive, language, { type: 'sentiment', weight: 1 }, true);
  add(lexicon, cues.mildPositive, language, { type: 'sentiment', weight: 0.5 }, true);
  add(lexicon, cues.negative, language, { type: 'sentiment', weight: -1 }, true);
  add(lexicon, cues.strongNegative, language, { type: 'sentiment', weight: -2 }, true);
}

const compiled = new WeakMap<Taxonomy, Map<Language, CompiledLexicon>>();

/** The lookup for a taxonomy in a language, built on first use. */
export function lexiconFor(taxonomy: Taxonomy, language: Language): CompiledLexicon {
  let perLanguage = compiled.get(taxonomy);
  if (!perLanguage) {
    perLanguage = new Map();
    compiled.set(taxonomy, perLanguage);
  }
  let lexicon = perLanguage.get(language);
  if (!lexicon) {
    lexicon = { byFirst: new Map(), wildcards: [], seen: new Set() };
    addCues(lexicon, LANGUAGE_CUES[language], language);
    for (const [theme, def] of Object.entries(taxonomy)) {
      add(
        lexicon,
        def.terms[language] ?? [],
        language,
        { type: 'theme', theme, form: 'topic', needsContext: false },
        true,
      );
      add(
        lexicon,
        def.positive[language] ?? [],
        language,
        { type: 'theme', theme, form: 'positive', needsContext: false },
        true,
      );
      add(
        lexicon,
        def.negative[language] ?? [],
        language,
        { type: 'theme', theme, form: 'negative', needsContext: false },
        true,
      );
    }
    perLanguage.set(language, lexicon);
  }
  return lexicon;
}

function fits(pattern: Pattern, token: Token): boolean {
  switch (pattern.kind) {
    case 'key':
      return token.key === pattern.value;
    case 'exact':
      return token.surface === pattern.value;
    case 'prefix':
      return token.kind === 'word' && token.surface.startsWith(pattern.value);
    case 'suffix':
      return token.kind === 'word' && token.surface.endsWith(pattern.value);
  }
}

/** Every phrase of the lexicon in the tokens; a phrase never spans punctuation. */
export function findMatches(tokens: readonly Token[], lexicon: CompiledLexicon): Match[] {
  const matches: Match[] = [];
  tokens.forEach((token, i) => {
    const candidates = [
      ...(lexicon.byFirst.get(`k:${token.key}`) ?? []),
      ...(lexicon.byFirst.get(`x:${token.surface}`) ?? []),
      ...lexicon.wildcards.filter((entry) => entry.patterns[0] && fits(entry.patterns[0], token)),
    ];
    for (const entry of candidates) {
      const end = phraseEnd(tokens, i, entry);
      if (end !== undefined) matches.push({ start: i, end, role: entry.role });
    }
  });
  return matches;
}

/**
 * Where a phrase starting at token `i` ends (exclusive), or undefined. One extra word may stand
 * between two of its words ("charged me twice" for "charged twice", "no visible damage" for "no
 * damage"); the phrase never crosses punctuation.
 */
function phraseEnd(tokens: readonly Token[], i: number, entry: Entry): number | undefined {
  let at = i + 1;
  let gapUsed = false;
  for (let j = 1; j < entry.patterns.length; j++) {
    const pattern = entry.patterns[j];
    const next = tokens[at];
    if (!pattern || !next || next.boundary !== 'none') return undefined;
    if (fits(pattern, next)) {
      at++;
      continue;
    }
    const after = tokens[at + 1];
    if (gapUsed || next.kind === 'emoji' || !after || after.boundary !== 'none' || !fits(pattern, after))
      return undefined;
    gapUsed = true;
    at += 2;
  }
  return at;
}
