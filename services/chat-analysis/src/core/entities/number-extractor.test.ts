import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

const numbers = (text: string, language: 'tr' | 'en' = 'tr'): Array<[string, unknown]> =>
  found(text, 'number', { language }).map((e) => [e.text, e.normalized]);

describe('numbers', () => {
  it('reads quantities with counters and units', () => {
    expect(found('3 adet aldım', 'number')).toEqual([{ text: '3', normalized: 3, start: 0, end: 1 }]);
    expect(numbers('2 tane, 42 numara, 2,5 kg, 128 GB, 3lü set, 500gr')).toEqual([
      ['2', 2],
      ['42', 42],
      ['2,5', 2.5],
      ['128', 128],
      ['3', 3],
      ['500', 500],
    ]);
  });

  it('reads standalone numbers and scaled numbers', () => {
    expect(numbers('toplam 15, 10 bin kişi, 1.500')).toEqual([
      ['15', 15],
      ['10 bin', 10_000],
      ['1.500', 1500],
    ]);
    expect(numbers('about 1,500 of them', 'en')).toEqual([['1,500', 1500]]);
  });

  it('reads spelled-out quantities only before a counter or a plural noun', () => {
    expect(numbers('iki tane, üç adet, on beş gün, two items')).toEqual([
      ['iki', 2],
      ['üç', 3],
      ['on beş', 15],
      ['two', 2],
    ]);
    expect(summary('bir sorun var, iki kere söyledim, on the way', { language: 'tr' })).toEqual(['number:iki']);
  });

  it('skips digits that belong to something else', () => {
    expect(summary('saat 14:30, A4 kağıt, 5G telefon, 12th, saat 10')).toEqual([]);
    expect(summary('No: 12, kod 4455, hesap 778899')).toEqual([]);
  });

  it('keeps both ends of a range but reads on-the-hour times as no number', () => {
    expect(numbers('5-7 iş günü, 14.00-18.00 arası')).toEqual([
      ['5', 5],
      ['7', 7],
    ]);
  });

  it('skips long digit runs and leading zeros, which are identifiers', () => {
    expect(summary('5321234567 ve 0532 ve 12345678')).toEqual([]);
  });

  it('does not report digits that are part of a date, an amount or a phone', () => {
    expect(summary('12 Mart, 250 TL, 0532 123 45 67', { at: '2025-03-11T22:30:00Z' })).toEqual([
      'date:12 Mart',
      'money:250 TL',
      'phone:0532 123 45 67',
    ]);
  });
});
