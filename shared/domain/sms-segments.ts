/**
 * SMS segment accounting (3GPP TS 23.038, formerly GSM 03.38). A text is sent as GSM-7 when every
 * character is in the basic set or the extension table (an extension character is an escape plus
 * a septet, so it costs two); otherwise as UCS-2, counted in UTF-16 code units (a character
 * outside the BMP, such as an emoji, is a surrogate pair: two units).
 *
 * One segment holds 160 septets or 70 units. A longer text is split into parts that each lose
 * room to the concatenation header: 153 septets or 67 units, and a part never ends in the middle
 * of an escape sequence or a surrogate pair, so packing is per character rather than a division.
 * National language shift tables (Turkish, Spanish, Portuguese, Indian languages) are not used:
 * Twilio and most carriers in our markets do not send them.
 */

/** The basic character set, in table order (0x1B, the escape to the extension table, left out). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ' +
  'ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each costs two septets. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET: ReadonlySet<string> = new Set(BASIC);
const EXTENSION_SET: ReadonlySet<string> = new Set(EXTENSION);

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** True when every character is in the GSM-7 basic set or extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
  return true;
}

export function smsEncoding(text: string): 'GSM-7' | 'UCS-2' {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2';
}

/** What each character costs in its message's encoding: septets (GSM-7) or UTF-16 units (UCS-2). */
function costs(text: string): number[] {
  const gsm = isGsm7(text);
  const out: number[] = [];
  for (const ch of text) out.push(gsm ? (EXTENSION_SET.has(ch) ? 2 : 1) : ch.length);
  return out;
}

/** Length in the unit of its encoding: septets (GSM-7) or UTF-16 code units (UCS-2). */
export function smsLength(text: string): number {
  return costs(text).reduce((sum, c) => sum + c, 0);
}

/** How many messages the carrier bills: 1 for an empty text, as it is still one message. */
export function segmentCount(text: string): number {
  const limits = isGsm7(text) ? SMS_LIMITS.gsm7 : SMS_LIMITS.ucs2;
  const chars = costs(text);
  const length = chars.reduce((sum, c) => sum + c, 0);
  if (length <= limits.single) return 1;
  let parts = 1;
  let used = 0;
  for (const c of chars) {
    if (used + c > limits.part) {
      parts += 1;
      used = 0;
    }
    used += c;
  }
  return parts;
}

export function fitsOneSegment(text: string): boolean {
  return segmentCount(text) === 1;
}

/**
 * Typographic characters that have a GSM-7 look-alike. Word processors and translators put curly
 * quotes, dashes and no-break spaces into texts; one of them would turn a whole message into UCS-2
 * and cut its room from 160 to 70. (Twilio's "smart encoding" does the same on its side; doing it
 * here keeps our segment count equal to the billed one.)
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u200B': '',
  '\u2060': '',
  '\uFEFF': '',
};
const LOOKALIKE_PATTERN = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

/**
 * Replaces curly quotes, guillemets, dashes, ellipsis and special spaces by their GSM-7 look-alikes
 * and drops zero-width characters. Letters are never changed (a Cyrillic or accented text stays as
 * written).
 */
export function toGsm7Lookalikes(text: string): string {
  return text.replace(LOOKALIKE_PATTERN, (ch) => LOOKALIKES[ch] ?? ch);
}
