import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import type { Language } from '../model.ts';
import { stemEstonian } from './estonian-stemmer.ts';

/**
 * Tokens and match keys. A word's key is its stem with diacritics folded where that is safe for the
 * language, so "delivered"/"delivery" or "abîmé"/"abime" meet, and a taxonomy term and a comment
 * word are compared by key, never as raw substrings. Offsets index the original text (no
 * normalisation of the whole string), so spans can highlight it as the customer wrote it.
 */

/** Longer comments are analysed up to here: a pasted e-mail thread must not cost more than a comment. */
export const MAX_ANALYSED_CHARS = 10_000;

export interface Token {
  /** The text as written. */
  text: string;
  /** Lower-case, folded, unstemmed: what `=exact` and `*wildcard` terms and cue words compare with. */
  surface: string;
  /** Stem of `surface`, folded: what ordinary terms compare with. */
  key: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'emoji';
  /** Punctuation stands before this token: `sentence` (. ! ? ; newline) or `clause` (, : brackets, dash). */
  boundary: 'none' | 'clause' | 'sentence';
}

const STEMMERS: Record<Language, (word: string) => string> = {
  en: english,
  de: german,
  fr: french,
  es: spanish,
  nl: dutch,
  hu: hungarian,
  et: stemEstonian,
  ru: russian,
};

const STRIP_MARKS = /\p{M}/gu;
const foldAll = (s: string) => s.normalize('NFD').replace(STRIP_MARKS, '').normalize('NFC');

/**
 * Where folding is safe. Spanish keeps ñ (año is not ano); Estonian keeps õ ä ö ü, which are letters
 * of their own (säästa/saasta); Russian only reads ё as е (folding й would merge it with и).
 * Hungarian folds everything: customers often drop the accents on phones, and the stems that would
 * collide (kor/kör) are not in the vocabulary.
 */
const FOLD: Record<Language, (s: string) => string> = {
  en: foldAll,
  de: foldAll,
  fr: foldAll,
  nl: foldAll,
  hu: foldAll,
  es: (s) => s.split('ñ').map(foldAll).join('ñ'),
  et: (s) => s.replace(/š/g, 's').replace(/ž/g, 'z'),
  ru: (s) => s.replace(/ё/g, 'е'),
};

const CACHE_LIMIT = 50_000;
const keyCaches = new Map<Language, Map<string, string>>();

/** The match key of one lower-case word. Cached per language: comment vocabularies repeat a lot. */
export function wordKey(word: string, language: Language): string {
  let cache = keyCaches.get(language);
  if (!cache) {
    cache = new Map();
    keyCaches.set(language, cache);
  }
  let key = cache.get(word);
  if (key === undefined) {
    // Stemmers know the accented spelling; folding happens after, so both spellings meet.
    const input = language === 'ru' ? word.replace(/ё/g, 'е') : word;
    key = FOLD[language](STEMMERS[language](input));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, key);
  }
  return key;
}

/** Lower-case and fold one word the way cue words and wildcard terms are compared. */
export function surfaceOf(word: string, language: Language): string {
  return FOLD[language](word.normalize('NFC').toLowerCase().replace(/’/g, "'"));
}

// One alternative per token kind; the order matters (an emoticon before punctuation).
const TOKEN =
  /(?<url>https?:\/\/\S+|www\.\S+|\S+@\S+\.\w+)|(?<emoticon>[:;=][-'^o]?[)(\][DPpO/\\|*]+(?![\p{L}\d])|<3+|\^_?\^|\b[xX]D+\b)|(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}])*)|(?<word>[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)|(?<number>\d+(?:[.,/]\d+)*)|(?<sentence>[.!?;…\n\r]+)|(?<clause>[,:()[\]"«»“”„—–]+|\s-\s)/gu;

/** Elided French words split at the apostrophe ("n'est" -> "n", "est"), so "ne" and articles stand alone. */
const SPLIT_APOSTROPHE: ReadonlySet<Language> = new Set(['fr']);

/** Splits a comment into word, number and emoji tokens, remembering the punctuation before each. */
export function tokenize(text: string, language: Language): Token[] {
  const input = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const tokens: Token[] = [];
  let boundary: Token['boundary'] = 'none';
  const push = (raw: string, start: number, kind: Token['kind']) => {
    const surface = kind === 'word' ? surfaceOf(raw, language) : raw;
    const key =
      kind === 'word' ? wordKey(raw.normalize('NFC').toLowerCase().replace(/’/g, "'"), language) : raw;
    tokens.push({ text: raw, surface, key, start, end: start + raw.length, kind, boundary });
    boundary = 'none';
  };
  for (const match of input.matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    const at = match.index;
    if (groups.sentence) boundary = 'sentence';
    else if (groups.clause) boundary = boundary === 'sentence' ? 'sentence' : 'clause';
    else if (groups.emoticon || groups.emoji) push(match[0], at, 'emoji');
    else if (groups.number) push(match[0], at, 'number');
    else if (groups.word) {
      if (SPLIT_APOSTROPHE.has(language) && /['’]/.test(match[0])) {
        let offset = at;
        for (const part of match[0].split(/(?<=['’])/)) {
          const bare = part.replace(/['’]$/, '');
          push(bare, offset, 'word');
          offset += part.length;
        }
      } else push(match[0], at, 'word');
    }
  }
  return tokens;
}
