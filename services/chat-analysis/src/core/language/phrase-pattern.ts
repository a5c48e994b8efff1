import { foldKey } from '../text/index.js';
import { hasNegativeVerbEnding, isEnglishNegator, negatesStem } from './negation.js';

/**
 * One word of a pattern, written in lexicon data as:
 * - `kargo`  the folded key exactly;
 * - `memnun*` any key starting with the stem; a negative or privative ending after the stem marks the
 *   match as negated ("memnun değil" is left to the caller, "beğenmedim" and "sorunsuz" are not);
 * - `gel-`   the stem followed by a negative verb ending ("gelmedi", "gelemiyor"); the negation is
 *   part of the phrase's meaning, so the match is not marked negated;
 * - `NOT`    any English negator ("not", "never", "didn't");
 * - `~`      zero to two words of anything, inside one sentence; numbers in between are not counted.
 */
export type PatternWord =
  | { readonly kind: 'exact'; readonly key: string }
  /** `narrowed`: the stem without a final a/e that Turkish narrows before "-yor" (iste → istiyor). */
  | { readonly kind: 'stem'; readonly key: string; readonly narrowed: string | undefined }
  | { readonly kind: 'negated-stem'; readonly key: string }
  | { readonly kind: 'negator' }
  | { readonly kind: 'gap' };

export interface Pattern<T> {
  readonly words: readonly PatternWord[];
  /** The words in canonical form, to detect the same pattern written twice. */
  readonly canonical: string;
  /** Letters the pattern pins down; among matches of equal length the more specific one wins. */
  readonly specificity: number;
  readonly value: T;
}

/** How a word met a token: not at all, plainly, or as a stem carrying a negative or privative ending. */
export const NO_MATCH = -1;
export const MATCH = 0;
export const NEGATED_MATCH = 1;

/** The most words a `~` skips. */
export const MAX_GAP = 2;

const NARROWED_PROGRESSIVE = /^[iu]yor/;

export function compilePattern<T>(source: string, value: T): Pattern<T> {
  const words = source
    .trim()
    .split(/\s+/)
    .map((part) => compileWord(part, source));
  if (words.length === 0 || words[0]?.kind === 'gap' || words[words.length - 1]?.kind === 'gap') {
    throw new Error(`Lexicon pattern "${source}" must start and end with a word`);
  }
  if (words.some((word, i) => word.kind === 'gap' && words[i + 1]?.kind === 'gap')) {
    throw new Error(`Lexicon pattern "${source}" has two gaps in a row`);
  }
  // A required negation pins the word down further than the bare stem does.
  const specificity = words.reduce(
    (sum, word) => sum + ('key' in word ? word.key.length : 0) + (word.kind === 'negated-stem' ? 1 : 0),
    0,
  );
  return { words, canonical: words.map(describeWord).join(' '), specificity, value };
}

/** NO_MATCH, MATCH, or NEGATED_MATCH for a stem followed by a negative or privative ending. */
export function matchWord(word: PatternWord, key: string): number {
  switch (word.kind) {
    case 'exact':
      return key === word.key ? MATCH : NO_MATCH;
    case 'stem': {
      const rest = restAfterStem(key, word);
      if (rest === undefined) return NO_MATCH;
      return negatesStem(rest) ? NEGATED_MATCH : MATCH;
    }
    case 'negated-stem':
      return key.startsWith(word.key) && hasNegativeVerbEnding(key.slice(word.key.length)) ? MATCH : NO_MATCH;
    case 'negator':
      return isEnglishNegator(key) ? MATCH : NO_MATCH;
    case 'gap':
      return NO_MATCH;
  }
}

/** What follows the stem in `key`, allowing for the narrowed progressive; undefined when it is not there. */
function restAfterStem(
  key: string,
  stem: { readonly key: string; readonly narrowed: string | undefined },
): string | undefined {
  if (key.startsWith(stem.key)) return key.slice(stem.key.length);
  if (stem.narrowed === undefined || !key.startsWith(stem.narrowed)) return undefined;
  const rest = key.slice(stem.narrowed.length);
  return NARROWED_PROGRESSIVE.test(rest) ? rest : undefined;
}

function compileWord(part: string, source: string): PatternWord {
  if (part === '~') return { kind: 'gap' };
  if (part === 'NOT') return { kind: 'negator' };
  const last = part.at(-1);
  const body = last === '*' || last === '-' ? part.slice(0, -1) : part;
  const key = foldKey(body);
  if (key.length === 0 || /[\s*~]/.test(key)) throw new Error(`Bad word "${part}" in lexicon pattern "${source}"`);
  if (last === '-') return { kind: 'negated-stem', key };
  if (last !== '*') return { kind: 'exact', key };
  const narrows = key.length >= 3 && (key.endsWith('a') || key.endsWith('e'));
  return { kind: 'stem', key, narrowed: narrows ? key.slice(0, -1) : undefined };
}

/** The word as written in lexicon data, in folded form. */
export function describeWord(word: PatternWord): string {
  switch (word.kind) {
    case 'exact':
      return word.key;
    case 'stem':
      return `${word.key}*`;
    case 'negated-stem':
      return `${word.key}-`;
    case 'negator':
      return 'NOT';
    case 'gap':
      return '~';
  }
}
