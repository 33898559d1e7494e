/**
 * Reply vocabulary per shipped language: SMS keywords (whole-message matches), natural-language
 * opt-out phrases and number words 0-10. Rendered into docs/reply-forms.md by scripts/reply-forms-doc.ts.
 */
export const OPT_OUT_KEYWORDS: Record<string, string[]> = {
  en: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPT OUT', 'OPTOUT', 'STOP ALL'],
  de: ['STOPP', 'ABMELDEN', 'ABBESTELLEN', 'BEENDEN'],
  fr: ['ARRET', 'ARRÊT', 'DESABONNER', 'DÉSABONNER', 'DESINSCRIRE', 'DÉSINSCRIRE'],
  es: ['PARAR', 'BAJA', 'CANCELAR', 'DETENER'],
  nl: ['STOPPEN', 'AFMELDEN', 'UITSCHRIJVEN'],
  hu: ['LEIRATKOZÁS', 'LEIRATKOZAS', 'LEÁLLÍTÁS', 'LEALLITAS'],
  et: ['LÕPETA', 'LOPETA', 'LOOBU'],
  ru: ['СТОП', 'ОТПИСАТЬСЯ', 'ОТПИСКА'],
};

export const OPT_IN_KEYWORDS: Record<string, string[]> = {
  en: ['START', 'UNSTOP'],
  de: ['ANMELDEN'],
  fr: ['DEMARRER', 'DÉMARRER'],
  es: ['ALTA'],
  nl: ['AANMELDEN'],
  hu: ['FELIRATKOZÁS'],
  et: ['ALUSTA'],
  ru: ['СТАРТ'],
};

/** YES re-subscribes only a number that opted out (otherwise it is just an unclear answer). */
export const YES_WORDS = ['YES', 'JA', 'OUI', 'SI', 'SÍ', 'IGEN', 'JAH', 'ДА'];

export const HELP_KEYWORDS: Record<string, string[]> = {
  en: ['HELP', 'INFO'],
  de: ['HILFE'],
  fr: ['AIDE'],
  es: ['AYUDA'],
  nl: ['HULP'],
  hu: ['SEGÍTSÉG', 'SEGITSEG'],
  et: ['ABI'],
  ru: ['ПОМОЩЬ'],
};

/** Phrases that mean "stop messaging me" in a sentence; matched only when no score is given. */
export const OPT_OUT_PHRASES: Record<string, RegExp[]> = {
  en: [
    /\b(please\s+)?stop\s+(texting|messaging|sending|contacting|spamming)\b/i,
    /\b(don'?t|do not|never)\s+(text|message|contact|sms)\s+me\b/i,
    /\bunsubscribe\s+me\b/i,
    /\bremove\s+me\s+from\b/i,
    /\bno\s+more\s+(texts|messages|surveys)\b/i,
    /\bleave\s+me\s+alone\b/i,
  ],
  de: [
    /\b(keine|nicht)\s+(sms|nachrichten|umfragen)\s+mehr\b/i,
    /\bhören\s+sie\s+auf\b/i,
    /\bmeine\s+nummer\s+löschen\b/i,
  ],
  fr: [
    /\b(arr[êe]tez|cessez)\s+de\s+m['’]?(envoyer|écrire|ecrire)/i,
    /\bplus\s+de\s+(sms|messages)\b/i,
    /\bne\s+m['’]?(envoyez|écrivez)\s+plus\b/i,
  ],
  es: [
    /\b(deje|dejen|dejad)\s+de\s+(enviarme|escribirme|mandarme)\b/i,
    /\bno\s+me\s+(envíen|envien|escriban)\s+más\b/i,
  ],
  nl: [/\bstop\s+met\s+(sms|berichten|sturen)\b/i, /\bgeen\s+(sms|berichten)\s+meer\b/i],
  hu: [/\bne\s+(küldjenek|írjanak)\s+(több|többet)\b/i, /\bnem\s+kérek\s+(több\s+)?(sms|üzenetet)\b/i],
  et: [/\b(ärge|ära)\s+(saatke|saada)\s+mulle\b/i, /\brohkem\s+sõnumeid\s+ei\b/i],
  ru: [/(перестаньте|хватит)\s+(писать|присылать|отправлять)/i, /не\s+(пишите|присылайте)\s+(мне|больше)/i],
};

/** Number words 0..10 per language (lowercase; accents kept, also matched without them). */
export const NUMBER_WORDS: Record<string, string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  de: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn'],
  fr: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'],
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez'],
  nl: ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'],
  hu: ['nulla', 'egy', 'kettő', 'három', 'négy', 'öt', 'hat', 'hét', 'nyolc', 'kilenc', 'tíz'],
  et: ['null', 'üks', 'kaks', 'kolm', 'neli', 'viis', 'kuus', 'seitse', 'kaheksa', 'üheksa', 'kümme'],
  ru: ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять'],
};

/** Extra spellings that also mean a number. */
export const NUMBER_ALIASES: Record<string, number> = {
  eine: 1,
  ein: 1,
  une: 1,
  una: 1,
  één: 1,
  két: 2,
  zwo: 2,
  одна: 1,
  две: 2,
};
