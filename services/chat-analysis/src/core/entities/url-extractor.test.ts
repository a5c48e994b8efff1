import { describe, expect, it } from 'vitest';
import { found } from './__fixtures__/prepared-message.js';

const urls = (text: string): Array<[string, unknown]> => found(text, 'url').map((e) => [e.text, e.normalized]);

describe('URLs', () => {
  it('keeps a URL with a scheme as written, host lower-cased', () => {
    expect(found('bakın: https://Shop.Example.com/Urun?id=5 lütfen', 'url')).toEqual([
      {
        text: 'https://Shop.Example.com/Urun?id=5',
        normalized: 'https://shop.example.com/Urun?id=5',
        start: 7,
        end: 41,
      },
    ]);
  });

  it('adds https to addresses written without a scheme', () => {
    expect(urls('www.Trendyol.com/siparis ve trendyol.com.tr')).toEqual([
      ['www.Trendyol.com/siparis', 'https://www.trendyol.com/siparis'],
      ['trendyol.com.tr', 'https://trendyol.com.tr'],
    ]);
  });

  it('strips trailing punctuation and Turkish suffixes, keeping balanced parentheses', () => {
    expect(
      urls("www.hepsiburada.com'dan aldım. (https://x.com/a?b=1) https://en.wikipedia.org/wiki/Foo_(bar)."),
    ).toEqual([
      ['www.hepsiburada.com', 'https://www.hepsiburada.com'],
      ['https://x.com/a?b=1', 'https://x.com/a?b=1'],
      ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ]);
  });

  it('does not read sentences glued by a dot or file names as URLs', () => {
    expect(urls('geldi.Teşekkürler, fatura.pdf ekte, v1.2 sürüm')).toEqual([]);
  });
});
