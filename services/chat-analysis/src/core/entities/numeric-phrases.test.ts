import { describe, expect, it } from 'vitest';
import { foldKey, tokenize } from '../text/index.js';
import { NumberWordReader } from './number-words.js';
import { phraseValue, scanNumericPhrases } from './numeric-phrases.js';
import { stemKey } from './token-scan.js';

function read(words: string): { value: number; accepted: number } {
  const reader = new NumberWordReader();
  let accepted = 0;
  for (const word of words.split(' ')) {
    if (!reader.accept(foldKey(word))) break;
    accepted += 1;
  }
  return { value: reader.value, accepted };
}

function phrases(text: string): Array<[string, number | undefined]> {
  const tokens = tokenize(text);
  return scanNumericPhrases(text, foldKey(text), tokens, tokens.map(stemKey)).map((phrase) => [
    text.slice(phrase.start, phrase.end),
    phraseValue(phrase, 'tr'),
  ]);
}

describe('NumberWordReader', () => {
  it('adds Turkish number words up', () => {
    expect(read('iki yüz elli')).toEqual({ value: 250, accepted: 3 });
    expect(read('bin dokuz yüz seksen dört')).toEqual({ value: 1984, accepted: 5 });
    expect(read('on iki')).toEqual({ value: 12, accepted: 2 });
    expect(read('üç milyon beş yüz bin')).toEqual({ value: 3_500_000, accepted: 5 });
  });

  it('reads "buçuk" as a half, and after a scale as half of the scale', () => {
    expect(read('iki buçuk')).toEqual({ value: 2.5, accepted: 2 });
    expect(read('bir buçuk milyon')).toEqual({ value: 1_500_000, accepted: 3 });
    expect(read('bin buçuk')).toEqual({ value: 1500, accepted: 2 });
  });

  it('reads words typed without Turkish letters', () => {
    expect(read('uc yuz')).toEqual({ value: 300, accepted: 2 });
    expect(read('dort')).toEqual({ value: 4, accepted: 1 });
  });

  it('reads English number words', () => {
    expect(read('twenty five')).toEqual({ value: 25, accepted: 2 });
    expect(read('three hundred twelve')).toEqual({ value: 312, accepted: 3 });
  });

  it('stops at a word that cannot continue the number', () => {
    expect(read('iki üç')).toEqual({ value: 2, accepted: 1 });
    expect(read('yirmi on')).toEqual({ value: 20, accepted: 1 });
    expect(read('twelve five')).toEqual({ value: 12, accepted: 1 });
    expect(read('bin milyon')).toEqual({ value: 1000, accepted: 1 });
  });
});

describe('scanNumericPhrases', () => {
  it('finds digits with a scale word after them', () => {
    expect(phrases('2 bin TL ve 1,5 milyon kişi, 10k')).toEqual([
      ['2 bin', 2000],
      ['1,5 milyon', 1_500_000],
      ['10k', 10_000],
    ]);
  });

  it('finds spelled-out numbers and stops at an apostrophe suffix', () => {
    expect(phrases("iki yüz elli lira, üç'ü de")).toEqual([
      ['iki yüz elli', 250],
      ['üç', 3],
    ]);
  });

  it('leaves digits glued to letters alone', () => {
    expect(phrases('A4 kağıt, TY123 ve 5G')).toEqual([['5', 5]]);
  });
});
