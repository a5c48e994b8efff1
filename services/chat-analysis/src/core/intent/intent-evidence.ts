import type { IntentLabel } from '@invekto/contracts';
import { sentenceBreaks } from '../language/index.js';
import type { PreparedMessage } from '../types.js';
import { compileIntentCues, type IntentWeights } from './intent-cue-table.js';
import { ENGLISH_INTENT_CUES } from './intent-cues-en.js';
import { TURKISH_GENERAL_CUES } from './intent-cues-tr-general.js';
import { TURKISH_ORDER_CUES } from './intent-cues-tr-order.js';

/** A cue phrase found in a message. */
export interface IntentCue {
  /** UTF-16 offsets of the phrase in the message's original text. */
  readonly start: number;
  readonly end: number;
  readonly weights: IntentWeights;
}

// Both languages in one lexicon: Turkish customers write English shop words ("refund", "cancel") too.
const INTENT_LEXICON = compileIntentCues([TURKISH_ORDER_CUES, TURKISH_GENERAL_CUES, ENGLISH_INTENT_CUES]);
// The purpose of a message is stated early; this bounds the cost of pasted or hostile text.
const MAX_TOKENS = 400;
// The classifier and the summary both read a message's cues; prepared messages are immutable.
const cuesByMessage = new WeakMap<PreparedMessage, readonly IntentCue[]>();

/** The intent cues of one message, left to right, never overlapping. */
export function findIntentCues(message: PreparedMessage): readonly IntentCue[] {
  const cached = cuesByMessage.get(message);
  if (cached !== undefined) return cached;
  const tokens = message.tokens.length > MAX_TOKENS ? message.tokens.slice(0, MAX_TOKENS) : message.tokens;
  const breaks = sentenceBreaks(message.text, tokens);
  const cues = INTENT_LEXICON.matchAll(tokens, breaks).map((match) => ({
    start: tokens[match.start]?.start ?? 0,
    end: tokens[match.end - 1]?.end ?? 0,
    weights: match.value,
  }));
  cuesByMessage.set(message, cues);
  return cues;
}

/** Sums cue weights per intent. */
export function sumIntentWeights(cues: readonly IntentCue[]): Map<IntentLabel, number> {
  const sums = new Map<IntentLabel, number>();
  for (const cue of cues) {
    for (const [label, weight] of cue.weights) sums.set(label, (sums.get(label) ?? 0) + weight);
  }
  return sums;
}
