import type { Token } from '../types.js';
import { foldKey } from './fold-key.js';

// Words keep an apostrophe suffix ("Ahmet'in", "TL'ye") so Turkish case endings stay attached.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Splits text into word tokens with offsets; a regex split is ~100x faster than Intl.Segmenter here. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ text: match[0], start, end: start + match[0].length, key: foldKey(match[0]) });
  }
  return tokens;
}
