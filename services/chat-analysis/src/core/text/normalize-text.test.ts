import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize-text.js';

describe('normalizeText', () => {
  it('lower-cases Turkish the Turkish way', () => {
    expect(normalizeText('IŞIK İSTANBUL Iğdır', 'tr')).toBe('ışık istanbul ığdır');
  });

  it('lower-cases English the English way', () => {
    expect(normalizeText('I LIKE IT', 'en')).toBe('i like it');
  });

  it('matches toLocaleLowerCase for every Turkish letter and casing mark', () => {
    const sample = 'ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ âÂîÎûÛ QWX İ̇';
    expect(normalizeText(sample, 'tr')).toBe(sample.normalize('NFC').toLocaleLowerCase('tr-TR'));
  });

  it('composes, collapses whitespace and trims', () => {
    expect(normalizeText('  Siparis\u0327  \n\t nerede  ', 'tr')).toBe('sipariş nerede');
  });
});
