import type { Token } from '../types.js';

const APOSTROPHE = /['’]/;

/** Where a token's stem ends: before an apostrophe suffix ("Ahmet'in" → after "Ahmet"). */
export function stemEnd(token: Token): number {
  const apostrophe = token.text.search(APOSTROPHE);
  return apostrophe < 0 ? token.end : token.start + apostrophe;
}

/** The token's lookup key without an apostrophe suffix ("ahmet'in" → "ahmet"). */
export function stemKey(token: Token): string {
  const apostrophe = token.key.search(APOSTROPHE);
  return apostrophe < 0 ? token.key : token.key.slice(0, apostrophe);
}

/** Index of the last token ending at or before `offset`, or -1. */
export function tokenBefore(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((tokens[mid]?.end ?? Infinity) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** Index of the first token starting at or after `offset`, or tokens.length. */
export function tokenFrom(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((tokens[mid]?.start ?? Infinity) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\n' || char === '\t' || char === '\u00a0';
const isLetter = (char: string | undefined): boolean => char !== undefined && /\p{L}/u.test(char);

/** A dot after a short word is an abbreviation ("Tel. 0532…", "No. 123"), not a sentence end. */
function isAbbreviationDot(text: string, dot: number): boolean {
  let letters = 0;
  while (letters < 4 && isLetter(text[dot - letters - 1])) letters += 1;
  return letters >= 1 && letters <= 3;
}

/** True when the text between two offsets ends a clause, so a cue on one side does not reach the other. */
export function breaksClause(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const char = text[i];
    if (char === '!' || char === '?' || char === ';' || char === '\n' || char === '\r') return true;
    if (char === ',' && isSpace(text[i + 1])) return true;
    if (char === '.' && isSpace(text[i + 1]) && !isAbbreviationDot(text, i)) return true;
  }
  return false;
}

/** True when only spaces (at most `max` characters) separate two offsets. */
export function onlySpacesBetween(text: string, from: number, to: number, max = 2): boolean {
  if (to - from < 1 || to - from > max) return false;
  for (let i = from; i < to; i += 1) if (text[i] !== ' ' && text[i] !== '\u00a0') return false;
  return true;
}
