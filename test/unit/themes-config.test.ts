import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME_IDS } from '../../shared/domain/insight/language-pack.ts';
import {
  DEFAULT_TAXONOMY,
  resolveTaxonomy,
  ThemesConfigSchema,
  termProblem,
  themeLabel,
} from '../../shared/domain/insight/taxonomy.ts';
import { LANGUAGES } from '../../shared/domain/model.ts';
import { loadTouchpointConfig, shippedConfig } from '../../shared/domain/touchpoints.ts';
import { ConfigError } from '../../shared/errors.ts';

const brand = { name: 'Example Shop', contact: 'help.example.com' };

function errorOf(themes: unknown): string {
  try {
    loadTouchpointConfig({ brand, themes });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('the default taxonomy', () => {
  it('has every theme with a label and terms in all eight languages', () => {
    expect(Object.keys(DEFAULT_TAXONOMY)).toEqual([...DEFAULT_THEME_IDS]);
    for (const [id, theme] of Object.entries(DEFAULT_TAXONOMY)) {
      for (const lang of LANGUAGES) {
        expect(theme.label[lang], `${id} label ${lang}`).toBeTruthy();
        const terms = [
          ...(theme.terms[lang] ?? []),
          ...(theme.positive[lang] ?? []),
          ...(theme.negative[lang] ?? []),
        ];
        expect(terms.filter((t) => !t.startsWith('~')).length, `${id} ${lang}`).toBeGreaterThan(2);
      }
    }
  });

  it('passes the schema admins write against (every term is valid)', () => {
    const items = Object.fromEntries(
      Object.entries(DEFAULT_TAXONOMY).map(([id, t]) => [
        id,
        { label: t.label, terms: t.terms, positive: t.positive, negative: t.negative },
      ]),
    );
    expect(ThemesConfigSchema.safeParse({ mode: 'replace', items }).success).toBe(true);
  });

  it('names themes in the reporting language, falling back to English and then the id', () => {
    expect(themeLabel(DEFAULT_TAXONOMY, 'payment', 'de')).toBe('Zahlung');
    const custom = resolveTaxonomy({
      mode: 'replace',
      items: { fit: { label: { en: 'Fit' }, terms: { en: ['fit'] } } },
    });
    expect(themeLabel(custom, 'fit', 'hu')).toBe('Fit');
    expect(themeLabel(custom, 'unknown', 'hu')).toBe('unknown');
  });
});

describe('themes in touchpoints.config.json', () => {
  it('uses the default taxonomy when there is no themes section (the shipped config)', () => {
    expect(loadTouchpointConfig({ brand }).themes).toEqual({ mode: 'replace', items: DEFAULT_TAXONOMY });
    expect(loadTouchpointConfig({ brand }).themes.items).toBe(DEFAULT_TAXONOMY);
    expect(Object.keys(shippedConfig().themes.items)).toHaveLength(DEFAULT_THEME_IDS.length);
  });

  it('extends: adds a theme, adds terms to a shipped one, removes one with null', () => {
    const config = loadTouchpointConfig({
      brand,
      themes: {
        items: {
          gift_wrap: { label: { en: 'Gift wrap', de: 'Geschenkverpackung' }, terms: { en: ['gift wrap'] } },
          courier: { terms: { en: ['speedy parcels'] } },
          payment: null,
        },
      },
    });
    expect(config.themes.items.gift_wrap?.label).toEqual({ en: 'Gift wrap', de: 'Geschenkverpackung' });
    expect(config.themes.items.courier?.terms.en).toContain('speedy parcels');
    expect(config.themes.items.courier?.terms.en).toContain('courier');
    expect(config.themes.items.payment).toBeUndefined();
    expect(Object.keys(config.themes.items)).toHaveLength(DEFAULT_THEME_IDS.length);
  });

  it('loads its own output again unchanged (a resolved config is valid input)', () => {
    const once = loadTouchpointConfig({
      brand,
      themes: {
        items: { gift_wrap: { label: { en: 'Gift wrap' }, terms: { en: ['gift wrap'] } }, payment: null },
      },
    });
    expect(loadTouchpointConfig(structuredClone(once))).toEqual(once);
  });

  it('replaces: keeps only the given themes', () => {
    const config = loadTouchpointConfig({
      brand,
      themes: { mode: 'replace', items: { fit: { label: { en: 'Fit' }, negative: { en: ['too tight'] } } } },
    });
    expect(Object.keys(config.themes.items)).toEqual(['fit']);
  });

  it.each([
    [{ mode: 'merge', items: {} }, 'themes.mode:'],
    [
      { items: { 'Gift Wrap': { label: { en: 'x' }, terms: { en: ['x'] } } } },
      'themes.items.Gift Wrap: theme ids are',
    ],
    [
      { items: { gift_wrap: { terms: { en: ['gift wrap'] } } } },
      'themes.items.gift_wrap.label: a new theme needs a label',
    ],
    [
      { items: { gift_wrap: { label: { en: 'Gift wrap' } } } },
      'themes.items.gift_wrap.terms: a new theme needs at least one term',
    ],
    [
      { items: { gift_wrap: { label: { en: 'G' }, terms: { xx: ['a'] } } } },
      'themes.items.gift_wrap.terms.xx: unknown key',
    ],
    [
      { items: { gift_wrap: { label: { en: 'G' }, terms: { en: ['!!!'] } } } },
      'themes.items.gift_wrap.terms.en.0: "!!!": must contain a letter',
    ],
    [
      { items: { gift_wrap: { label: { en: 'G' }, terms: { en: ['gift *wrap'] } } } },
      'stand on single-word terms only',
    ],
    [
      { items: { gift_wrap: { label: { en: 'G' }, terms: { en: ['x'] }, colour: 'red' } } },
      'themes.items.gift_wrap.colour: unknown key',
    ],
    [{ items: { nonexistent: null } }, 'themes.items.nonexistent: is not a shipped theme'],
    [{ mode: 'replace', items: {} }, 'themes.items: must define at least one theme in replace mode'],
    [{ mode: 'replace', items: { payment: null } }, 'themes.items.payment: null removes a shipped theme'],
  ])('rejects %j naming the field', (themes, message) => {
    expect(errorOf(themes)).toContain(message);
  });

  it('explains what is wrong with a term', () => {
    expect(termProblem('liefer*')).toBeUndefined();
    expect(termProblem('~fast')).toBeUndefined();
    expect(termProblem('*ab')).toBe('a wildcard term needs at least 3 letters');
    expect(termProblem('*both*')).toBe('use "*" at one end only');
    expect(termProblem('mid*dle')).toBe('"*" goes at the start or end of a word, "=" at the start');
  });
});
