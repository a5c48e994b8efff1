import type { Token } from '../types.js';
import { stemEnd } from './token-scan.js';
import { parseNumeral, type NumeralReading } from './numerals.js';
import { isNumberWord, NumberWordReader, SCALE_WORDS } from './number-words.js';

/** A number as written in a message: digits ("1.250,50", "2 bin") or words ("iki yüz elli"). */
export interface NumericPhrase {
  readonly start: number;
  readonly end: number;
  /** The digits as written; undefined when the number is spelled out. */
  readonly numeral: string | undefined;
  /** The scale written after the digits ("2 bin" → 1000), or the whole value when spelled out. */
  readonly factor: number;
}

// The look-behind keeps digits glued to letters ("A4", "TY123") out, and starts a match only at the
// beginning of a digit run, so a hostile run of digits is scanned once.
const DIGITS = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*/gu;
const SCALE_AFTER = /\s{1,2}(bin|milyon|milyar|thousand|million|billion)(?![\p{L}\p{N}])|(k)(?![\p{L}\p{N}])/uy;
const WORD_GAP = /^(?:\s{1,2}|-)$/;

/** The value of a phrase, reading ambiguous separators as `reading` says; undefined when unreadable. */
export function phraseValue(phrase: NumericPhrase, reading: NumeralReading): number | undefined {
  if (phrase.numeral === undefined) return phrase.factor;
  const value = parseNumeral(phrase.numeral, reading);
  return value === undefined ? undefined : Math.round(value * phrase.factor * 100) / 100;
}

function scanDigits(text: string, folded: string, out: NumericPhrase[]): void {
  for (const match of text.matchAll(DIGITS)) {
    const start = match.index;
    const numeralEnd = start + match[0].length;
    SCALE_AFTER.lastIndex = numeralEnd;
    const scale = SCALE_AFTER.exec(folded);
    const scaleWord = scale?.[1] ?? scale?.[2];
    out.push({
      start,
      end: scale === null ? numeralEnd : SCALE_AFTER.lastIndex,
      numeral: match[0],
      factor: scaleWord === undefined ? 1 : (SCALE_WORDS.get(scaleWord) ?? 1),
    });
  }
}

function scanWords(
  text: string,
  tokens: readonly Token[],
  stems: readonly string[],
  digits: readonly NumericPhrase[],
  out: NumericPhrase[],
): void {
  let digitIndex = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const first = tokens[i];
    if (first === undefined || !isNumberWord(stems[i] ?? '')) continue;
    while ((digits[digitIndex]?.end ?? Infinity) <= first.start) digitIndex += 1;
    if ((digits[digitIndex]?.start ?? Infinity) <= first.start) continue;

    const reader = new NumberWordReader();
    let last = i;
    for (let j = i; j < tokens.length; j += 1) {
      const token = tokens[j];
      const previous = tokens[j - 1];
      if (token === undefined) break;
      if (j > i && (previous === undefined || !WORD_GAP.test(text.slice(stemEnd(previous), token.start)))) break;
      if (j > i && previous !== undefined && stemEnd(previous) !== previous.end) break;
      if (!reader.accept(stems[j] ?? '')) break;
      last = j;
    }
    const lastToken = tokens[last];
    if (lastToken === undefined) continue;
    out.push({ start: first.start, end: stemEnd(lastToken), numeral: undefined, factor: reader.value });
    i = last;
  }
}

/** Every number in the message, in order of appearance; money, dates and plain numbers all start here. */
export function scanNumericPhrases(
  text: string,
  folded: string,
  tokens: readonly Token[],
  stems: readonly string[],
): NumericPhrase[] {
  const digits: NumericPhrase[] = [];
  scanDigits(text, folded, digits);
  const words: NumericPhrase[] = [];
  scanWords(text, tokens, stems, digits, words);
  if (words.length === 0) return digits;
  return [...digits, ...words].sort((a, b) => a.start - b.start);
}
