import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

const amounts = (text: string): Array<[string, unknown]> =>
  found(text, 'money').map((entity) => [entity.text, entity.normalized]);

describe('money', () => {
  it('reads Turkish-formatted amounts in lira', () => {
    expect(found('Toplam 1.250,50 TL ödedim', 'money')).toEqual([
      { text: '1.250,50 TL', normalized: { amount: 1250.5, currency: 'TRY' }, start: 7, end: 18 },
    ]);
    expect(amounts('1250 TL, 1.250 TL, 12,5 TL, 99,90 lira, 250tl')).toEqual([
      ['1250 TL', { amount: 1250, currency: 'TRY' }],
      ['1.250 TL', { amount: 1250, currency: 'TRY' }],
      ['12,5 TL', { amount: 12.5, currency: 'TRY' }],
      ['99,90 lira', { amount: 99.9, currency: 'TRY' }],
      ['250tl', { amount: 250, currency: 'TRY' }],
    ]);
  });

  it('reads the lira sign on either side', () => {
    expect(amounts('₺99 ya da 99₺, ₺ 1.299,90')).toEqual([
      ['₺99', { amount: 99, currency: 'TRY' }],
      ['99₺', { amount: 99, currency: 'TRY' }],
      ['₺ 1.299,90', { amount: 1299.9, currency: 'TRY' }],
    ]);
  });

  it('reads dollars, euros and pounds, by symbol, code or word', () => {
    expect(amounts('$20, 20 dollars, 15 euro, €15, 15 EUR, £5, 100 USD, 30 dolar, 5 sterlin')).toEqual([
      ['$20', { amount: 20, currency: 'USD' }],
      ['20 dollars', { amount: 20, currency: 'USD' }],
      ['15 euro', { amount: 15, currency: 'EUR' }],
      ['€15', { amount: 15, currency: 'EUR' }],
      ['15 EUR', { amount: 15, currency: 'EUR' }],
      ['£5', { amount: 5, currency: 'GBP' }],
      ['100 USD', { amount: 100, currency: 'USD' }],
      ['30 dolar', { amount: 30, currency: 'USD' }],
      ['5 sterlin', { amount: 5, currency: 'GBP' }],
    ]);
  });

  it('reads English-formatted amounts', () => {
    expect(amounts('I paid $1,250.50 and 1,250.50 USD')).toEqual([
      ['$1,250.50', { amount: 1250.5, currency: 'USD' }],
      ['1,250.50 USD', { amount: 1250.5, currency: 'USD' }],
    ]);
  });

  it('applies scale words', () => {
    expect(amounts('2 bin TL, 1.5 milyon TL, 1,5 milyon lira, 5k TL')).toEqual([
      ['2 bin TL', { amount: 2000, currency: 'TRY' }],
      ['1.5 milyon TL', { amount: 1_500_000, currency: 'TRY' }],
      ['1,5 milyon lira', { amount: 1_500_000, currency: 'TRY' }],
      ['5k TL', { amount: 5000, currency: 'TRY' }],
    ]);
  });

  it('reads amounts written in words', () => {
    expect(amounts('iki yüz elli lira, bin buçuk lira, beş yüz TL, fifty dollars')).toEqual([
      ['iki yüz elli lira', { amount: 250, currency: 'TRY' }],
      ['bin buçuk lira', { amount: 1500, currency: 'TRY' }],
      ['beş yüz TL', { amount: 500, currency: 'TRY' }],
      ['fifty dollars', { amount: 50, currency: 'USD' }],
    ]);
  });

  it('keeps a fused ending on a currency word and leaves an apostrophe suffix out', () => {
    expect(amounts("100 liralık kupon, 250 TL'ye düştü, 50 TLlik çek")).toEqual([
      ['100 liralık', { amount: 100, currency: 'TRY' }],
      ['250 TL', { amount: 250, currency: 'TRY' }],
      ['50 TLlik', { amount: 50, currency: 'TRY' }],
    ]);
  });

  it('joins lira and kuruş into one amount', () => {
    expect(amounts('99 lira 90 kuruş')).toEqual([['99 lira 90 kuruş', { amount: 99.9, currency: 'TRY' }]]);
  });

  it('needs a currency: a bare number is a number', () => {
    expect(summary('toplam 1350 ödedim')).toEqual(['number:1350']);
  });

  it('does not take letters that only begin like a currency', () => {
    expect(summary('5 tlf, 3 eurovision, 2 try')).toEqual(['number:5', 'number:3', 'number:2']);
  });
});
