import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

const orders = (text: string, language: 'tr' | 'en' = 'tr'): Array<[string, unknown]> =>
  found(text, 'order_number', { language }).map((e) => [e.text, e.normalized]);

describe('order numbers', () => {
  it('reads the value after a Turkish order cue', () => {
    expect(found('sipariş no: 123456789 ama gelmedi', 'order_number')).toEqual([
      { text: '123456789', normalized: '123456789', start: 12, end: 21 },
    ]);
    expect(orders('Sipariş numarası TY-12345678 olan, siparişim 4567890 nolu, siparis numaram #654321')).toEqual([
      ['TY-12345678', 'TY-12345678'],
      ['4567890', '4567890'],
      ['#654321', '654321'],
    ]);
  });

  it('reads a short code of letters and digits after a cue', () => {
    expect(orders('sipariş kodu: ABC123')).toEqual([['ABC123', 'ABC123']]);
  });

  it('reads the value after an English order cue', () => {
    expect(orders('order #A1B2C3D4 and order number 98765432', 'en')).toEqual([
      ['#A1B2C3D4', 'A1B2C3D4'],
      ['98765432', '98765432'],
    ]);
  });

  it('reads the value before "numaralı sipariş"', () => {
    expect(orders('12345678 numaralı siparişim nerede, ty-5556667 nolu siparis')).toEqual([
      ['12345678', '12345678'],
      ['ty-5556667', 'TY-5556667'],
    ]);
  });

  it('joins digits written in groups after a cue', () => {
    expect(orders('sipariş no 123 456 789')).toEqual([['123 456 789', '123456789']]);
  });

  it('recognises order-number shapes without a cue', () => {
    expect(orders('#123456, TY-12345678, SP123456789 ve ORD-2024-00123')).toEqual([
      ['#123456', '123456'],
      ['TY-12345678', 'TY-12345678'],
      ['SP123456789', 'SP123456789'],
      ['ORD-2024-00123', 'ORD-2024-00123'],
    ]);
  });

  it('does not take a quantity, a date or a word after the cue', () => {
    expect(summary('siparişim 3 gündür gelmedi')).toEqual(['number:3']);
    expect(summary('siparişim 12.03.2025 tarihinde verildi')).toEqual(['date:12.03.2025']);
    expect(summary('siparis no 1234 mü')).toEqual([]);
    expect(orders('siparişim hala gelmedi')).toEqual([]);
  });

  it('does not read product models as order numbers', () => {
    expect(orders('RTX-4090 ekran kartı, iPhone 15, SM-G991B')).toEqual([]);
  });
});
