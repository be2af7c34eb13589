import { describe, expect, it } from 'vitest';
import { BANNER_TEXTS, resolveTexts } from '../../src/banner/texts';

describe('banner texts', () => {
  it('every built-in language has every text, none empty, none left in English by mistake', () => {
    const keys = Object.keys(BANNER_TEXTS.en).sort();
    expect(Object.keys(BANNER_TEXTS).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl']);
    for (const [lang, texts] of Object.entries(BANNER_TEXTS)) {
      expect(Object.keys(texts).sort(), lang).toEqual(keys);
      for (const key of keys) expect((texts as any)[key].trim(), `${lang}.${key}`).not.toBe('');
      if (lang === 'en') continue;
      // Words that are the same in both languages are fine; whole sentences are not.
      for (const key of ['body', 'accepted', 'rejected', 'settings', 'trackingDescription'] as const) {
        expect(texts[key], `${lang}.${key}`).not.toBe(BANNER_TEXTS.en[key]);
      }
    }
  });

  it('Accept and Reject are never the same words', () => {
    for (const [lang, texts] of Object.entries(BANNER_TEXTS)) expect(texts.accept, lang).not.toBe(texts.reject);
  });

  it('picks the primary subtag, merges overrides over the built-in texts, and names a missing language', () => {
    expect(resolveTexts('it-CH', undefined)).toMatchObject({ lang: 'it', texts: { accept: 'Accetta' } });
    expect(resolveTexts('it-CH', undefined).missing).toBeUndefined();
    expect(resolveTexts('nl', { 'nl-BE': { accept: 'Aanvaarden' } }).texts).toMatchObject({ accept: 'Aanvaarden', reject: 'Weigeren' });
    expect(resolveTexts('pt-BR', undefined)).toMatchObject({ lang: 'en', missing: 'pt', texts: { accept: 'Accept' } });
    expect(resolveTexts(undefined, undefined).missing).toBeUndefined();
    // Overrides for a language without built-in texts make it supported; unknown keys and non-strings are dropped.
    const pt = resolveTexts('pt', { pt: { accept: 'Aceitar', reject: 42 as never, bogus: 'x' } as never });
    expect(pt).toMatchObject({ lang: 'pt', texts: { accept: 'Aceitar', reject: 'Reject' } });
    expect(pt.missing).toBeUndefined();
    expect('bogus' in pt.texts).toBe(false);
  });
});
