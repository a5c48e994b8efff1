import type { CandidateSink } from './candidate.js';
import type { MessageView } from './message-view.js';

// Both run on the folded text (same offsets, lower-case); the look-behinds keep a match from starting
// inside a word, an e-mail address or another URL, so long runs are entered once.
const EXPLICIT_URL = /(?<![\p{L}\p{N}@.\-/])(?:https?:\/\/|www\.)[^\s<>"'’`]+/gu;
const TLD = 'com|net|org|info|biz|io|co|app|dev|shop|store|online|site|xyz|tr|eu|uk|ai|tv|gov|edu|ly|gl';
const BARE_DOMAIN = new RegExp(
  `(?<![\\p{L}\\p{N}@.\\-_/])[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:${TLD})(?:\\.[a-z]{2})?(?![\\p{L}\\p{N}\\-_@])(?:[/?#][^\\s<>"'’\`]*)?`,
  'gu',
);
const HAS_TLD = new RegExp(`\\.(?:${TLD})(?![a-z0-9-])`);
const TRAILING = '.,;:!?"]}>';

/** Where a URL written in prose really ends: before closing punctuation, keeping a balanced ")". */
function trimmedLength(url: string): number {
  const open = url.split('(').length - 1;
  let close = url.split(')').length - 1;
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1] ?? '';
    if (last === ')' && close > open) close -= 1;
    else if (!TRAILING.includes(last)) break;
    end -= 1;
  }
  return end;
}

/** The URL as written with its scheme and host lower-cased; `https://` added when no scheme was written. */
function normalizeUrl(written: string): string {
  const withScheme = /^https?:\/\//i.test(written) ? written : `https://${written}`;
  const hostStart = withScheme.indexOf('//') + 2;
  const hostEnd = withScheme.slice(hostStart).search(/[/?#]/);
  const cut = hostEnd < 0 ? withScheme.length : hostStart + hostEnd;
  return withScheme.slice(0, cut).toLowerCase() + withScheme.slice(cut);
}

function pushUrl(view: MessageView, start: number, matched: number, confidence: number, out: CandidateSink): void {
  const length = trimmedLength(view.text.slice(start, start + matched));
  const written = view.text.slice(start, start + length);
  if (!written.includes('.') || /^(?:https?:\/\/|www\.)$/i.test(written)) return;
  out.push({ type: 'url', start, end: start + length, normalized: normalizeUrl(written), confidence });
}

/** Web addresses: with a scheme, starting "www.", or a bare domain with a common top-level domain. */
export function extractUrls(view: MessageView, out: CandidateSink): void {
  const { folded } = view;
  // Cheap tests first: the full patterns are costly to try at every position of a message without URLs.
  if (folded.includes('http') || folded.includes('www.')) {
    for (const match of folded.matchAll(EXPLICIT_URL)) pushUrl(view, match.index, match[0].length, 0.97, out);
  }
  if (HAS_TLD.test(folded)) {
    for (const match of folded.matchAll(BARE_DOMAIN)) pushUrl(view, match.index, match[0].length, 0.85, out);
  }
}
