import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

const tracking = (text: string): Array<[string, unknown]> =>
  found(text, 'tracking_number').map((e) => [e.text, e.normalized]);

describe('tracking numbers', () => {
  it('reads the value after a tracking cue', () => {
    expect(found('kargo takip no: 1234567890 yazıyor', 'tracking_number')).toEqual([
      { text: '1234567890', normalized: '1234567890', start: 16, end: 26 },
    ]);
    expect(tracking('takip kodu YK1234567890, gönderi kodu ab12345678cd, tracking number 9400111899')).toEqual([
      ['YK1234567890', 'YK1234567890'],
      ['ab12345678cd', 'AB12345678CD'],
      ['9400111899', '9400111899'],
    ]);
  });

  it('reads the value after a carrier name', () => {
    expect(tracking("Yurtiçi Kargo takip numarası 123456789012, Aras Kargo'dan 70012345678901")).toEqual([
      ['123456789012', '123456789012'],
      ['70012345678901', '70012345678901'],
    ]);
  });

  it('reads the value before "numaralı gönderi"', () => {
    expect(tracking('1234567890123 numaralı gönderim')).toEqual([['1234567890123', '1234567890123']]);
  });

  it('recognises UPS and postal shapes without a cue', () => {
    expect(tracking('RR123456789TR ve 1Z999AA10123456784')).toEqual([
      ['RR123456789TR', 'RR123456789TR'],
      ['1Z999AA10123456784', '1Z999AA10123456784'],
    ]);
  });

  it('wants 10 to 20 characters after a cue, so a short count is not one', () => {
    expect(summary('kargom 3 gündür yolda')).toEqual(['number:3']);
    expect(tracking('MNG kargo 123456789')).toEqual([]);
  });
});
