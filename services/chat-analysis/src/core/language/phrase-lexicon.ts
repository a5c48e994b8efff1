import type { Token } from '../types.js';
import { isEnglishNegator } from './negation.js';
import {
  compilePattern,
  describeWord,
  MATCH,
  MAX_GAP,
  matchWord,
  NEGATED_MATCH,
  NO_MATCH,
  type Pattern,
  type PatternWord,
} from './phrase-pattern.js';

export interface PhraseMatch<T> {
  /** Index of the first matched token. */
  readonly start: number;
  /** Index after the last matched token. */
  readonly end: number;
  readonly value: T;
  /** A `stem*` word of the match carries a negative or privative ending. */
  readonly negated: boolean;
}

/**
 * Entries as `[pattern, value]`, in the pattern syntax of PatternWord; patterns may use Turkish letters,
 * they are folded when compiled.
 */
export type PhraseEntries<T> = readonly (readonly [pattern: string, value: T])[];

const CANDIDATE_CACHE_LIMIT = 4096;
// Ordinary text costs a few word tests per token; a message made of nothing but cue words costs a
// hundred. Past this budget a scan stops, so hostile input stays cheap; no real message comes near it.
const MAX_WORD_TESTS = 2500;

/** Patterns share their common leading words, so each is tested once per position however many follow. */
interface TrieNode<T> {
  readonly word: PatternWord;
  readonly children: TrieNode<T>[];
  /** Patterns that end with this node's word. */
  readonly ends: Pattern<T>[];
}

/** The best match found so far at one position. */
interface Best<T> {
  end: number;
  specificity: number;
  pattern: Pattern<T> | undefined;
  negated: number;
}

/**
 * A compiled set of word patterns matched over tokens leftmost-longest without overlap, so a phrase
 * ("hala gelmedi") claims its words before a shorter entry inside it ("gelmedi") can. Among matches of
 * one length the more specific pattern wins, then the one listed first.
 */
export class PhraseLexicon<T> {
  private readonly roots = new Map<string, TrieNode<T>>();
  private readonly exact = new Map<string, TrieNode<T>[]>();
  private readonly stems = new Map<string, TrieNode<T>[]>();
  private readonly negatorRoots: TrieNode<T>[] = [];
  private readonly candidateCache = new Map<string, readonly TrieNode<T>[]>();
  private shortestStem = Number.POSITIVE_INFINITY;
  private longestStem = 0;
  /** No pattern's first word looks further into a key than this. */
  private keyReach = 0;

  constructor(entries: PhraseEntries<T>) {
    const seen = new Set<string>();
    for (const [source, value] of entries) {
      const pattern = compilePattern(source, value);
      if (seen.has(pattern.canonical)) throw new Error(`Duplicate lexicon pattern "${source}"`);
      seen.add(pattern.canonical);
      this.insert(pattern);
    }
  }

  /** Non-overlapping matches, left to right; `breaks[i]` marks a sentence starting at token `i`. */
  matchAll(tokens: readonly Token[], breaks?: readonly boolean[]): PhraseMatch<T>[] {
    const scan = new Scan<T>(tokens, breaks);
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length && scan.budget > 0) {
      const match = this.longestAt(scan, i);
      if (match === undefined) {
        i += 1;
      } else {
        matches.push(match);
        i = match.end;
      }
    }
    return matches;
  }

  private insert(pattern: Pattern<T>): void {
    const [first, ...rest] = pattern.words;
    if (first === undefined) return;
    let node = this.roots.get(describeWord(first));
    if (node === undefined) {
      node = { word: first, children: [], ends: [] };
      this.roots.set(describeWord(first), node);
      this.index(node);
    }
    for (const word of rest) node = childFor(node, word);
    node.ends.push(pattern);
  }

  private index(root: TrieNode<T>): void {
    const first = root.word;
    if (first.kind === 'gap') return;
    if (first.kind === 'negator') {
      this.negatorRoots.push(root);
      return;
    }
    this.keyReach = Math.max(this.keyReach, first.key.length);
    if (first.kind === 'exact') {
      addTo(this.exact, first.key, root);
      return;
    }
    const prefixes = first.kind === 'stem' && first.narrowed !== undefined ? [first.key, first.narrowed] : [first.key];
    for (const prefix of prefixes) {
      addTo(this.stems, prefix, root);
      this.shortestStem = Math.min(this.shortestStem, prefix.length);
      this.longestStem = Math.max(this.longestStem, prefix.length);
    }
  }

  private longestAt(scan: Scan<T>, start: number): PhraseMatch<T> | undefined {
    const token = scan.tokens[start];
    if (token === undefined) return undefined;
    const best: Best<T> = { end: -1, specificity: -1, pattern: undefined, negated: MATCH };
    for (const root of this.candidates(token.key)) {
      const matched = scan.test(root.word, start);
      if (matched !== NO_MATCH) scan.walk(root, start + 1, start, matched, best);
    }
    return best.pattern === undefined
      ? undefined
      : { start, end: best.end, value: best.pattern.value, negated: best.negated === NEGATED_MATCH };
  }

  private candidates(key: string): readonly TrieNode<T>[] {
    // Only the first `keyReach` letters can select a pattern, so longer keys (junk, pasted codes) share
    // one bounded cache entry; the slice is longer than every exact key and matches none of them.
    const probe = key.length > this.keyReach ? key.slice(0, this.keyReach + 1) : key;
    let found = this.candidateCache.get(probe);
    if (found === undefined) {
      const unique = new Set<TrieNode<T>>(this.exact.get(probe));
      const longest = Math.min(this.longestStem, probe.length);
      for (let length = this.shortestStem; length <= longest; length += 1) {
        for (const root of this.stems.get(probe.slice(0, length)) ?? []) unique.add(root);
      }
      found = [...unique];
      if (this.candidateCache.size >= CANDIDATE_CACHE_LIMIT) this.candidateCache.clear();
      this.candidateCache.set(probe, found);
    }
    return this.negatorRoots.length > 0 && isEnglishNegator(key) ? [...found, ...this.negatorRoots] : found;
  }
}

const NUMBER = /^\d+$/;
// Bounds a gap however many numbers it holds.
const MAX_GAP_TOKENS = MAX_GAP + 6;

/** One pass over a message's tokens, with the work it may still spend. */
class Scan<T> {
  budget = MAX_WORD_TESTS;

  constructor(
    readonly tokens: readonly Token[],
    private readonly breaks: readonly boolean[] | undefined,
  ) {}

  /** How `word` meets the token at `index`. */
  test(word: PatternWord, index: number): number {
    const token = this.tokens[index];
    if (token === undefined) return NO_MATCH;
    this.budget -= 1;
    return matchWord(word, token.key);
  }

  /**
   * Having matched `node` up to `next`, records the patterns ending there and follows its children,
   * never past the end of the sentence that `start` is in.
   */
  walk(node: TrieNode<T>, next: number, start: number, negated: number, best: Best<T>): void {
    for (const pattern of node.ends) {
      if (next > best.end || (next === best.end && pattern.specificity > best.specificity)) {
        best.end = next;
        best.specificity = pattern.specificity;
        best.pattern = pattern;
        best.negated = negated;
      }
    }
    for (const child of node.children) {
      if (child.word.kind !== 'gap') {
        this.step(child, next, start, negated, best);
        continue;
      }
      // Numbers inside a gap ("kartımdan 2 kez 459,90 TL çekildi") do not use up its words.
      let words = 0;
      for (let at = next; at <= next + MAX_GAP_TOKENS && this.inSentence(at, start); at += 1) {
        for (const after of child.children) this.step(after, at, start, negated, best);
        if (!NUMBER.test(this.tokens[at]?.key ?? '')) words += 1;
        if (words > MAX_GAP) break;
      }
    }
  }

  private step(node: TrieNode<T>, at: number, start: number, negated: number, best: Best<T>): void {
    if (!this.inSentence(at, start)) return;
    const matched = this.test(node.word, at);
    if (matched !== NO_MATCH) this.walk(node, at + 1, start, negated | matched, best);
  }

  private inSentence(at: number, start: number): boolean {
    return at < this.tokens.length && !(at > start && this.breaks?.[at] === true);
  }
}

function childFor<T>(node: TrieNode<T>, word: PatternWord): TrieNode<T> {
  const description = describeWord(word);
  const existing = node.children.find((child) => describeWord(child.word) === description);
  if (existing !== undefined) return existing;
  const child: TrieNode<T> = { word, children: [], ends: [] };
  node.children.push(child);
  return child;
}

function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}
