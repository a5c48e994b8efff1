import type { CandidateSink } from './candidate.js';
import type { MessageView } from './message-view.js';

const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}/u;
// RFC 5321 limits; they also bound the work per '@' so a hostile "a@a@a@…" stays linear.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/** Start of the local part before an '@' at `at`, or -1 when there is none. */
function localStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1] ?? '')) start -= 1;
  while (start < at && text[start] === '.') start += 1;
  return start < at && text[at - 1] !== '.' ? start : -1;
}

/**
 * E-mail addresses, found from each '@' outwards rather than by one big pattern, which would rescan
 * long runs of letters from every position. Normalised to lower case.
 */
export function extractEmails(view: MessageView, out: CandidateSink): void {
  const { text } = view;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const start = localStart(text, at);
    if (start < 0) continue;
    const domain = DOMAIN.exec(text.slice(at + 1, at + 1 + MAX_DOMAIN));
    if (domain === null) continue;
    const end = at + 1 + domain[0].length;
    if (/[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
    out.push({ type: 'email', start, end, normalized: text.slice(start, end).toLowerCase(), confidence: 0.98 });
    at = end - 1;
  }
}
