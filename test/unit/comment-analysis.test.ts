import { describe, expect, it } from 'vitest';
import { analyseComment } from '../../shared/domain/insight/analyse.ts';
import { resolveTaxonomy } from '../../shared/domain/insight/taxonomy.ts';
import { MAX_ANALYSED_CHARS } from '../../shared/domain/insight/text.ts';
import type { Language } from '../../shared/domain/model.ts';

/** Theme id -> polarity of the analysis of `text`. */
function themesOf(text: string, language: Language) {
  return Object.fromEntries(analyseComment(text, language).themes.map((t) => [t.theme, t.polarity]));
}

describe('analyseComment: negation is not the theme negative form', () => {
  it.each([
    ['en', 'The parcel was not damaged.', 'The parcel was damaged.'],
    ['de', 'Das Paket war nicht beschädigt.', 'Das Paket war beschädigt.'],
    ['fr', "Le colis n'était pas abîmé.", 'Le colis était abîmé.'],
    ['es', 'El paquete no llegó roto.', 'El paquete llegó roto.'],
    ['nl', 'Het pakket was niet beschadigd.', 'Het pakket was beschadigd.'],
    ['hu', 'A csomag nem volt sérült.', 'A csomag sérült volt.'],
    ['et', 'Pakk ei olnud katki.', 'Pakk oli katki.'],
    ['ru', 'Посылка не повреждена.', 'Посылка повреждена.'],
  ] as [Language, string, string][])(
    '%s: "%s" is damaged_item positive, "%s" negative',
    (lang, negated, plain) => {
      expect(themesOf(negated, lang).damaged_item).toBe('positive');
      expect(analyseComment(negated, lang).sentiment).toBe('positive');
      expect(themesOf(plain, lang).damaged_item).toBe('negative');
      expect(analyseComment(plain, lang).sentiment).toBe('negative');
    },
  );

  it('reads the letter ё and the plain е alike ("не повреждён")', () => {
    expect(themesOf('Товар не повреждён', 'ru').damaged_item).toBe('positive');
  });

  it('counts negative concord as one negation ("ничего не сломано", "no llegó nada roto")', () => {
    expect(themesOf('Ничего не сломано', 'ru').damaged_item).toBe('positive');
    expect(themesOf('No llegó nada roto', 'es').damaged_item).toBe('positive');
  });

  it('does not flip a negative phrase that holds its own negator ("никто ничего не сообщил")', () => {
    expect(themesOf('Никто ничего не сообщил.', 'ru').communication).toBe('negative');
  });

  it('reads a negated damage noun as the positive form ("aucun dégât", "sin ningún desperfecto")', () => {
    expect(themesOf('Aucun dégât cette fois-ci.', 'fr').damaged_item).toBe('positive');
    expect(analyseComment('Esta vez sin ningún desperfecto.', 'es').sentiment).toBe('positive');
  });

  it('lets Hungarian "nélkül" (without) negate the word before it', () => {
    expect(themesOf('Sérülés nélkül érkezett meg.', 'hu').damaged_item).toBe('positive');
  });

  it('keeps Estonian abessive words whole, so "without damage" is not "damage"', () => {
    expect(themesOf('Kõik jõudis kohale vigastusteta.', 'et').damaged_item).toBe('positive');
  });
});

describe('analyseComment: sentiment', () => {
  it('flips a negated positive word and softens a negated negative one', () => {
    expect(analyseComment('I am not happy with this order.', 'en').sentiment).toBe('negative');
    expect(analyseComment('Not bad at all, would recommend.', 'en').sentiment).toBe('positive');
  });

  it('lets a clause-final German "nicht" negate the verb before it', () => {
    expect(analyseComment('Das Produkt gefällt mir leider nicht.', 'de').sentiment).toBe('negative');
  });

  it('reads Russian "претензий нет" (no complaints) as positive', () => {
    expect(analyseComment('Претензий нет, всё отлично.', 'ru').sentiment).toBe('positive');
  });

  it('weighs the clause after "but" more than the clause before it', () => {
    const r = analyseComment('Delivery was fast but the vase inside was broken.', 'en');
    expect(r.sentiment).toBe('negative');
    expect(Object.fromEntries(r.themes.map((t) => [t.theme, t.polarity]))).toMatchObject({
      delivery_speed: 'positive',
      damaged_item: 'negative',
    });
  });

  it('reads emoji and emoticons as sentiment', () => {
    expect(analyseComment('👍', 'en').sentiment).toBe('positive');
    expect(analyseComment('❤️❤️', 'de').sentiment).toBe('positive');
    expect(analyseComment(':(', 'fr').sentiment).toBe('negative');
    expect(analyseComment('10:30 delivery slot', 'en').sentiment).toBe('neutral');
  });

  it('finds nothing in a flat comment', () => {
    expect(analyseComment('ok', 'en')).toEqual({ sentiment: 'neutral', score: 0.5, themes: [] });
    expect(analyseComment('', 'hu')).toEqual({ sentiment: 'neutral', score: 0, themes: [] });
  });
});

describe('analyseComment: matching', () => {
  it('matches word stems, not substrings', () => {
    expect(themesOf('It was delivered on time', 'en').delivery_speed).toBe('positive');
    // "price" inside "priceless" is not a price: stems differ.
    expect(themesOf('The look on her face was priceless', 'en').price_value).toBeUndefined();
  });

  it('lets one extra word stand inside a phrase, never punctuation ("charged me twice")', () => {
    expect(themesOf('They charged me twice for one order', 'en').payment).toBe('negative');
    expect(themesOf('They charged me, twice', 'en').payment).not.toBe('negative');
  });

  it('folds accents where safe ("abime" finds "abîmé", "envio rapido" finds "envío rápido")', () => {
    expect(themesOf('carton abime', 'fr').packaging).toBe('negative');
    expect(themesOf('envio rapido', 'es').delivery_speed).toBe('positive');
  });

  it('reaches German compounds through "*" terms ("Transportschaden")', () => {
    expect(themesOf('Leider ein Transportschaden.', 'de').damaged_item).toBeDefined();
  });

  it('needs context for "~" terms: "quick" is delivery speed beside "delivery" only', () => {
    expect(themesOf('Quick delivery', 'en').delivery_speed).toBe('positive');
    expect(themesOf('Checkout was quick and easy', 'en').delivery_speed).toBeUndefined();
  });

  it('lets a longer phrase win over a phrase inside it ("box was damaged" is packaging)', () => {
    const themes = themesOf('The box was damaged', 'en');
    expect(themes.packaging).toBe('negative');
    expect(themes.damaged_item).toBeUndefined();
  });

  it('returns spans that index the text as written, after emoji and accents', () => {
    const text = '😡 La livraison était très lente.';
    const hit = analyseComment(text, 'fr').themes.find((t) => t.theme === 'delivery_speed');
    expect(hit?.spans.map((s) => text.slice(s.start, s.end))).toEqual(['livraison', 'lente']);
  });

  it('is deterministic', () => {
    const text = 'Лучший магазин! Доставка быстрая, упаковка надежная, но курьер опоздал.';
    expect(analyseComment(text, 'ru')).toEqual(analyseComment(text, 'ru'));
  });

  it(`analyses only the first ${MAX_ANALYSED_CHARS} characters of a very long comment`, () => {
    const text = `${'x '.repeat(MAX_ANALYSED_CHARS)} the parcel was damaged`;
    expect(analyseComment(text, 'en').themes).toEqual([]);
  });
});

describe('analyseComment with an admin taxonomy', () => {
  it('finds an added theme and no longer finds a removed one', () => {
    const taxonomy = resolveTaxonomy({
      items: {
        gift_wrap: {
          label: { en: 'Gift wrap' },
          terms: { en: ['gift wrap', 'ribbon'] },
          negative: { en: ['torn ribbon'] },
        },
        payment: null,
      },
    });
    const r = analyseComment('Lovely gift wrap, but I was charged twice.', 'en', taxonomy);
    expect(r.themes.map((t) => t.theme)).toContain('gift_wrap');
    expect(r.themes.map((t) => t.theme)).not.toContain('payment');
    expect(analyseComment('The ribbon arrived torn ribbon', 'en', taxonomy).themes[0]).toMatchObject({
      theme: 'gift_wrap',
    });
  });

  it('in replace mode knows only the given themes', () => {
    const taxonomy = resolveTaxonomy({
      mode: 'replace',
      items: { fit: { label: { en: 'Fit' }, terms: { en: ['fit'] }, negative: { en: ['too tight'] } } },
    });
    expect(analyseComment('Fast delivery, but the jeans are too tight', 'en', taxonomy).themes).toEqual([
      { theme: 'fit', polarity: 'negative', spans: [{ start: 33, end: 42 }] },
    ]);
  });

  it('matches =exact terms without stemming', () => {
    const taxonomy = resolveTaxonomy({
      mode: 'replace',
      items: { brand_app: { label: { en: 'App' }, terms: { en: ['=shopper'] } } },
    });
    expect(analyseComment('The Shopper app', 'en', taxonomy).themes).toHaveLength(1);
    expect(analyseComment('Great shopping', 'en', taxonomy).themes).toHaveLength(0);
  });
});
