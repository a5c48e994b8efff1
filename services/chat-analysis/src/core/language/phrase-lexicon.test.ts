import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/index.js';
import { PhraseLexicon, type PhraseEntries } from './phrase-lexicon.js';
import { sentenceBreaks } from './sentence-spans.js';

function matched<T>(entries: PhraseEntries<T>, text: string): { text: string; value: T; negated: boolean }[] {
  const tokens = tokenize(text);
  return new PhraseLexicon(entries).matchAll(tokens, sentenceBreaks(text, tokens)).map((match) => ({
    text: text.slice(tokens[match.start]?.start, tokens[match.end - 1]?.end),
    value: match.value,
    negated: match.negated,
  }));
}

describe('PhraseLexicon', () => {
  it('matches exact words on folded keys, with or without Turkish letters', () => {
    const entries: PhraseEntries<string> = [['teşekkürler', 'thanks']];
    expect(matched(entries, 'Teşekkürler')).toEqual([{ text: 'Teşekkürler', value: 'thanks', negated: false }]);
    expect(matched(entries, 'TESEKKURLER')).toHaveLength(1);
    expect(matched(entries, 'teşekkür')).toEqual([]);
  });

  it('matches stems with any suffix and marks negative or privative endings as negated', () => {
    const entries: PhraseEntries<number> = [
      ['memnun*', 1],
      ['beğen*', 1],
      ['sorun*', -1],
    ];
    expect(matched(entries, 'memnunum')).toEqual([{ text: 'memnunum', value: 1, negated: false }]);
    expect(matched(entries, 'begenmedim')[0]?.negated).toBe(true);
    expect(matched(entries, 'beğenmiyorum')[0]?.negated).toBe(true);
    expect(matched(entries, 'beğendim')[0]?.negated).toBe(false);
    expect(matched(entries, 'sorunsuz')[0]?.negated).toBe(true);
  });

  it('follows the narrowed progressive of stems ending in a or e', () => {
    const entries: PhraseEntries<number> = [['iade ~ iste*', 1]];
    expect(matched(entries, 'iade etmek istiyorum')).toHaveLength(1);
    expect(matched(entries, 'iade istiyoruz')).toHaveLength(1);
    expect(matched(entries, 'iade istemiyorum')[0]?.negated).toBe(true);
  });

  it('matches a required negative verb form with `-`, without marking it negated', () => {
    const entries: PhraseEntries<string> = [['kargo* gel-', 'late']];
    expect(matched(entries, 'kargom gelmedi')).toEqual([{ text: 'kargom gelmedi', value: 'late', negated: false }]);
    expect(matched(entries, 'kargo gelemiyor')).toHaveLength(1);
    expect(matched(entries, 'kargo geldi')).toEqual([]);
  });

  it('matches any English negator with NOT', () => {
    const entries: PhraseEntries<string> = [['NOT ~ deliver*', 'missing']];
    for (const text of ['not delivered', "hasn't been delivered", 'never delivered', 'didnt get delivered']) {
      expect(matched(entries, text)).toHaveLength(1);
    }
    expect(matched(entries, 'was delivered')).toEqual([]);
  });

  it('lets a gap skip at most two words and never cross a sentence end', () => {
    const entries: PhraseEntries<string> = [['sipariş* ~ gel-', 'late']];
    expect(matched(entries, 'siparişim gelmedi')).toHaveLength(1);
    expect(matched(entries, 'siparişim hala gelmedi')).toHaveLength(1);
    expect(matched(entries, 'siparişim iki gündür hala gelmedi')).toEqual([]);
    expect(matched(entries, 'Siparişim verildi. Kargo gelmedi')).toEqual([]);
  });

  it('takes the longest match at each position, then the more specific one', () => {
    const entries: PhraseEntries<string> = [
      ['gel-', 'short'],
      ['hala gel-', 'long'],
      ['memnun*', 'general'],
      ['memnuniyetsiz*', 'specific'],
    ];
    expect(matched(entries, 'hala gelmedi').map((match) => match.value)).toEqual(['long']);
    expect(matched(entries, 'memnuniyetsizlik').map((match) => match.value)).toEqual(['specific']);
  });

  it('rejects duplicate and malformed patterns', () => {
    expect(
      () =>
        new PhraseLexicon([
          ['şikayet', 1],
          ['sikayet', 2],
        ]),
    ).toThrow(/Duplicate/);
    expect(() => new PhraseLexicon([['~ gel*', 1]])).toThrow(/start and end/);
    expect(() => new PhraseLexicon([['gel* ~', 1]])).toThrow(/start and end/);
    expect(() => new PhraseLexicon([['*', 1]])).toThrow(/Bad word/);
  });

  it('matches long junk tokens quickly', () => {
    const lexicon = new PhraseLexicon<number>([
      ['rezalet*', -1],
      ['teşekkür*', 1],
    ]);
    const tokens = tokenize(`${'a'.repeat(5000)} ${'rezalet'.repeat(700)} ${'x y '.repeat(1200)}`);
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) lexicon.matchAll(tokens);
    expect((performance.now() - started) / 20).toBeLessThan(5);
    expect(lexicon.matchAll(tokens)).toHaveLength(1);
  });
});
