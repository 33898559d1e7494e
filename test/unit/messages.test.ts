import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailTexts,
  languageOf,
  REMINDER_PREFIX,
  renderSms,
  SAY_ATTRIBUTES,
  SMS_FIT_LIMITS,
  SMS_KINDS,
  type SmsVars,
  smsOverflows,
  voiceLanguage,
  voiceTexts,
} from '../../shared/domain/messages.ts';
import {
  DEFAULT_METRICS,
  LANGUAGES,
  type Language,
  type MetricDefinition,
} from '../../shared/domain/model.ts';
import { fitsOneSegment, isGsm7, smsEncoding, smsLength } from '../../shared/domain/sms-segments.ts';

// Values at the limits the messages are proven for (brand and link: the config's own limits).
const BRAND = 'Twenty Char Brand Co';
const CONTACT = 'support.example-shop.com';
const REVIEW_URL = 'https://rev.example.com/abcdefghijkl';
const LONGEST: Pick<SmsVars, 'brand' | 'contact' | 'url'> = {
  brand: BRAND,
  contact: CONTACT,
  url: REVIEW_URL,
};

/** Every scale the touchpoint config accepts. */
const SCALES: MetricDefinition[] = [
  DEFAULT_METRICS.nps,
  { kind: 'csat', min: 1, max: 3 },
  DEFAULT_METRICS.csat,
  { kind: 'csat', min: 1, max: 7 },
  { kind: 'csat', min: 1, max: 10 },
  DEFAULT_METRICS.ces,
  { kind: 'ces', min: 1, max: 5, convention: 'effort' },
  { kind: 'ces', min: 1, max: 7, convention: 'effort' },
];
const TOUCHPOINTS = ['purchase', 'delivery', 'ticket_closed', 'onboarding'];
const SURVEYS = SCALES.flatMap((metric) => TOUCHPOINTS.map((touchpoint) => ({ metric, touchpoint })));
const GSM7_LANGUAGES: Language[] = ['en', 'de', 'fr', 'es', 'nl', 'et'];
const UNFILLED = /\{\w+\}/;

describe('languageOf', () => {
  it('maps BCP 47 and POSIX tags to the shipped language, whatever the case', () => {
    expect(
      ['de-AT', 'nl_BE', 'RU', 'et-EE', 'hu_HU.UTF-8', 'fr-CA', 'es-419'].map((l) => languageOf(l)),
    ).toEqual(['de', 'nl', 'ru', 'et', 'hu', 'fr', 'es']);
  });

  it('falls back to English for a language we do not ship or no locale at all', () => {
    expect(['pt-BR', 'zh-Hant-TW', 'C', '', '  ', undefined].map((l) => languageOf(l))).toEqual([
      'en',
      'en',
      'en',
      'en',
      'en',
      'en',
    ]);
  });

  it('takes the best-weighted shipped language of an Accept-Language list', () => {
    expect(languageOf('pt-BR, de;q=0.8, en;q=0.5')).toBe('de');
    expect(languageOf('en;q=0.4, fr-CH')).toBe('fr');
    expect(languageOf('hu;q=0, et;q=0.3')).toBe('et');
  });
});

describe('renderSms', () => {
  it('fits every message of every language in one segment with the longest brand, contact and link', () => {
    expect([BRAND.length, CONTACT.length, REVIEW_URL.length]).toEqual([
      SMS_FIT_LIMITS.brand,
      SMS_FIT_LIMITS.contact,
      SMS_FIT_LIMITS.url,
    ]);
    const tooLong: string[] = [];
    for (const lang of LANGUAGES)
      for (const kind of SMS_KINDS)
        for (const survey of SURVEYS) {
          const text = renderSms(kind, lang, { ...LONGEST, ...survey });
          if (!fitsOneSegment(text))
            tooLong.push(`${lang} ${kind}: ${smsLength(text)} ${smsEncoding(text)} "${text}"`);
        }
    expect(tooLong).toEqual([]);
  });

  it('keeps every message of en, de, fr, es, nl and et in GSM-7', () => {
    const notGsm: string[] = [];
    for (const lang of GSM7_LANGUAGES)
      for (const kind of SMS_KINDS)
        for (const survey of SURVEYS) {
          const text = renderSms(kind, lang, { ...LONGEST, ...survey });
          if (!isGsm7(text)) notGsm.push(`${lang} ${kind}: "${text}"`);
        }
    expect(notGsm).toEqual([]);
  });

  it('fits one segment for any brand of up to 20 GSM-7 letters, digits and punctuation', () => {
    const brandChar = fc.constantFrom(..."AbcXyz09 &.-'äöüéñÅ");
    fc.assert(
      fc.property(
        fc
          .array(brandChar, { minLength: 1, maxLength: SMS_FIT_LIMITS.brand })
          .map((c) => c.join('').trim() || 'B'),
        fc.constantFrom(...LANGUAGES),
        fc.constantFrom(...SMS_KINDS),
        fc.constantFrom(...SURVEYS),
        (brand, lang, kind, survey) => {
          const text = renderSms(kind, lang, { ...LONGEST, brand, ...survey });
          expect(fitsOneSegment(text), `${lang} ${kind} "${text}"`).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('ends every survey question and reminder with the opt-out instruction naming STOP', () => {
    for (const lang of LANGUAGES)
      for (const kind of ['question', 'reminder'] as const)
        for (const survey of SURVEYS) {
          const text = renderSms(kind, lang, { ...LONGEST, ...survey });
          // STOP comes after the last digit, i.e. after the scale, in the closing instruction.
          expect(text, `${lang} ${kind}`).toMatch(/\d\D*STOP\D*$/);
        }
  });

  it('names the brand in every survey SMS, opt-in and opt-out confirmation, help and review', () => {
    const kinds = ['question', 'reminder', 'optOutConfirm', 'optInConfirm', 'help', 'review'] as const;
    for (const lang of LANGUAGES)
      for (const kind of kinds)
        for (const survey of SURVEYS) {
          // "Bo" is short enough to be found inside words: the brand must be there as itself.
          const text = renderSms(kind, lang, { ...LONGEST, brand: 'Bo', ...survey });
          expect(text, `${lang} ${kind}`).toMatch(/(^|[^\p{L}])Bo([^\p{L}]|$)/u);
        }
  });

  it('states the bounds of the scale in every language', () => {
    for (const lang of LANGUAGES)
      for (const { metric, touchpoint } of SURVEYS) {
        const text = renderSms('question', lang, { ...LONGEST, metric, touchpoint });
        expect(text, `${lang} ${metric.min}-${metric.max}`).toMatch(
          new RegExp(`(?<!\\d)${metric.min}(?!\\d).*(?<!\\d)${metric.max}(?!\\d)`),
        );
      }
  });

  it('labels both ends of the CSAT, CES and effort scales and keeps NPS to "Reply 0-10"', () => {
    const say = (metric: MetricDefinition, touchpoint: string) =>
      renderSms('question', 'en', { brand: 'Acme', metric, touchpoint });
    expect(say(DEFAULT_METRICS.nps, 'delivery')).toBe(
      'How likely are you to recommend Acme to a friend? Reply 0-10. Reply STOP to opt out.',
    );
    expect(say(DEFAULT_METRICS.csat, 'purchase')).toBe(
      'How satisfied were you with placing your order at Acme? Reply 1 (very unsatisfied) to 5 (very satisfied). Reply STOP to opt out.',
    );
    expect(say(DEFAULT_METRICS.ces, 'ticket_closed')).toBe(
      '"Acme made it easy to handle my support request." Reply 1 (strongly disagree) to 7 (strongly agree). Reply STOP to opt out.',
    );
    expect(say({ kind: 'ces', min: 1, max: 5, convention: 'effort' }, 'purchase')).toBe(
      'Acme: How much effort did you have to put in to place your order? Reply 1 (very little) to 5 (a lot). Reply STOP to opt out.',
    );
  });

  it('asks about the moment of the touchpoint', () => {
    const csat = (touchpoint: string) =>
      renderSms('question', 'en', { brand: 'Acme', metric: DEFAULT_METRICS.csat, touchpoint });
    expect(csat('purchase')).toContain('placing your order');
    expect(csat('delivery')).toContain('the delivery of your Acme order');
    expect(csat('ticket_closed')).toContain('how Acme handled your request');
    expect(csat('onboarding')).toContain('How satisfied were you with Acme?');
    expect(
      renderSms('question', 'de', { brand: 'Acme', metric: DEFAULT_METRICS.ces, touchpoint: 'purchase' }),
    ).toContain('"Acme hat mir die Bestellung leicht gemacht."');
  });

  it('replaces the default question with a custom one and prefixes the brand it does not name', () => {
    const vars = { brand: 'Acme', metric: DEFAULT_METRICS.csat, touchpoint: 'purchase' };
    expect(renderSms('question', 'en', { ...vars, question: 'How do you like your new sofa?' })).toBe(
      'Acme: How do you like your new sofa? Reply 1 (very unsatisfied) to 5 (very satisfied). Reply STOP to opt out.',
    );
    expect(renderSms('question', 'en', { ...vars, question: 'How do you like your Acme sofa?' })).toBe(
      'How do you like your Acme sofa? Reply 1 (very unsatisfied) to 5 (very satisfied). Reply STOP to opt out.',
    );
  });

  it('turns curly quotes and dashes of a pasted custom question into GSM-7', () => {
    const text = renderSms('question', 'en', {
      brand: 'Acme',
      metric: DEFAULT_METRICS.nps,
      question: 'Would you recommend our “Summer Sale” – to a friend?',
    });
    expect(text).toBe(
      'Acme: Would you recommend our "Summer Sale" - to a friend? Reply 0-10. Reply STOP to opt out.',
    );
    expect(isGsm7(text)).toBe(true);
  });

  it('marks reminders in every GSM-7 language even with the longest brand', () => {
    for (const lang of GSM7_LANGUAGES)
      for (const survey of SURVEYS) {
        const vars = { ...LONGEST, ...survey };
        const reminder = renderSms('reminder', lang, vars);
        expect(reminder, lang).not.toBe(renderSms('question', lang, vars));
        expect(reminder.length, lang).toBeGreaterThan(renderSms('question', lang, vars).length);
      }
    expect(renderSms('reminder', 'en', { brand: 'Acme' })).toBe(
      'Reminder: How likely are you to recommend Acme to a friend? Reply 0-10. Reply STOP to opt out.',
    );
  });

  it('shortens Hungarian and Russian questions to one UCS-2 segment and uses fuller ones for short brands', () => {
    const nps = { metric: DEFAULT_METRICS.nps, touchpoint: 'delivery' };
    expect(renderSms('question', 'ru', { brand: BRAND, ...nps })).toBe(
      'Twenty Char Brand Co: Порекомендуете нас друзьям? 0-10 Отписка: STOP',
    );
    expect(renderSms('question', 'ru', { brand: 'Bo', ...nps })).toBe(
      'Насколько вероятно, что вы порекомендуете Bo другу? 0-10 Отписка: STOP',
    );
    expect(renderSms('question', 'hu', { brand: BRAND, ...nps })).toBe(
      'Twenty Char Brand Co: Mennyire ajánlana minket? 0-10 Leiratkozás: STOP',
    );
    expect(renderSms('reminder', 'hu', { brand: 'Bo', ...nps })).toBe(
      'Bo emlékeztető: Mennyire ajánlana minket? 0-10 Leiratkozás: STOP',
    );
  });

  it('never pairs a CES statement with a scale that lacks its agreement labels', () => {
    for (const lang of LANGUAGES)
      for (const brand of ['Bo', BRAND])
        for (const touchpoint of TOUCHPOINTS) {
          const text = renderSms('question', lang, { brand, metric: DEFAULT_METRICS.ces, touchpoint });
          // A quoted statement is followed by labels in parentheses; a short question is not quoted.
          if (text.includes('"')) expect(text, lang).toMatch(/\(.+\).*\(.+\)/);
        }
  });

  it('asks for a number within the survey scale when a reply is unclear', () => {
    expect(renderSms('clarify', 'en', { brand: 'Acme', metric: DEFAULT_METRICS.ces })).toBe(
      'Please reply with a number from 1 to 7.',
    );
    expect(renderSms('clarify', 'de', { brand: 'Acme' })).toBe(
      'Bitte antworten Sie mit einer Zahl von 0 bis 10.',
    );
  });

  it('answers HELP with the brand, the contact and how to stop', () => {
    expect(renderSms('help', 'en', { brand: 'Acme', contact: 'help.example.com' })).toBe(
      'Acme customer surveys. Help: help.example.com. Reply STOP to opt out.',
    );
  });

  it('confirms opt-out with the way back in (START) and opt-in with the way out (STOP)', () => {
    for (const lang of LANGUAGES) {
      expect(renderSms('optOutConfirm', lang, { brand: 'Acme' }), lang).toContain('START');
      expect(renderSms('optInConfirm', lang, { brand: 'Acme' }), lang).toContain('STOP');
    }
  });

  it('fills placeholders once, so a brand written with braces is sent as written', () => {
    expect(renderSms('help', 'en', { brand: '{contact}', contact: 'help.example.com' })).toBe(
      '{contact} customer surveys. Help: help.example.com. Reply STOP to opt out.',
    );
  });

  it('leaves no placeholder unfilled in any language', () => {
    for (const lang of LANGUAGES)
      for (const kind of SMS_KINDS)
        for (const survey of SURVEYS)
          expect(renderSms(kind, lang, { ...LONGEST, ...survey })).not.toMatch(UNFILLED);
  });
});

describe('smsOverflows', () => {
  it('reports nothing for the shipped texts with values at the limits', () => {
    for (const lang of LANGUAGES)
      for (const survey of SURVEYS) expect(smsOverflows(lang, { ...LONGEST, ...survey }), lang).toEqual([]);
  });

  it('flags a custom Russian question too long for one UCS-2 segment', () => {
    const overflows = smsOverflows('ru', {
      brand: 'Acme',
      metric: DEFAULT_METRICS.csat,
      question: 'Насколько вы довольны работой нашей службы поддержки в этот раз?',
    });
    expect(overflows.map((o) => [o.kind, o.encoding])).toEqual([
      ['question', 'UCS-2'],
      ['reminder', 'UCS-2'],
    ]);
    expect(overflows[0]?.length).toBeGreaterThan(70);
  });

  it('flags a brand outside GSM-7, which turns English texts into UCS-2', () => {
    const kinds = smsOverflows('en', {
      brand: 'Łódź Deli',
      contact: CONTACT,
      metric: DEFAULT_METRICS.csat,
    }).map((o) => o.kind);
    expect(kinds).toContain('question');
    expect(kinds).toContain('help');
  });

  it('flags a Russian help text whose contact is longer than fits', () => {
    const contact = 'https://support.example.com/customer-surveys/help-center'; // 56 characters
    expect(smsOverflows('ru', { brand: BRAND, contact }).map((o) => o.kind)).toEqual(['help']);
    expect(smsOverflows('de', { brand: BRAND, contact })).toEqual([]);
  });
});

describe('emailTexts', () => {
  it('fills every text in every language for every scale and touchpoint', () => {
    for (const lang of LANGUAGES)
      for (const survey of SURVEYS) {
        const texts = emailTexts(lang, { brand: 'Acme', ...survey });
        for (const [field, value] of Object.entries(texts)) {
          expect(value.trim().length, `${lang} ${field}`).toBeGreaterThan(3);
          // whyHeading keeps {s}: the page that shows it knows the score.
          if (field !== 'whyHeading') expect(value, `${lang} ${field}`).not.toMatch(UNFILLED);
        }
        expect(texts.whyHeading, lang).toContain('{s}');
        expect(texts.subject, lang).toContain('Acme');
        expect(texts.footer, lang).toContain('Acme');
      }
  });

  it('picks the subject by metric and touchpoint', () => {
    const subject = (metric: MetricDefinition, touchpoint: string) =>
      emailTexts('en', { brand: 'Acme', metric, touchpoint }).subject;
    expect(subject(DEFAULT_METRICS.nps, 'purchase')).toBe('Would you recommend Acme?');
    expect(subject(DEFAULT_METRICS.csat, 'purchase')).toBe('How was ordering from Acme?');
    expect(subject(DEFAULT_METRICS.csat, 'delivery')).toBe('How was your Acme delivery?');
    expect(subject(DEFAULT_METRICS.ces, 'ticket_closed')).toBe('How did Acme handle your support request?');
    expect(subject(DEFAULT_METRICS.csat, 'onboarding')).toBe('One quick question from Acme');
  });

  it('labels the ends of each scale', () => {
    const labels = (metric: MetricDefinition, lang: Language = 'en') => {
      const t = emailTexts(lang, { brand: 'Acme', metric, touchpoint: 'delivery' });
      return [t.lowLabel, t.highLabel];
    };
    expect(labels(DEFAULT_METRICS.nps)).toEqual(['Not at all likely', 'Extremely likely']);
    expect(labels(DEFAULT_METRICS.csat)).toEqual(['Very unsatisfied', 'Very satisfied']);
    expect(labels(DEFAULT_METRICS.ces)).toEqual(['Strongly disagree', 'Strongly agree']);
    expect(labels({ kind: 'ces', min: 1, max: 7, convention: 'effort' })).toEqual([
      'Very little effort',
      'A great deal of effort',
    ]);
    expect(labels(DEFAULT_METRICS.ces, 'de')).toEqual([
      'Stimme überhaupt nicht zu',
      'Stimme voll und ganz zu',
    ]);
  });

  it('asks for agreement with a CES statement, in the language’s quotation marks', () => {
    const question = (lang: Language) =>
      emailTexts(lang, { brand: 'Acme', metric: DEFAULT_METRICS.ces, touchpoint: 'purchase' }).question;
    expect(question('en')).toBe(
      'How much do you agree with this statement? "Acme made it easy to place my order."',
    );
    expect(question('de')).toBe(
      'Inwieweit stimmen Sie dieser Aussage zu? „Acme hat mir die Bestellung leicht gemacht.“',
    );
  });

  it('uses the full question in Hungarian and Russian, where SMS had to shorten it', () => {
    const nps = { brand: 'Acme', metric: DEFAULT_METRICS.nps, touchpoint: 'delivery' };
    expect(emailTexts('ru', nps).question).toBe('Насколько вероятно, что вы порекомендуете Acme другу?');
    expect(emailTexts('hu', nps).question).toBe('Mennyire valószínű, hogy ajánlana minket egy barátjának?');
  });

  it('uses the custom question when the touchpoint has one', () => {
    expect(
      emailTexts('en', {
        brand: 'Acme',
        metric: DEFAULT_METRICS.csat,
        touchpoint: 'purchase',
        question: 'How do you like your new sofa?',
      }).question,
    ).toBe('How do you like your new sofa?');
  });

  it('prefixes reminder subjects in the customer’s language', () => {
    expect(REMINDER_PREFIX.en).toBe('Reminder: ');
    expect(REMINDER_PREFIX.de).toBe('Erinnerung: ');
    for (const lang of LANGUAGES) expect(REMINDER_PREFIX[lang].trim().length, lang).toBeGreaterThan(3);
  });
});

describe('voiceTexts', () => {
  const vars = (metric: MetricDefinition) => ({ brand: 'Acme', metric, touchpoint: 'delivery' });

  it('asks for the pound key only on two-digit scales', () => {
    expect(voiceTexts('en', vars(DEFAULT_METRICS.nps)).question).toContain(
      'Please press a number from 0 to 10, then the pound key.',
    );
    expect(voiceTexts('en', vars({ kind: 'csat', min: 1, max: 10 })).question).toContain('pound key');
    expect(voiceTexts('en', vars(DEFAULT_METRICS.csat)).question).toContain(
      'Please press a number from 1 to 5.',
    );
    expect(voiceTexts('en', vars(DEFAULT_METRICS.csat)).question).not.toContain('pound');
    expect(voiceTexts('de', vars(DEFAULT_METRICS.nps)).question).toContain('Rautetaste');
    expect(voiceTexts('de', vars(DEFAULT_METRICS.csat)).question).not.toContain('Rautetaste');
  });

  it('says what both ends of the scale mean, since a caller cannot see it', () => {
    expect(voiceTexts('en', vars(DEFAULT_METRICS.nps)).question).toBe(
      'How likely are you to recommend Acme to a friend? 0 means not at all likely, and 10 means extremely likely. ' +
        'Please press a number from 0 to 10, then the pound key. To end this call, press star.',
    );
  });

  it('confirms the key pressed', () => {
    expect(voiceTexts('en', vars(DEFAULT_METRICS.nps)).confirm(7)).toBe('You pressed 7.');
    expect(voiceTexts('ru', vars(DEFAULT_METRICS.nps)).confirm(9)).toBe('Вы нажали 9.');
  });

  it('fills every text in every language', () => {
    for (const lang of LANGUAGES)
      for (const survey of SURVEYS) {
        const v = voiceTexts(lang, { brand: 'Acme', ...survey });
        const texts = [
          v.greeting,
          v.question,
          v.invalid,
          v.noInput,
          v.confirm(3),
          v.secondQuestion,
          v.thanks,
          v.goodbye,
        ];
        for (const text of [...texts, v.callbackRequestedNote]) {
          expect(text.length, lang).toBeGreaterThan(3);
          expect(text, lang).not.toMatch(UNFILLED);
        }
        expect(v.greeting, lang).toContain('Acme');
        expect(v.secondQuestion, lang).toMatch(/1.*2/);
      }
  });

  it('maps each language to a Twilio <Say> language and a voice that speaks it', () => {
    expect(LANGUAGES.map((lang) => voiceLanguage(lang))).toEqual([
      'en-US',
      'de-DE',
      'fr-FR',
      'es-ES',
      'nl-NL',
      'hu-HU',
      'et-EE',
      'ru-RU',
    ]);
    // The basic man/woman voices speak en, de, fr, es only; the others need a named voice.
    for (const lang of ['nl', 'hu', 'et', 'ru'] as const)
      expect(SAY_ATTRIBUTES[lang].voice, lang).toMatch(
        new RegExp(`^(Polly\\.\\w+|Google\\.${voiceLanguage(lang)}-)`),
      );
  });
});
