import type { Catalog, Scale, Topic } from './messages/catalog.ts';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { es } from './messages/es.ts';
import { et } from './messages/et.ts';
import { fr } from './messages/fr.ts';
import { hu } from './messages/hu.ts';
import { nl } from './messages/nl.ts';
import { ru } from './messages/ru.ts';
import { DEFAULT_METRICS, LANGUAGES, type Language, type MetricDefinition } from './model.ts';
import { fitsOneSegment, smsEncoding, smsLength, toGsm7Lookalikes } from './sms-segments.ts';

/**
 * Every text a customer reads or hears, in the eight shipped languages (anything else gets
 * English). The translations live in messages/<language>.ts; this module picks and fills them.
 *
 * SMS must fit one segment with a brand of up to 20 characters (the config limit), a contact of up
 * to 24 and a review link of up to 36: en, de, fr, es, nl and et are worded in GSM-7 (160);
 * hu and ru need letters outside GSM-7, so their survey questions fall back to shorter wordings
 * that fit 70 UCS-2 units (each language file says what was shortened). Where a richer wording
 * fits the actual brand, it is used. Every survey SMS (question and reminder) ends with the
 * opt-out instruction naming STOP, which the reply parser understands in every language.
 */

export type { Scale, Topic } from './messages/catalog.ts';

const CATALOGS: Record<Language, Catalog> = { en, de, fr, es, nl, hu, et, ru };

/** The longest values the tests prove fit one SMS segment in every language. */
export const SMS_FIT_LIMITS = { brand: 20, contact: 24, url: 36 } as const;

/**
 * Maps a locale to a shipped language, else English. Takes a BCP 47 tag ("de-AT", "RU"), a POSIX
 * one ("nl_BE.UTF-8") or an Accept-Language list ("pt-BR, de;q=0.8" gives de: the best-weighted
 * shipped language wins, so a customer who also reads German is not sent English).
 */
export function languageOf(locale?: string): Language {
  const ranked = (locale ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.toLowerCase().split(/[-_.@]/)[0] ?? '';
    if ((LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  }
  return 'en';
}

export type SmsKind =
  | 'question'
  | 'clarify'
  | 'why'
  | 'thanks'
  | 'thanksComment'
  | 'closed'
  | 'optOutConfirm'
  | 'optInConfirm'
  | 'help'
  | 'reminder'
  | 'review';

export const SMS_KINDS: readonly SmsKind[] = [
  'question',
  'clarify',
  'why',
  'thanks',
  'thanksComment',
  'closed',
  'optOutConfirm',
  'optInConfirm',
  'help',
  'reminder',
  'review',
];

export interface SmsVars {
  /** Brand name as the customer knows it (config: at most 20 characters). */
  brand: string;
  /** How to reach a human (kind `help`): a URL, email address or phone number. */
  contact?: string;
  /** Scale of the survey; NPS 0-10 when absent. */
  metric?: MetricDefinition;
  /** Touchpoint name; `purchase`, `delivery`, `ticket_closed` get their own wording. */
  touchpoint?: string;
  /** An already localized custom question from the touchpoint config; replaces the default. */
  question?: string;
  /** The review link promoters are invited to (kind `review`). */
  url?: string;
}

/** Which scale a metric definition is answered on. */
export function scaleOf(metric: MetricDefinition): Scale {
  if (metric.kind === 'ces') return metric.convention === 'effort' ? 'effort' : 'ces';
  return metric.kind;
}

/** Which wording a touchpoint gets; admin-defined touchpoints share the generic one. */
export function topicOf(touchpoint: string | undefined): Topic {
  return touchpoint === 'purchase' || touchpoint === 'delivery' || touchpoint === 'ticket_closed'
    ? touchpoint
    : 'other';
}

/** Fills `{name}` placeholders in one pass, so a value that itself contains braces is left alone. */
function fill(template: string, values: Readonly<Record<string, string | number | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = values[key];
    return value === undefined ? match : String(value);
  });
}

function quoted(c: Catalog, statement: string): string {
  return `${c.quotes[0]}${statement}${c.quotes[1]}`;
}

/** The default question of a survey as one sentence (CES: the agreement prompt and the statement). */
function fullQuestion(c: Catalog, scale: Scale, topic: Topic, brand: string): string {
  if (scale === 'nps') return fill(c.question.nps, { brand });
  const text = fill(c.question[scale][topic], { brand });
  return scale === 'ces' ? `${c.agree} ${quoted(c, text)}` : text;
}

/** The localized survey question alone, without reply instructions (email and voice use it). */
export function questionText(lang: Language, vars: SmsVars): string {
  const c = CATALOGS[lang];
  if (vars.question) return fill(vars.question, { brand: vars.brand });
  const metric = vars.metric ?? DEFAULT_METRICS.nps;
  return fullQuestion(c, scaleOf(metric), topicOf(vars.touchpoint), vars.brand);
}

interface SmsQuestion {
  text: string;
  /** Names the brand itself; otherwise the brand prefix goes in front. */
  named: boolean;
  /** A CES statement: only the reply instructions with both end labels make it a question. */
  statement: boolean;
}

/**
 * SMS question wordings, richest first, each with whether it names the brand (from the template,
 * not a substring search: a short brand like "Bo" would otherwise be "found" inside a word). In SMS
 * a CES statement stands alone (the reply labels ask for agreement) in plain quotes, which GSM-7
 * has and French-spaced guillemets would waste.
 */
function smsQuestions(c: Catalog, vars: SmsVars, scale: Scale, topic: Topic): SmsQuestion[] {
  const brand = { brand: vars.brand };
  const entry = (template: string, statement = false): SmsQuestion => ({
    text: statement ? `"${fill(template, brand)}"` : fill(template, brand),
    named: template.includes('{brand}'),
    statement,
  });
  if (vars.question) {
    // A custom question may name the brand literally; whole-word match keeps "Bo" out of "Book".
    const literal = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(vars.brand)}($|[^\\p{L}\\p{N}])`, 'u');
    const custom = entry(vars.question);
    return [{ ...custom, named: custom.named || literal.test(vars.question) }];
  }
  const full = scale === 'nps' ? entry(c.question.nps) : entry(c.question[scale][topic], scale === 'ces');
  const short = c.sms.shortQuestion;
  if (!short) return [full];
  return [full, entry(scale === 'nps' ? short.nps : short[scale][topic])];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text as it goes on the wire: typographic look-alikes replaced, whitespace collapsed. */
function wire(text: string): string {
  return toGsm7Lookalikes(text).replace(/\s+/g, ' ').trim();
}

/**
 * Survey question or reminder, trying wordings from the richest to the leanest and keeping the
 * first that fits one segment: for each question wording, with the reminder prefix before without,
 * and the full reply instructions before the short ones (never for a CES statement, which needs its
 * labels). The opt-out line and the brand are never dropped. If nothing fits (a custom question or
 * brand too long for the language), the leanest wording is returned: see {@link smsOverflows}.
 */
function renderQuestion(c: Catalog, vars: SmsVars, reminder: boolean): string {
  const metric = vars.metric ?? DEFAULT_METRICS.nps;
  const scale = scaleOf(metric);
  const topic = topicOf(vars.touchpoint);
  const bounds = { min: metric.min, max: metric.max };
  let leanest = '';
  for (const { text: question, named, statement } of smsQuestions(c, vars, scale, topic)) {
    const heads = [
      ...(reminder ? [fill(named ? c.sms.reminder : c.sms.reminderFrom, { brand: vars.brand })] : []),
      named ? '' : fill(c.sms.brandPrefix, { brand: vars.brand }),
    ];
    const replies = [
      c.sms.reply[scale],
      ...(c.sms.shortReply && !statement ? [c.sms.shortReply[scale]] : []),
    ];
    for (const head of heads) {
      for (const reply of replies) {
        leanest = wire(`${head}${question} ${fill(reply, bounds)} ${c.sms.stop}`);
        if (fitsOneSegment(leanest)) return leanest;
      }
    }
  }
  return leanest;
}

/** Renders one SMS in the customer's language. */
export function renderSms(kind: SmsKind, lang: Language, vars: SmsVars): string {
  const c = CATALOGS[lang];
  if (kind === 'question' || kind === 'reminder') return renderQuestion(c, vars, kind === 'reminder');
  const metric = vars.metric ?? DEFAULT_METRICS.nps;
  return wire(
    fill(c.sms[kind], {
      brand: vars.brand,
      contact: vars.contact ?? '',
      url: vars.url ?? '',
      min: metric.min,
      max: metric.max,
    }),
  );
}

/** An SMS that would take more than one segment. */
export interface SmsOverflow {
  kind: SmsKind;
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 units (UCS-2); one segment holds 160 or 70. */
  length: number;
}

/**
 * Every SMS of one language that would not fit one segment with these values. Config validation
 * can call it per touchpoint and language to reject, at deploy time, a brand with characters
 * outside GSM-7, a contact or review link too long, or a custom question too long for its language.
 * Kinds that use a value not given (`help` without contact, `review` without url) are skipped.
 */
export function smsOverflows(lang: Language, vars: SmsVars): SmsOverflow[] {
  const out: SmsOverflow[] = [];
  for (const kind of SMS_KINDS) {
    if ((kind === 'help' && vars.contact === undefined) || (kind === 'review' && vars.url === undefined))
      continue;
    const text = renderSms(kind, lang, vars);
    if (!fitsOneSegment(text)) out.push({ kind, text, encoding: smsEncoding(text), length: smsLength(text) });
  }
  return out;
}

/** Prefix of reminder email subjects. */
export const REMINDER_PREFIX: Record<Language, string> = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, CATALOGS[lang].sms.reminder]),
) as Record<Language, string>;

/** Texts of the survey email and of the pages its links open (plain strings; HTML is built elsewhere). */
export type EmailTexts = Omit<Catalog['email'], 'subject'> & {
  subject: string;
  question: string;
  lowLabel: string;
  highLabel: string;
};

export interface SurveyTextVars {
  brand: string;
  metric: MetricDefinition;
  touchpoint: string;
  /** An already localized custom question; replaces the default one. */
  question?: string;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function emailTexts(lang: Language, vars: SurveyTextVars): EmailTexts {
  const c = CATALOGS[lang];
  const t = c.email;
  const scale = scaleOf(vars.metric);
  const topic = topicOf(vars.touchpoint);
  const brand = { brand: vars.brand };
  return {
    subject: fill(scale === 'nps' ? t.subject.nps : t.subject[topic], brand),
    heading: t.heading,
    question: questionText(lang, vars),
    lowLabel: capitalize(c.labels.low[scale]),
    highLabel: capitalize(c.labels.high[scale]),
    whyHeading: t.whyHeading,
    whyLabel: t.whyLabel,
    submit: t.submit,
    thanks: t.thanks,
    changeHint: t.changeHint,
    saveHint: t.saveHint,
    closed: t.closed,
    invalidLink: t.invalidLink,
    unsubscribe: t.unsubscribe,
    unsubscribeConfirm: fill(t.unsubscribeConfirm, brand),
    unsubscribed: t.unsubscribed,
    footer: fill(t.footer, brand),
  };
}

/**
 * Twilio `<Say>` attributes per language. Twilio's basic `man`/`woman` voices speak only en, de,
 * fr and es (and it); `alice`, which also covered nl and ru, is deprecated. So nl and ru use
 * Amazon Polly voices and hu, et Google voices (neither Polly nor the basic voices speak them),
 * all available through `<Say voice>` without extra setup. The et voice is the newest addition to
 * Twilio's catalogue: check it in the console (Voice > Text-to-Speech) before going live in Estonia.
 */
export const SAY_ATTRIBUTES: Record<Language, { language: string; voice: string }> = {
  en: { language: 'en-US', voice: 'woman' },
  de: { language: 'de-DE', voice: 'woman' },
  fr: { language: 'fr-FR', voice: 'woman' },
  es: { language: 'es-ES', voice: 'woman' },
  nl: { language: 'nl-NL', voice: 'Polly.Lotte' },
  hu: { language: 'hu-HU', voice: 'Google.hu-HU-Standard-A' },
  et: { language: 'et-EE', voice: 'Google.et-EE-Standard-A' },
  ru: { language: 'ru-RU', voice: 'Polly.Tatyana' },
};

/** Twilio `<Say language>` code; pass {@link SAY_ATTRIBUTES}' voice too, or nl, hu, et, ru are not spoken. */
export function voiceLanguage(lang: Language): string {
  return SAY_ATTRIBUTES[lang].language;
}

export interface VoiceTexts {
  greeting: string;
  /** Question, what the scale ends mean, which keys to press, how to hang up. */
  question: string;
  invalid: string;
  noInput: string;
  confirm: (score: number) => string;
  secondQuestion: string;
  callbackRequestedNote: string;
  thanks: string;
  goodbye: string;
}

export function voiceTexts(lang: Language, vars: SurveyTextVars): VoiceTexts {
  const c = CATALOGS[lang];
  const v = c.voice;
  const scale = scaleOf(vars.metric);
  const { min, max } = vars.metric;
  // Two-digit answers need a terminator; the IVR gathers up to two digits, finished by #.
  const press = max >= 10 ? v.pressPound : v.press;
  const meaning = fill(v.meaning, { min, max, low: c.labels.low[scale], high: c.labels.high[scale] });
  return {
    greeting: fill(v.greeting, { brand: vars.brand }),
    question: `${questionText(lang, vars)} ${meaning} ${fill(press, { min, max })} ${v.cancel}`,
    invalid: v.invalid,
    noInput: v.noInput,
    confirm: (score: number) => fill(v.confirm, { score }),
    secondQuestion: v.second,
    callbackRequestedNote: v.callback,
    thanks: v.thanks,
    goodbye: v.goodbye,
  };
}
