import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/index.js';
import { sentenceBreaks, sentenceSpans } from './sentence-spans.js';

const sentences = (text: string) => sentenceSpans(text).map((span) => text.slice(span.start, span.end));

describe('sentenceSpans', () => {
  it('splits after end marks and line breaks, keeping runs of marks with their sentence', () => {
    expect(sentences('Merhaba. Siparişim nerede?? Hâlâ gelmedi!!!\nTeşekkürler')).toEqual([
      'Merhaba.',
      'Siparişim nerede??',
      'Hâlâ gelmedi!!!',
      'Teşekkürler',
    ]);
  });

  it('does not split inside amounts, dates or addresses', () => {
    expect(sentences('1.250,50 TL ödedim, 12.03.2025 tarihinde. www.site.com adresinden aldım.')).toEqual([
      '1.250,50 TL ödedim, 12.03.2025 tarihinde.',
      'www.site.com adresinden aldım.',
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(sentenceSpans('')).toEqual([]);
    expect(sentenceSpans('  \n  ')).toEqual([]);
  });

  it('splits 5,000 characters of marks quickly', () => {
    const text = '?! .'.repeat(1250);
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) sentenceSpans(text);
    expect((performance.now() - started) / 20).toBeLessThan(5);
  });
});

describe('sentenceBreaks', () => {
  it('marks tokens that start a sentence, and with clauses also after commas and free dashes', () => {
    const text = 'kargo geldi, ama kırık. e-fatura - lütfen';
    const tokens = tokenize(text);
    const keys = (breaks: boolean[]) => tokens.filter((_, i) => breaks[i]).map((token) => token.key);
    expect(keys(sentenceBreaks(text, tokens))).toEqual(['e']);
    expect(keys(sentenceBreaks(text, tokens, true))).toEqual(['ama', 'e', 'lutfen']);
  });
});
