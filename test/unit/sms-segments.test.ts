import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitsOneSegment,
  isGsm7,
  SMS_LIMITS,
  segmentCount,
  smsEncoding,
  smsLength,
  toGsm7Lookalikes,
} from '../../shared/domain/sms-segments.ts';

describe('isGsm7', () => {
  it('accepts the accented letters of the GSM 03.38 basic set', () => {
    for (const ch of [
      'ä',
      'ö',
      'ü',
      'ß',
      'é',
      'è',
      'ù',
      'ì',
      'ò',
      'Ç',
      'Ñ',
      'ñ',
      'Ä',
      'Ö',
      'Ü',
      'à',
      'É',
      'Ø',
      'å',
    ])
      expect(isGsm7(ch), ch).toBe(true);
  });

  it('rejects letters that only look common: á í ó ú ê â ç õ š ž ő ű ë', () => {
    for (const ch of ['á', 'í', 'ó', 'ú', 'ê', 'â', 'ç', 'õ', 'š', 'ž', 'ő', 'ű', 'ë', 'Á', 'Ő'])
      expect(isGsm7(ch), ch).toBe(false);
  });

  it('accepts the extension table and the symbols of the basic set', () => {
    expect(isGsm7('€[]{}^~\\|')).toBe(true);
    expect(isGsm7('@£$¥¤§¡¿_!"#%&\'()*+,-./:;<=>?')).toBe(true);
  });

  it('rejects Cyrillic, curly quotes, the en dash and emoji', () => {
    for (const text of ['Привет', '“hi”', 'a – b', 'ok 👍']) expect(isGsm7(text), text).toBe(false);
  });
});

describe('smsLength', () => {
  it('counts septets in GSM-7, two for each extension character', () => {
    expect(smsLength('Grüße, Señor')).toBe(12);
    expect(smsLength('€5 [x]')).toBe(9);
  });

  it('counts UTF-16 units in UCS-2, two for a character outside the BMP', () => {
    expect(smsEncoding('Спасибо 🙂')).toBe('UCS-2');
    expect(smsLength('Спасибо 🙂')).toBe(10);
  });
});

describe('segmentCount', () => {
  it('fits 160 GSM-7 characters in one segment and splits the 161st into a second', () => {
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('a'.repeat(306))).toBe(2);
    expect(segmentCount('a'.repeat(307))).toBe(3);
  });

  it('counts an extension character as two septets', () => {
    expect(segmentCount('€'.repeat(80))).toBe(1);
    expect(segmentCount(`${'€'.repeat(79)}ab`)).toBe(1);
    expect(segmentCount(`${'€'.repeat(80)}a`)).toBe(2);
  });

  it('fits 70 UCS-2 units in one segment and 67 per part after that', () => {
    expect(segmentCount('я'.repeat(70))).toBe(1);
    expect(segmentCount('я'.repeat(71))).toBe(2);
    expect(segmentCount('я'.repeat(134))).toBe(2);
    expect(segmentCount('я'.repeat(135))).toBe(3);
  });

  it('makes the whole text UCS-2 when one character is outside GSM-7', () => {
    expect(segmentCount(`${'a'.repeat(70)}я`)).toBe(2);
  });

  it('never splits a surrogate pair across parts', () => {
    // 67 emoji are 134 units, which would be two parts of 67 if a pair could be cut in half.
    expect(segmentCount('🙂'.repeat(35))).toBe(1);
    expect(segmentCount('🙂'.repeat(67))).toBe(3);
  });

  it('never splits an escape sequence across parts', () => {
    // 153 euro signs are 306 septets: two parts by division, three when no part ends mid-escape.
    expect(segmentCount('€'.repeat(153))).toBe(3);
  });

  it('counts an empty text as one message', () => {
    expect(segmentCount('')).toBe(1);
    expect(fitsOneSegment('')).toBe(true);
  });

  it('agrees with the single-segment limits and the per-part bounds for any text', () => {
    const alphabet = fc.constantFrom('a', 'Z', ' ', '.', 'ä', 'é', '€', '[', 'я', 'ő', '🙂', '\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 400 }), (chars) => {
        const text = chars.join('');
        const limits = isGsm7(text) ? SMS_LIMITS.gsm7 : SMS_LIMITS.ucs2;
        const length = smsLength(text);
        const count = segmentCount(text);
        expect(fitsOneSegment(text)).toBe(length <= limits.single);
        if (length > limits.single) {
          // Each part loses at most one unit to a two-unit character that did not fit.
          expect(count).toBeGreaterThanOrEqual(Math.ceil(length / limits.part));
          expect(count).toBeLessThanOrEqual(Math.ceil(length / (limits.part - 1)));
        }
      }),
    );
  });
});

describe('toGsm7Lookalikes', () => {
  it('turns curly quotes, dashes, ellipsis and no-break spaces into GSM-7', () => {
    const pasted = '“Summer Sale” – it’s…\u00A0«great»\u200B';
    const plain = toGsm7Lookalikes(pasted);
    expect(plain).toBe('"Summer Sale" - it\'s... "great"');
    expect(isGsm7(plain)).toBe(true);
  });

  it('leaves letters alone, so Cyrillic and Hungarian stay as written', () => {
    expect(toGsm7Lookalikes('Спасибо! Köszönjük, ő')).toBe('Спасибо! Köszönjük, ő');
  });
});
