import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

// 22:30 UTC on Tuesday 11 March is already 01:30 on Wednesday 12 March in Turkey (UTC+3).
const at = '2025-03-11T22:30:00Z';
const dates = (text: string, language: 'tr' | 'en' = 'tr'): Array<[string, unknown]> =>
  found(text, 'date', { at, language }).map((entity) => [entity.text, entity.normalized]);

describe('relative dates', () => {
  it('resolves against the Turkish calendar day, not the UTC one', () => {
    expect(found('yarın gelsin', 'date', { at })).toEqual([
      { text: 'yarın', normalized: '2025-03-13', start: 0, end: 5 },
    ]);
    expect(dates('bugün, dün')).toEqual([
      ['bugün', '2025-03-12'],
      ['dün', '2025-03-11'],
    ]);
    expect(found('yarın', 'date', { at: '2025-03-11T20:59:00Z' }).map((e) => e.normalized)).toEqual(['2025-03-12']);
  });

  it('reads day words typed without Turkish letters and with endings', () => {
    expect(dates('yarin olmazsa bugune kadar, dunku mesaj, yarından sonra')).toEqual([
      ['yarin', '2025-03-13'],
      ['bugune', '2025-03-12'],
      ['dunku', '2025-03-11'],
      ['yarından sonra', '2025-03-14'],
    ]);
  });

  it('does not read words that merely start like a day word', () => {
    expect(summary('dünya kupası, yarınlar', { at })).toEqual([]);
  });

  it('reads the days around tomorrow and yesterday', () => {
    expect(dates('öbür gün, ertesi gün, evvelsi gün')).toEqual([
      ['öbür gün', '2025-03-14'],
      ['ertesi gün', '2025-03-13'],
      ['evvelsi gün', '2025-03-10'],
    ]);
  });

  it('counts days, weeks and months forwards and backwards', () => {
    expect(dates('3 gün sonra, 2 gün önce, bir hafta sonra, iki hafta önce, 1 ay sonra')).toEqual([
      ['3 gün sonra', '2025-03-15'],
      ['2 gün önce', '2025-03-10'],
      ['bir hafta sonra', '2025-03-19'],
      ['iki hafta önce', '2025-02-26'],
      ['1 ay sonra', '2025-04-12'],
    ]);
  });

  it('reads "haftaya" and next or last week as seven days away', () => {
    expect(dates('haftaya, gelecek hafta, önümüzdeki hafta, geçen hafta, haftaya bugün')).toEqual([
      ['haftaya', '2025-03-19'],
      ['gelecek hafta', '2025-03-19'],
      ['önümüzdeki hafta', '2025-03-19'],
      ['geçen hafta', '2025-03-05'],
      ['haftaya bugün', '2025-03-19'],
    ]);
  });

  it('points bare weekday names to their next occurrence and "geçen" to the previous one', () => {
    expect(dates('pazartesi, cuma günü, salıya kadar, geçen pazartesi, çarşamba')).toEqual([
      ['pazartesi', '2025-03-17'],
      ['cuma günü', '2025-03-14'],
      ['salıya', '2025-03-18'],
      ['geçen pazartesi', '2025-03-10'],
      ['çarşamba', '2025-03-19'],
    ]);
  });

  it('reads "bu" as this week and "haftaya" before a weekday as next week', () => {
    expect(dates('bu cuma, bu çarşamba, haftaya salı, gelecek hafta cuma')).toEqual([
      ['bu cuma', '2025-03-14'],
      ['bu çarşamba', '2025-03-12'],
      ['haftaya salı', '2025-03-18'],
      ['gelecek hafta cuma', '2025-03-21'],
    ]);
  });

  it('reads weekday names typed without Turkish letters', () => {
    expect(dates('carsamba ya da persembe')).toEqual([
      ['carsamba', '2025-03-19'],
      ['persembe', '2025-03-13'],
    ]);
  });

  it('reads "pazar" as Sunday only with a date-ish context, never as the market', () => {
    expect(dates('pazar günü, bu pazar, pazara kadar, cumartesi veya pazar')).toEqual([
      ['pazar günü', '2025-03-16'],
      ['bu pazar', '2025-03-16'],
      ['pazara', '2025-03-16'],
      ['cumartesi', '2025-03-15'],
      ['pazar', '2025-03-16'],
    ]);
    expect(summary('pazardan aldım, pazar yeri, pazarlık yaptık, pazarda sattılar', { at })).toEqual([]);
  });

  it('does not read the Friday of "Black Friday" as a date', () => {
    expect(summary('Black Friday indirimi', { at })).toEqual([]);
  });

  it('resolves the end of the month', () => {
    expect(dates('ay sonuna kadar')).toEqual([['ay sonuna', '2025-03-31']]);
  });

  it('reads English relative dates', () => {
    expect(
      dates('today, tomorrow, yesterday, in 3 days, 3 days ago, in a week, next Monday, last Friday, next week', 'en'),
    ).toEqual([
      ['today', '2025-03-12'],
      ['tomorrow', '2025-03-13'],
      ['yesterday', '2025-03-11'],
      ['in 3 days', '2025-03-15'],
      ['3 days ago', '2025-03-09'],
      ['in a week', '2025-03-19'],
      ['next Monday', '2025-03-17'],
      ['last Friday', '2025-03-07'],
      ['next week', '2025-03-19'],
    ]);
  });

  it('skips relative dates when the message has no reference time', () => {
    expect(summary('yarın, haftaya salı, 3 gün sonra, tomorrow')).toEqual(['number:3']);
  });

  it('does not report the count inside a relative date as a number', () => {
    expect(summary('3 gün sonra gelir', { at })).toEqual(['date:3 gün sonra']);
  });
});
