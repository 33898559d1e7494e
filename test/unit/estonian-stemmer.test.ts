import { describe, expect, it } from 'vitest';
import { stemEstonian } from '../../shared/domain/insight/estonian-stemmer.ts';

describe('stemEstonian', () => {
  it.each([
    ['pakend', ['pakendi', 'pakendit', 'pakendiga', 'pakendeid', 'pakendid', 'pakendis', 'pakenditega']],
    ['kuller', ['kulleri', 'kullerit', 'kulleriga', 'kullerid', 'kullerile']],
    ['hilines', ['hilinenud', 'hilinemine', 'hilinemisega', 'hilineb', 'hilinesid']],
    ['aeglane', ['aeglase', 'aeglaselt', 'aeglast']],
    ['klienditeenindus', ['klienditeeninduse', 'klienditeenindusega', 'klienditeenindust']],
    ['pakk', ['paki', 'pakki', 'pakis', 'pakiga', 'pakid']],
    ['ootama', ['ootasin', 'ootan', 'ootab', 'ootamine', 'ootamist']],
    ['kiire', ['kiiresti', 'kiirelt', 'kiiret']],
  ])('brings the forms of "%s" to one stem', (base, forms) => {
    const stem = stemEstonian(base);
    for (const form of forms) expect(stemEstonian(form), form).toBe(stem);
  });

  it('keeps words that carry their own negation whole', () => {
    expect(stemEstonian('vigastusteta')).toBe('vigastusteta');
    expect(stemEstonian('lahendamata')).toBe('lahendamata');
    expect(stemEstonian('vigastusteta')).not.toBe(stemEstonian('vigastus'));
  });

  it('leaves short words alone and keeps a vowel in every stem', () => {
    expect(stemEstonian('hea')).toBe('hea');
    expect(stemEstonian('ei')).toBe('ei');
    expect(stemEstonian('pakendid')).toMatch(/[aeiouõäöü]/);
  });
});
