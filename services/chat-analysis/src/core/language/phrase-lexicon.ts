import type { Token } from '../types.js';
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
 * - `~`      zero to two words of anything, inside one sentence.
 */
type PatternWord =
  | { readonly kind: 'exact'; readonly key: string }
  | { readonly kind: 'stem'; readonly key: string }
  | { readonly kind: 'negated-stem'; readonly key: string }
  | { readonly kind: 'negator' }
  | { readonly kind: 'gap' };

interface Pattern<T> {
  readonly source: string;
  readonly words: readonly PatternWord[];
  /** Letters the pattern pins down; among matches of equal length the more specific one wins. */
  readonly specificity: number;
  readonly value: T;
}

export interface PhraseMatch<T> {
  /** Index of the first matched token. */
  readonly start: number;
  /** Index after the last matched token. */
  readonly end: number;
  readonly value: T;
  /** A `stem*` word of the match carries a negative or privative ending. */
  readonly negated: boolean;
}

/** Entries as `[pattern, value]`; patterns may use Turkish letters, they are folded when compiled. */
export type PhraseEntries<T> = readonly (readonly [pattern: string, value: T])[];

const MAX_GAP = 2;
const CANDIDATE_CACHE_LIMIT = 4096;
const CACHEABLE_KEY_LENGTH = 48;

interface Extension {
  readonly end: number;
  readonly negated: boolean;
}

/**
 * A compiled set of word patterns matched over tokens leftmost-longest without overlap, so a phrase
 * ("hala gelmedi") claims its words before a shorter entry inside it ("gelmedi") can.
 */
export class PhraseLexicon<T> {
  private readonly exact = new Map<string, Pattern<T>[]>();
  private readonly stems = new Map<string, Pattern<T>[]>();
  private readonly negatorFirst: Pattern<T>[] = [];
  private readonly candidateCache = new Map<string, readonly Pattern<T>[]>();
  private shortestStem = Number.POSITIVE_INFINITY;
  private longestStem = 0;

  constructor(entries: PhraseEntries<T>) {
    const seen = new Set<string>();
    for (const [source, value] of entries) {
      const pattern = compilePattern(source, value);
      const canonical = pattern.words.map(describeWord).join(' ');
      if (seen.has(canonical)) throw new Error(`Duplicate lexicon pattern "${source}"`);
      seen.add(canonical);
      this.index(pattern);
    }
  }

  /** Non-overlapping matches, left to right; `breaks[i]` marks a sentence starting at token `i`. */
  matchAll(tokens: readonly Token[], breaks?: readonly boolean[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = this.longestAt(tokens, i, breaks);
      if (match === undefined) {
        i += 1;
      } else {
        matches.push(match);
        i = match.end;
      }
    }
    return matches;
  }

  private index(pattern: Pattern<T>): void {
    const first = pattern.words[0];
    if (first === undefined || first.kind === 'gap') return;
    if (first.kind === 'negator') {
      this.negatorFirst.push(pattern);
      return;
    }
    const bucket = first.kind === 'exact' ? this.exact : this.stems;
    const list = bucket.get(first.key);
    if (list === undefined) bucket.set(first.key, [pattern]);
    else list.push(pattern);
    if (first.kind !== 'exact') {
      this.shortestStem = Math.min(this.shortestStem, first.key.length);
      this.longestStem = Math.max(this.longestStem, first.key.length);
    }
  }

  private longestAt(tokens: readonly Token[], start: number, breaks?: readonly boolean[]): PhraseMatch<T> | undefined {
    const token = tokens[start];
    if (token === undefined) return undefined;
    let best: PhraseMatch<T> | undefined;
    let bestSpecificity = -1;
    for (const pattern of this.candidates(token.key)) {
      const extension = extend(pattern.words, 0, tokens, start, start, false, breaks);
      if (extension === undefined) continue;
      const longer = best === undefined || extension.end > best.end;
      const sameLength = best !== undefined && extension.end === best.end;
      if (longer || (sameLength && pattern.specificity > bestSpecificity)) {
        best = { start, end: extension.end, value: pattern.value, negated: extension.negated };
        bestSpecificity = pattern.specificity;
      }
    }
    return best;
  }

  private candidates(key: string): readonly Pattern<T>[] {
    const cached = this.candidateCache.get(key);
    if (cached !== undefined) return cached;
    const found: Pattern<T>[] = [...(this.exact.get(key) ?? [])];
    const longest = Math.min(this.longestStem, key.length);
    for (let length = this.shortestStem; length <= longest; length += 1) {
      const list = this.stems.get(key.slice(0, length));
      if (list !== undefined) found.push(...list);
    }
    if (isEnglishNegator(key)) found.push(...this.negatorFirst);
    if (key.length <= CACHEABLE_KEY_LENGTH) {
      if (this.candidateCache.size >= CANDIDATE_CACHE_LIMIT) this.candidateCache.clear();
      this.candidateCache.set(key, found);
    }
    return found;
  }
}

/** `negated` is undefined when the word does not match, else whether a stem carries a negation. */
function matchWord(word: PatternWord, key: string): { negated: boolean } | undefined {
  switch (word.kind) {
    case 'exact':
      return key === word.key ? { negated: false } : undefined;
    case 'stem':
      return key.startsWith(word.key) ? { negated: negatesStem(key.slice(word.key.length)) } : undefined;
    case 'negated-stem':
      return key.startsWith(word.key) && hasNegativeVerbEnding(key.slice(word.key.length))
        ? { negated: false }
        : undefined;
    case 'negator':
      return isEnglishNegator(key) ? { negated: false } : undefined;
    case 'gap':
      return undefined;
  }
}

function extend(
  words: readonly PatternWord[],
  wordIndex: number,
  tokens: readonly Token[],
  tokenIndex: number,
  start: number,
  negated: boolean,
  breaks: readonly boolean[] | undefined,
): Extension | undefined {
  const word = words[wordIndex];
  if (word === undefined) return { end: tokenIndex, negated };
  if (word.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP; skip += 1) {
      const next = tokenIndex + skip;
      if (next >= tokens.length || (next > start && breaks?.[next] === true)) return undefined;
      const extension = extend(words, wordIndex + 1, tokens, next, start, negated, breaks);
      if (extension !== undefined) return extension;
    }
    return undefined;
  }
  const token = tokens[tokenIndex];
  if (token === undefined || (tokenIndex > start && breaks?.[tokenIndex] === true)) return undefined;
  const matched = matchWord(word, token.key);
  if (matched === undefined) return undefined;
  return extend(words, wordIndex + 1, tokens, tokenIndex + 1, start, negated || matched.negated, breaks);
}

function compilePattern<T>(source: string, value: T): Pattern<T> {
  const parts = source.trim().split(/\s+/);
  const words = parts.map((part) => compileWord(part, source));
  if (words.length === 0 || words[0]?.kind === 'gap' || words[words.length - 1]?.kind === 'gap') {
    throw new Error(`Lexicon pattern "${source}" must start and end with a word`);
  }
  const specificity = words.reduce((sum, word) => sum + ('key' in word ? word.key.length : 0), 0);
  return { source, words, specificity, value };
}

function compileWord(part: string, source: string): PatternWord {
  if (part === '~') return { kind: 'gap' };
  if (part === 'NOT') return { kind: 'negator' };
  const last = part.at(-1);
  const body = last === '*' || last === '-' ? part.slice(0, -1) : part;
  const key = foldKey(body);
  if (key.length === 0 || /[\s*~]/.test(key)) throw new Error(`Bad word "${part}" in lexicon pattern "${source}"`);
  if (last === '*') return { kind: 'stem', key };
  if (last === '-') return { kind: 'negated-stem', key };
  return { kind: 'exact', key };
}

function describeWord(word: PatternWord): string {
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
