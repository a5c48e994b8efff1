import type { Token } from '../types.js';

/** A half-open range of UTF-16 offsets into a message's original text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

const CLAUSE_END = new Set([',', ':', '(', ')', '–', '—']);
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

function isSentenceMark(code: number): boolean {
  // . ! ? ; line feed and the ellipsis character
  return code === 46 || code === 33 || code === 63 || code === 59 || code === 10 || code === 0x2026;
}

/**
 * A full stop between two letters or digits is not a sentence end: "1.250,50", "12.03.2024",
 * "www.site.com". Chat writers who omit the space after a full stop lose a split; that is the cheaper
 * mistake.
 */
function endsSentence(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (!isSentenceMark(code)) return false;
  if (code !== 46) return true;
  const before = text[at - 1];
  const after = text[at + 1];
  return !(before !== undefined && after !== undefined && ALPHANUMERIC.test(before) && ALPHANUMERIC.test(after));
}

/** Sentences of a text, trimmed, in order; a run of end marks ("!!!", "?!") stays with its sentence. */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  let at = 0;
  while (at < text.length) {
    if (!endsSentence(text, at)) {
      at += 1;
      continue;
    }
    let end = at + 1;
    while (end < text.length && endsSentence(text, end)) end += 1;
    pushTrimmed(text, start, end, spans);
    start = end;
    at = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, spans: TextSpan[]): void {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from] ?? '')) from += 1;
  while (to > from && /\s/.test(text[to - 1] ?? '')) to -= 1;
  if (to > from) spans.push({ start: from, end: to });
}

// A hyphen inside a word ("e-fatura") joins; only a free-standing one separates clauses.
function endsClause(text: string, at: number, char: string): boolean {
  if (char === '-') return /\s/.test(text[at - 1] ?? ' ') && /\s/.test(text[at + 1] ?? ' ');
  return CLAUSE_END.has(char);
}

/**
 * For each token, whether a sentence (or, with `clauses`, a clause: comma, colon, dash, bracket)
 * ends between it and the token before. Negation and modifiers do not reach across such a break.
 */
export function sentenceBreaks(text: string, tokens: readonly Token[], clauses = false): boolean[] {
  const breaks: boolean[] = new Array<boolean>(tokens.length).fill(false);
  for (let i = 1; i < tokens.length; i += 1) {
    const previous = tokens[i - 1];
    const current = tokens[i];
    if (previous === undefined || current === undefined) continue;
    for (let at = previous.end; at < current.start; at += 1) {
      const char = text[at] ?? '';
      if (endsSentence(text, at) || (clauses && endsClause(text, at, char))) {
        breaks[i] = true;
        break;
      }
    }
  }
  return breaks;
}
