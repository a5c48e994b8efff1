import { INTENT_LABELS } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/index.js';
import { compileIntentCues } from './intent-cue-table.js';
import { ENGLISH_INTENT_CUES } from './intent-cues-en.js';
import { TURKISH_GENERAL_CUES } from './intent-cues-tr-general.js';
import { TURKISH_ORDER_CUES } from './intent-cues-tr-order.js';

describe('compileIntentCues', () => {
  it('merges a phrase listed under several intents into one cue that counts for each', () => {
    const lexicon = compileIntentCues([
      { return_request: [['iade*', 1]], refund_status: [['iade*', 0.5]] },
      { exchange_request: [['değişim*', 2]] },
    ]);
    const matches = lexicon.matchAll(tokenize('iade ve değişim'));
    expect(matches.map((match) => [...match.value])).toEqual([
      [
        ['return_request', 1],
        ['refund_status', 0.5],
      ],
      [['exchange_request', 2]],
    ]);
  });

  it('rejects a phrase listed twice under one intent', () => {
    expect(() => compileIntentCues([{ complaint: [['şikayet*', 3]] }, { complaint: [['şikayet*', 2]] }])).toThrow(
      /listed twice under complaint/,
    );
  });

  it('compiles the shipped tables, with cues for every intent in both languages and sane weights', () => {
    expect(() => compileIntentCues([TURKISH_ORDER_CUES, TURKISH_GENERAL_CUES, ENGLISH_INTENT_CUES])).not.toThrow();
    const turkish = { ...TURKISH_ORDER_CUES, ...TURKISH_GENERAL_CUES };
    for (const table of [turkish, ENGLISH_INTENT_CUES]) {
      for (const label of INTENT_LABELS) {
        expect(table[label]?.length ?? 0, label).toBeGreaterThan(0);
        for (const [pattern, weight] of table[label] ?? []) {
          expect(weight, pattern).toBeGreaterThan(0);
          expect(weight, pattern).toBeLessThanOrEqual(4);
        }
      }
    }
  });
});
