import {
  HELP_KEYWORDS,
  NUMBER_ALIASES,
  NUMBER_WORDS,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  OPT_OUT_PHRASES,
  YES_WORDS,
} from './keywords.ts';

/**
 * Understands what a customer texted or pressed: a score, a keyword (STOP, START, HELP...), or
 * something unclear. Tolerant ("9", " 9 ", "9/10", "9 - great", "I'd say 8", "nine", "neun",
 * "девять") but never guesses between two numbers. Never throws, whatever the input.
 */
export type Scale = { min: number; max: number };

export type ReplyIntent =
  | { kind: 'score'; score: number }
  | { kind: 'out_of_range'; value: number }
  | { kind: 'opt_out'; keyword: string }
  | { kind: 'opt_in'; keyword: string }
  | { kind: 'help'; keyword: string }
  | { kind: 'unclear' };

export type KeypadIntent =
  | { kind: 'score'; score: number }
  | { kind: 'out_of_range'; value: number }
  | { kind: 'no_input' }
  | { kind: 'cancel' }
  | { kind: 'unclear' };

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const normalizeKeyword = (s: string) =>
  stripAccents(
    s
      .trim()
      .replace(/[\s.!?,;:]+$/g, '')
      .replace(/\s+/g, ' '),
  ).toUpperCase();

function keywordSet(table: Record<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const words of Object.values(table)) for (const w of words) out.set(normalizeKeyword(w), w);
  return out;
}
const OPT_OUT = keywordSet(OPT_OUT_KEYWORDS);
const OPT_IN = keywordSet(OPT_IN_KEYWORDS);
const HELP = keywordSet(HELP_KEYWORDS);
const YES = new Set(YES_WORDS.map(normalizeKeyword));

const WORD_VALUES = new Map<string, number>();
for (const words of Object.values(NUMBER_WORDS)) {
  words.forEach((w, i) => {
    WORD_VALUES.set(w, i);
    WORD_VALUES.set(stripAccents(w), i);
  });
}
for (const [w, v] of Object.entries(NUMBER_ALIASES)) WORD_VALUES.set(w.trim(), v);

/** Converts full-width and Arabic-Indic digits to ASCII. */
function asciiDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The numbers a message states, ignoring a "/10"-style denominator equal to the scale's max. */
function numbersIn(text: string, scale: Scale): number[] {
  const found: number[] = [];
  const digits = asciiDigits(text);
  const re = /(\d+(?:[.,]\d+)?)(\s*(?:\/|out of|von|sur|de|van|из)\s*(\d+))?/giu;
  for (const m of digits.matchAll(re)) {
    const raw = m[1] ?? '';
    const value = Number(raw.replace(',', '.'));
    if (!Number.isFinite(value)) continue;
    found.push(value);
    // "9/10": the denominator is not a second answer.
    if (m[3] && Number(m[3]) !== scale.max && Number(m[3]) !== 10 && Number(m[3]) !== 5 && Number(m[3]) !== 7)
      found.push(Number(m[3]));
  }
  const words = stripAccents(digits.toLowerCase())
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const original = digits
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  words.forEach((w, i) => {
    const value = WORD_VALUES.get(original[i] ?? '') ?? WORD_VALUES.get(w);
    // "un"/"een"/"egy" are also articles: count them only when the message is that word alone.
    if (value === undefined) return;
    if (
      value === 1 &&
      ['un', 'een', 'egy', 'uno', 'one', 'eine', 'ein', 'une', 'una'].includes(w) &&
      words.length > 1
    )
      return;
    found.push(value);
  });
  return found;
}

export function parseSmsReply(text: string, scale: Scale, options: { optedOut?: boolean } = {}): ReplyIntent {
  const message = typeof text === 'string' ? text.slice(0, 1600) : '';
  const keyword = normalizeKeyword(message);
  if (OPT_OUT.has(keyword)) return { kind: 'opt_out', keyword: OPT_OUT.get(keyword) ?? keyword };
  if (OPT_IN.has(keyword)) return { kind: 'opt_in', keyword: OPT_IN.get(keyword) ?? keyword };
  if (options.optedOut && YES.has(keyword)) return { kind: 'opt_in', keyword };
  if (HELP.has(keyword)) return { kind: 'help', keyword: HELP.get(keyword) ?? keyword };
  // Markup or code is not an answer, whatever digits it contains ("<script>alert(1)</script>").
  if (/<[a-z/!][^>]*>|[{};]\s*\w+\s*\(|\$\{/i.test(message)) return { kind: 'unclear' };
  const numbers = [...new Set(numbersIn(message, scale))];
  if (numbers.length === 0) {
    for (const patterns of Object.values(OPT_OUT_PHRASES)) {
      if (patterns.some((p) => p.test(message))) return { kind: 'opt_out', keyword: 'phrase' };
    }
    return { kind: 'unclear' };
  }
  if (numbers.length > 1) return { kind: 'unclear' };
  const value = numbers[0] as number;
  if (!Number.isInteger(value)) return { kind: 'unclear' };
  if (value < scale.min || value > scale.max) return { kind: 'out_of_range', value };
  return { kind: 'score', score: value };
}

/** Keypad digits from an IVR `<Gather>`: "9", "10", "10#"; "#" alone is no input; "*" cancels. */
export function parseKeypad(digits: string | undefined, scale: Scale): KeypadIntent {
  const d = (digits ?? '').trim();
  if (d.includes('*')) return { kind: 'cancel' };
  const body = d.replace(/#+$/, '');
  if (body === '') return { kind: 'no_input' };
  if (!/^\d{1,2}$/.test(body)) return { kind: 'unclear' };
  const value = Number(body);
  if (value < scale.min || value > scale.max) return { kind: 'out_of_range', value };
  return { kind: 'score', score: value };
}
