import type { Language } from '@invekto/contracts';
import { foldKey } from '../text/index.js';
import type { PreparedMessage, Token } from '../types.js';
import { cueOf, type CueKind } from './cue-words.js';
import { scanNumericPhrases, type NumericPhrase } from './numeric-phrases.js';
import { stemKey } from './token-scan.js';

/** One message as every extractor reads it, with the work they share done once. */
export interface MessageView {
  readonly text: string;
  /**
   * `foldKey(text)`: lower-case ASCII for Turkish letters. foldKey maps each UTF-16 unit to exactly one
   * (İ is folded before lower-casing), so an offset in `folded` is the same offset in `text`; cue and
   * lexicon regexes run here and their matches slice the original.
   */
  readonly folded: string;
  readonly tokens: readonly Token[];
  /** Per token: its key without an apostrophe suffix ("ahmet'in" → "ahmet"). */
  readonly stems: readonly string[];
  /** Per token: what it says about digits next to it, if anything (see cueOf). */
  readonly cues: readonly (CueKind | undefined)[];
  readonly language: Language;
  readonly referenceTime: number | undefined;
  /** Whether the text has any digit; most extractors have nothing to find otherwise. */
  readonly hasDigits: boolean;
  /** Every number in the text, digits or words, in order. */
  readonly numerics: readonly NumericPhrase[];
}

export function createMessageView(message: PreparedMessage): MessageView {
  const folded = foldKey(message.text);
  const stems = message.tokens.map(stemKey);
  return {
    text: message.text,
    folded,
    tokens: message.tokens,
    stems,
    cues: stems.map(cueOf),
    language: message.language,
    referenceTime: message.referenceTime,
    hasDigits: /\d/.test(message.text),
    numerics: scanNumericPhrases(message.text, folded, message.tokens, stems),
  };
}
