import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

// 01:30 on Wednesday 12 March 2025 in Turkey.
const at = '2025-03-11T22:30:00Z';

describe('absolute dates', () => {
  it('reads numeric dates day first', () => {
    expect(found('Siparişi 12.03.2025 tarihinde verdim', 'date')).toEqual([
      { text: '12.03.2025', normalized: '2025-03-12', start: 9, end: 19 },
    ]);
    expect(found('12/03/2025 ve 2025-03-12 ve 5-4-2024', 'date')).toEqual([
      { text: '12/03/2025', normalized: '2025-03-12', start: 0, end: 10 },
      { text: '2025-03-12', normalized: '2025-03-12', start: 14, end: 24 },
      { text: '5-4-2024', normalized: '2024-04-05', start: 28, end: 36 },
    ]);
  });

  it('reads month first only when day first gives no date', () => {
    expect(found('paid on 03/15/2025', 'date', { language: 'en' })).toEqual([
      { text: '03/15/2025', normalized: '2025-03-15', start: 8, end: 18 },
    ]);
  });

  it('reads two-digit years as this century', () => {
    expect(found('12.03.25 de geldi', 'date')).toEqual([
      { text: '12.03.25', normalized: '2025-03-12', start: 0, end: 8 },
    ]);
  });

  it('reads Turkish month names with and without a year', () => {
    expect(found('12 Mart 2025 günü ve 3 Ocak', 'date', { at })).toEqual([
      { text: '12 Mart 2025', normalized: '2025-03-12', start: 0, end: 12 },
      { text: '3 Ocak', normalized: '2025-01-03', start: 21, end: 27 },
    ]);
  });

  it('leaves an apostrophe suffix out and keeps a fused one in the word', () => {
    expect(found("3 Ocak'ta ve 15 martta", 'date', { at })).toEqual([
      { text: '3 Ocak', normalized: '2025-01-03', start: 0, end: 6 },
      { text: '15 martta', normalized: '2025-03-15', start: 13, end: 22 },
    ]);
    expect(found("23 Nisan 2024'te", 'date')).toEqual([
      { text: '23 Nisan 2024', normalized: '2024-04-23', start: 0, end: 13 },
    ]);
  });

  it('reads month names typed without Turkish letters or in capitals', () => {
    expect(found('5 subat, 1 AĞUSTOS, 9 eylul', 'date', { at }).map((e) => e.normalized)).toEqual([
      '2025-02-05',
      '2025-08-01',
      '2025-09-09',
    ]);
  });

  it('reads English month names in both orders, with ordinals', () => {
    expect(found('March 12, 2025 or the 12th of March or Jan 5', 'date', { at, language: 'en' })).toEqual([
      { text: 'March 12, 2025', normalized: '2025-03-12', start: 0, end: 14 },
      { text: '12th of March', normalized: '2025-03-12', start: 22, end: 35 },
      { text: 'Jan 5', normalized: '2025-01-05', start: 39, end: 44 },
    ]);
    expect(found('Mart 12 gibi', 'date', { at })).toEqual([
      { text: 'Mart 12', normalized: '2025-03-12', start: 0, end: 7 },
    ]);
  });

  it('takes a weekday written next to the date into the same entity', () => {
    expect(found('Kargoya 12 Mart Çarşamba verildi', 'date', { at })).toEqual([
      { text: '12 Mart Çarşamba', normalized: '2025-03-12', start: 8, end: 24 },
    ]);
    expect(found('Friday, March 14 works', 'date', { at, language: 'en' })).toEqual([
      { text: 'Friday, March 14', normalized: '2025-03-14', start: 0, end: 16 },
    ]);
  });

  it('skips a date without a year when there is no reference time', () => {
    expect(found('3 Ocak ve 15/03', 'date')).toEqual([]);
  });

  it('reads a day and month without a year only when something marks it as a date', () => {
    expect(found("15.03'te ya da 16/03", 'date', { at })).toEqual([
      { text: '15.03', normalized: '2025-03-15', start: 0, end: 5 },
      { text: '16/03', normalized: '2025-03-16', start: 15, end: 20 },
    ]);
    expect(summary('fiyat 12.50, saat 10.05’te', { at })).toEqual(['number:12.50']);
  });

  it('does not report dates that do not exist, nor their digits as numbers', () => {
    expect(summary('31.02.2025 ve 29 Şubat 2025', { at })).toEqual([]);
  });

  it('does not read an English abbreviation inside a word as a month', () => {
    expect(summary('12 marketten aldım', { at })).toEqual(['number:12']);
  });
});
