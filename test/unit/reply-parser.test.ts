import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_WORDS, OPT_OUT_KEYWORDS } from '../../shared/domain/keywords.ts';
import { parseKeypad, parseSmsReply } from '../../shared/domain/reply-parser.ts';

const NPS = { min: 0, max: 10 };
const CSAT = { min: 1, max: 5 };

describe('parseSmsReply', () => {
  it.each([
    ['9', 9],
    [' 9 ', 9],
    ['9/10', 9],
    ['9 - great', 9],
    ["I'd say 8", 8],
    ['10!', 10],
    ['0', 0],
    ['９', 9],
  ])('reads %j as %i', (text, score) => {
    expect(parseSmsReply(text, NPS)).toEqual({ kind: 'score', score });
  });

  it.each([
    ['nine', 9],
    ['neun', 9],
    ['neuf', 9],
    ['nueve', 9],
    ['negen', 9],
    ['kilenc', 9],
    ['üheksa', 9],
    ['девять', 9],
    ['Zehn', 10],
    ['cinq', 5],
  ])('reads the number word %j as %i', (text, score) => {
    expect(parseSmsReply(text, NPS)).toEqual({ kind: 'score', score });
  });

  it('knows every number word 0-10 of every shipped language', () => {
    for (const [lang, words] of Object.entries(NUMBER_WORDS)) {
      words.forEach((word, value) => {
        expect(parseSmsReply(word, NPS), `${lang} ${word}`).toEqual({ kind: 'score', score: value });
      });
    }
  });

  it('does not guess between two numbers', () => {
    expect(parseSmsReply('7 or 8', NPS)).toEqual({ kind: 'unclear' });
    expect(parseSmsReply('between 7 and 8', NPS)).toEqual({ kind: 'unclear' });
  });

  it('reports numbers outside the scale', () => {
    expect(parseSmsReply('7', CSAT)).toEqual({ kind: 'out_of_range', value: 7 });
    expect(parseSmsReply('11', NPS)).toEqual({ kind: 'out_of_range', value: 11 });
  });

  it('treats STOP-type keywords in any case and language as an opt-out', () => {
    for (const word of Object.values(OPT_OUT_KEYWORDS).flat()) {
      expect(parseSmsReply(word.toLowerCase(), NPS).kind, word).toBe('opt_out');
    }
    expect(parseSmsReply('Stop.', NPS).kind).toBe('opt_out');
  });

  it('understands a natural-language opt-out but not a score that mentions stop', () => {
    expect(parseSmsReply('please stop texting me', NPS).kind).toBe('opt_out');
    expect(parseSmsReply('Bitte keine SMS mehr', NPS).kind).toBe('opt_out');
    expect(parseSmsReply('9, stop being so slow though', NPS)).toEqual({ kind: 'score', score: 9 });
  });

  it('opts back in with START, UNSTOP, and YES only after an opt-out', () => {
    expect(parseSmsReply('start', NPS).kind).toBe('opt_in');
    expect(parseSmsReply('UNSTOP', NPS).kind).toBe('opt_in');
    expect(parseSmsReply('yes', NPS, { optedOut: true }).kind).toBe('opt_in');
    expect(parseSmsReply('yes', NPS).kind).toBe('unclear');
  });

  it('answers HELP and INFO and their translations', () => {
    for (const word of ['help', 'INFO', 'Hilfe', 'aide', 'AYUDA', 'помощь'])
      expect(parseSmsReply(word, NPS).kind, word).toBe('help');
  });

  it('treats injection strings, emoji and RTL text as unclear', () => {
    for (const text of ["'; DROP TABLE responses; --", '<script>alert(1)</script>', '👍👍', 'ممتاز', '']) {
      expect(parseSmsReply(text, NPS)).toEqual({ kind: 'unclear' });
    }
  });

  it('reads any in-range score with noise around it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('', ' ', '  '),
        fc.constantFrom('', '!', '.', '/10', ' - ok', ' :)'),
        (n, pad, tail) => {
          expect(parseSmsReply(`${pad}${n}${tail}${pad}`, NPS)).toEqual({ kind: 'score', score: n });
        },
      ),
    );
  });

  it('never throws and always returns a known kind (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(['score', 'out_of_range', 'opt_out', 'opt_in', 'help', 'unclear']).toContain(
          parseSmsReply(text, NPS).kind,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('reports any out-of-range integer as out_of_range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 99 }), (n) => {
        expect(parseSmsReply(String(n), CSAT)).toEqual({ kind: 'out_of_range', value: n });
      }),
    );
  });
});

describe('parseKeypad', () => {
  it('reads one or two digits, with or without #', () => {
    expect(parseKeypad('9', NPS)).toEqual({ kind: 'score', score: 9 });
    expect(parseKeypad('10#', NPS)).toEqual({ kind: 'score', score: 10 });
    expect(parseKeypad('#', NPS)).toEqual({ kind: 'no_input' });
    expect(parseKeypad(undefined, NPS)).toEqual({ kind: 'no_input' });
    expect(parseKeypad('*', NPS)).toEqual({ kind: 'cancel' });
    expect(parseKeypad('7', CSAT)).toEqual({ kind: 'out_of_range', value: 7 });
    expect(parseKeypad('123', NPS)).toEqual({ kind: 'unclear' });
  });
});
