/**
 * SMS segment accounting (GSM 03.38). A message is GSM-7 when every character is in the basic
 * set or its extension table (extension characters take two septets); otherwise UCS-2.
 * One segment: 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2); multi-part messages carry
 * a header and hold 153 / 67 per part.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const BASIC_SET = new Set([...BASIC]);
const EXTENSION_SET = new Set([...EXTENSION]);

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
  return true;
}

export function smsEncoding(text: string): 'GSM-7' | 'UCS-2' {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2';
}

/** Length in the unit of its encoding: septets (GSM-7) or UTF-16 code units (UCS-2). */
export function smsLength(text: string): number {
  if (!isGsm7(text)) return text.length;
  let septets = 0;
  for (const ch of text) septets += EXTENSION_SET.has(ch) ? 2 : 1;
  return septets;
}

export function segmentCount(text: string): number {
  const gsm = isGsm7(text);
  const length = smsLength(text);
  const single = gsm ? 160 : 70;
  const part = gsm ? 153 : 67;
  if (length === 0) return 1;
  return length <= single ? 1 : Math.ceil(length / part);
}

export function fitsOneSegment(text: string): boolean {
  return segmentCount(text) === 1;
}
