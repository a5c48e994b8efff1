import { describe, expect, it } from 'vitest';
import { ENGLISH_POLARITY } from './polarity-words-en.js';
import { TURKISH_POLARITY } from './polarity-words-tr.js';
import { COURTESY, EMOJI_POLARITY, EMOTICON_POLARITY, INTENSITY, WARM_THANKS } from './sentiment-cues.js';
import { POLARITY_LEXICON } from './sentiment-lexicon.js';

describe('sentiment lexicon data', () => {
  it('compiles into one lexicon without duplicates across languages and kinds', () => {
    expect(POLARITY_LEXICON).toBeDefined();
  });

  it('keeps every polarity within [-1, 1] and thanks positive', () => {
    for (const [pattern, weight] of [...TURKISH_POLARITY, ...ENGLISH_POLARITY]) {
      expect(Math.abs(weight), pattern).toBeLessThanOrEqual(1);
      expect(weight, pattern).not.toBe(0);
    }
    for (const [pattern, weight] of [...COURTESY, ...WARM_THANKS]) {
      expect(weight, pattern).toBeGreaterThan(0);
      expect(weight, pattern).toBeLessThanOrEqual(1);
    }
    for (const [emoji, weight] of [...EMOJI_POLARITY, ...EMOTICON_POLARITY]) {
      expect(Math.abs(weight), emoji).toBeLessThanOrEqual(1);
    }
    for (const [word, factor] of INTENSITY) {
      expect(factor, word).toBeGreaterThan(0);
      expect(factor, word).toBeLessThan(2);
    }
  });

  it('is broad: hundreds of entries', () => {
    expect(TURKISH_POLARITY.length + ENGLISH_POLARITY.length).toBeGreaterThan(350);
  });
});
