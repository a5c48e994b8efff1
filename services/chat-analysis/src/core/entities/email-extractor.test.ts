import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

describe('e-mail addresses', () => {
  it('finds an address and lower-cases it', () => {
    expect(found('mail adresim Ahmet.Yilmaz@Gmail.com, yazın', 'email')).toEqual([
      { text: 'Ahmet.Yilmaz@Gmail.com', normalized: 'ahmet.yilmaz@gmail.com', start: 13, end: 35 },
    ]);
  });

  it('leaves sentence punctuation and an apostrophe suffix out', () => {
    expect(found("mailim: ayse_kaya92@hotmail.com.tr. ayse@x.io'ya da", 'email').map((e) => e.text)).toEqual([
      'ayse_kaya92@hotmail.com.tr',
      'ayse@x.io',
    ]);
  });

  it('accepts plus tags and hyphenated domains', () => {
    expect(found('john+orders@my-shop.co.uk', 'email').map((e) => e.normalized)).toEqual(['john+orders@my-shop.co.uk']);
  });

  it('does not read a handle, a bare @ or a domain without a top-level domain as an address', () => {
    expect(summary('@destek ekibi, a@b, info@localhost, x @ y.com')).toEqual(['url:y.com']);
  });

  it('does not report the domain of an address as a URL', () => {
    expect(summary('destek@trendyol.com')).toEqual(['email:destek@trendyol.com']);
  });
});
