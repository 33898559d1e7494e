import { describe, expect, it } from 'vitest';
import { emailTexts, languageOf, renderSms, type SmsKind, voiceTexts } from '../../shared/domain/messages.ts';
import { DEFAULT_METRICS, LANGUAGES } from '../../shared/domain/model.ts';
import { fitsOneSegment, isGsm7, segmentCount, smsEncoding } from '../../shared/domain/sms-segments.ts';

const BRAND = 'Twenty Char Brand Co'; // the longest brand the config allows
const CONTACT = 'support.example-shop.com'; // 24 characters
const KINDS: SmsKind[] = [
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
const REVIEW_URL = 'https://rev.example.com/abcdefghijkl'; // 36 characters, the longest the config allows
const SURVEYS = [
  { metric: DEFAULT_METRICS.nps, touchpoint: 'delivery' },
  { metric: DEFAULT_METRICS.csat, touchpoint: 'ticket_closed' },
  { metric: DEFAULT_METRICS.ces, touchpoint: 'purchase' },
  { metric: DEFAULT_METRICS.csat, touchpoint: 'onboarding' },
];

describe('SMS segments', () => {
  it('counts GSM-7, extension characters and UCS-2', () => {
    expect(isGsm7('Grüße à Zoë?')).toBe(false); // ë is not GSM-7
    expect(smsEncoding('Grüße, Señor')).toBe('GSM-7');
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('€'.repeat(80))).toBe(1);
    expect(segmentCount('€'.repeat(81))).toBe(2);
    expect(segmentCount('я'.repeat(70))).toBe(1);
    expect(segmentCount('я'.repeat(71))).toBe(2);
  });
});

describe('localized SMS', () => {
  it('fits every message of every language in one segment with the longest brand and contact', () => {
    for (const lang of LANGUAGES) {
      for (const kind of KINDS) {
        for (const s of SURVEYS) {
          const text = renderSms(kind, lang, { brand: BRAND, contact: CONTACT, url: REVIEW_URL, ...s });
          expect(
            fitsOneSegment(text),
            `${lang} ${kind} ${s.touchpoint}: ${text.length} ${smsEncoding(text)} "${text}"`,
          ).toBe(true);
        }
      }
    }
  });

  it('keeps the GSM-7 languages in GSM-7', () => {
    for (const lang of ['en', 'de', 'fr', 'es', 'nl', 'et'] as const) {
      for (const s of SURVEYS)
        expect(smsEncoding(renderSms('question', lang, { brand: 'Shop', ...s })), lang).toBe('GSM-7');
    }
  });

  it('always tells how to opt out in the survey question', () => {
    for (const lang of LANGUAGES)
      for (const s of SURVEYS) expect(renderSms('question', lang, { brand: 'Shop', ...s })).toContain('STOP');
  });

  it('states the scale of the metric', () => {
    expect(renderSms('question', 'en', { brand: 'Shop', ...SURVEYS[2] })).toContain('1-7');
    expect(renderSms('question', 'de', { brand: 'Shop', ...SURVEYS[0] })).toContain('0-10');
  });

  it('maps locales to shipped languages with an English fallback', () => {
    expect(['de-AT', 'nl_BE', 'RU', 'pt-BR', undefined].map((l) => languageOf(l))).toEqual([
      'de',
      'nl',
      'ru',
      'en',
      'en',
    ]);
  });
});

describe('email and voice texts', () => {
  it('has a subject, question and scale labels in every language', () => {
    for (const lang of LANGUAGES) {
      const t = emailTexts(lang, { brand: 'Shop', metric: DEFAULT_METRICS.nps, touchpoint: 'delivery' });
      for (const value of [t.subject, t.question, t.lowLabel, t.highLabel, t.unsubscribe, t.footer])
        expect(value.length, lang).toBeGreaterThan(3);
    }
  });

  it('asks for the pound key only on two-digit scales', () => {
    expect(
      voiceTexts('en', { brand: 'Shop', metric: DEFAULT_METRICS.nps, touchpoint: 'delivery' }).question,
    ).toContain('pound');
    expect(
      voiceTexts('en', { brand: 'Shop', metric: DEFAULT_METRICS.csat, touchpoint: 'ticket_closed' }).question,
    ).not.toContain('pound');
  });
});
