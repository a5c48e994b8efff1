import { PhraseLexicon } from '../language/index.js';
import { ENGLISH_POLARITY } from './polarity-words-en.js';
import { TURKISH_POLARITY } from './polarity-words-tr.js';
import { COURTESY, EXPECTATIONS, NEUTRAL_FORMULAS, WARM_THANKS } from './sentiment-cues.js';

/**
 * - `opinion`: praise or complaint; negation flips it (weakly for complaints: "fena değil").
 * - `courtesy`: thanks; never negated, and discounted inside a complaint.
 * - `formula`: greetings and polite phrases; claims its words so they are not read as opinion.
 * - `expectation`: neutral unless negated, then a complaint ("gelmedi", "no response").
 */
export type PolarityKind = 'opinion' | 'courtesy' | 'formula' | 'expectation';

export interface Polarity {
  readonly weight: number;
  readonly kind: PolarityKind;
}

/** Every sentiment cue of both languages in one lexicon: customers mix them ("kargo hala gelmedi, terrible"). */
export const POLARITY_LEXICON = new PhraseLexicon<Polarity>([
  ...TURKISH_POLARITY.map(([pattern, weight]) => [pattern, { weight, kind: 'opinion' }] as const),
  ...ENGLISH_POLARITY.map(([pattern, weight]) => [pattern, { weight, kind: 'opinion' }] as const),
  ...COURTESY.map(([pattern, weight]) => [pattern, { weight, kind: 'courtesy' }] as const),
  ...WARM_THANKS.map(([pattern, weight]) => [pattern, { weight, kind: 'courtesy' }] as const),
  ...NEUTRAL_FORMULAS.map((pattern) => [pattern, { weight: 0, kind: 'formula' }] as const),
  ...EXPECTATIONS.map((pattern) => [pattern, { weight: 0, kind: 'expectation' }] as const),
]);
