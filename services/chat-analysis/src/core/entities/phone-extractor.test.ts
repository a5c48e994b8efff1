import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

const phones = (text: string): Array<[string, unknown]> =>
  found(text, 'phone').map((entity) => [entity.text, entity.normalized]);

describe('phones', () => {
  it('normalises Turkish numbers in the usual formats to E.164', () => {
    expect(found('Numaram 0532 123 45 67, arayın', 'phone')).toEqual([
      { text: '0532 123 45 67', normalized: '+905321234567', start: 8, end: 22 },
    ]);
    expect(phones('+90 532 123 4567 / (0212) 555 12 34 / 532-123-45-67 / 0532.123.45.67')).toEqual([
      ['+90 532 123 4567', '+905321234567'],
      ['(0212) 555 12 34', '+902125551234'],
      ['532-123-45-67', '+905321234567'],
      ['0532.123.45.67', '+905321234567'],
    ]);
  });

  it('keeps words right after the number out of it', () => {
    expect(found('0532 123 45 67 2 adet', 'phone').map((e) => e.text)).toEqual(['0532 123 45 67']);
    expect(found("0532 123 45 67'den arayın", 'phone').map((e) => e.text)).toEqual(['0532 123 45 67']);
  });

  it('accepts an unformatted run only with a phone cue', () => {
    expect(phones('tel: 05321234567')).toEqual([['05321234567', '+905321234567']]);
    expect(phones('telefon numaram 5321234567')).toEqual([['5321234567', '+905321234567']]);
    expect(phones('05321234567 numaralı telefondan aradım')).toEqual([['05321234567', '+905321234567']]);
    expect(phones('whatsapp: +905321234567')).toEqual([['+905321234567', '+905321234567']]);
    expect(phones('şu numara 05321234567')).toEqual([]);
  });

  it('does not read order, tracking or account numbers as phones', () => {
    expect(summary('sipariş no 5321234567')).toEqual(['order_number:5321234567']);
    expect(summary('siparis numaram 05321234567')).toEqual(['order_number:05321234567']);
    expect(summary('kargo takip no 5321234567')).toEqual(['tracking_number:5321234567']);
    expect(summary('5321234567 numaralı siparişim')).toEqual(['order_number:5321234567']);
    expect(summary('fatura no 05321234567')).toEqual([]);
  });

  it('lets a phone cue win over an earlier identifier cue in another clause', () => {
    expect(phones('siparişim gelmedi, 0532 123 45 67 numaramdan ulaşabilirsiniz')).toEqual([
      ['0532 123 45 67', '+905321234567'],
    ]);
  });

  it('reads call-centre and international numbers', () => {
    expect(phones('çağrı merkezi 444 0 444, destek 0850 123 45 67')).toEqual([
      ['444 0 444', '+904440444'],
      ['0850 123 45 67', '+908501234567'],
    ]);
    expect(phones('call +1 415 555 2671')).toEqual([['+1 415 555 2671', '+14155552671']]);
  });

  it('does not read dates, prices or invalid numbers as phones', () => {
    expect(summary('12.03.2025 tarihinde 1.250.000 TL')).toEqual(['date:12.03.2025', 'money:1.250.000 TL']);
    expect(phones('0532 123 45 6')).toEqual([]);
    expect(phones('tel 0000 000 00 00')).toEqual([]);
  });
});
