import { describe, expect, it } from 'vitest';
import { hasNegativeVerbEnding, hasPrivativeEnding, isEnglishNegator } from './negation.js';

describe('hasNegativeVerbEnding', () => {
  it.each([
    ['begen', 'begenmedim'],
    ['calis', 'calismiyor'],
    ['gel', 'gelmedi'],
    ['gel', 'gelmemis'],
    ['gel', 'gelmez'],
    ['gel', 'gelmeyecek'],
    ['gel', 'gelmeyen'],
    ['ulas', 'ulasamiyorum'],
    ['ode', 'odeyemedim'],
    ['yap', 'yapmayin'],
    ['ol', 'olmamali'],
  ])('reads "%s" + ending in "%s" as negative', (stem, word) => {
    expect(hasNegativeVerbEnding(word.slice(stem.length))).toBe(true);
  });

  it.each([
    ['calis', 'calisma'],
    ['gel', 'gelmek'],
    ['gonder', 'gondermem'],
    ['gel', 'gelmesi'],
    ['begen', 'begendim'],
    ['ode', 'odemeler'],
    ['ode', 'odemeyi'],
    ['ship', 'shipment'],
  ])('reads "%s" + ending in "%s" as affirmative', (stem, word) => {
    expect(hasNegativeVerbEnding(word.slice(stem.length))).toBe(false);
  });
});

describe('hasPrivativeEnding', () => {
  it('recognises -sız/-siz/-suz/-süz in folded form', () => {
    expect(hasPrivativeEnding('suz')).toBe(true);
    expect(hasPrivativeEnding('sizlik')).toBe(true);
    expect(hasPrivativeEnding('si')).toBe(false);
    expect(hasPrivativeEnding('siniz')).toBe(false);
  });
});

describe('isEnglishNegator', () => {
  it('recognises negating words and contractions, with or without the apostrophe', () => {
    for (const key of ['not', 'never', 'no', "didn't", 'didn’t', 'dont', 'cannot', "hasn't", 'without']) {
      expect(isEnglishNegator(key)).toBe(true);
    }
    for (const key of ['note', 'know', 'now', 'nothingness', 'order']) {
      expect(isEnglishNegator(key)).toBe(false);
    }
  });
});
