import { describe, expect, it } from 'vitest';
import { foldKey } from './fold-key.js';
import { tokenize } from './tokenize.js';

describe('foldKey', () => {
  it('folds Turkish letters to ASCII so typed-without-diacritics text matches', () => {
    expect(foldKey('SİPARİŞİM')).toBe('siparisim');
    expect(foldKey('sıparışım')).toBe('siparisim');
    expect(foldKey('Çok güzel, ÖĞÜŞ')).toBe('cok guzel, ogus');
  });

  it('folds English I to i, not to dotless ı', () => {
    expect(foldKey('I LIKE IT')).toBe('i like it');
  });
});

describe('tokenize', () => {
  it('returns words with offsets and keys, keeping apostrophe suffixes', () => {
    expect(tokenize("Ahmet'in siparişi, 3 adet!")).toEqual([
      { text: "Ahmet'in", start: 0, end: 8, key: "ahmet'in" },
      { text: 'siparişi', start: 9, end: 17, key: 'siparisi' },
      { text: '3', start: 19, end: 20, key: '3' },
      { text: 'adet', start: 21, end: 25, key: 'adet' },
    ]);
  });
});
