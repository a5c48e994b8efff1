import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CandidateSink } from './candidate.js';
import { cueAfter, cueBefore, isIdentifierCue } from './identifier-cues.js';
import type { MessageView } from './message-view.js';

// A run of digit groups split by spaces, dots, dashes or an area code in parentheses. Separators are
// never digits, so the groups split one way only and the run is matched in linear time.
const PHONE_RUN = /(?<![\p{L}\p{N}+#/_-])(?:\+\s?)?\(?\d+\)?(?:(?:[ .-]{1,3}|(?<=\)))\(?\d+\)?)*/gu;
const DIGIT_GROUP = /\d+/g;
const MAX_GROUPS_PER_NUMBER = 6;
// libphonenumber is the slow step; a message of junk digits gets a bounded number of tries.
const MAX_PARSES_PER_MESSAGE = 48;

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (const match of run.matchAll(DIGIT_GROUP)) {
    groups.push({ start: offset + match.index, end: offset + match.index + match[0].length, digits: match[0] });
  }
  return groups;
}

/** Digit counts a phone can have: Turkish 10 (532…), 11 (0532…), 12 (90532…), or any E.164 with '+'. */
function plausibleLength(digits: string, international: boolean): boolean {
  if (international) return digits.length >= 8 && digits.length <= 15;
  if (digits.length === 10 || digits.length === 11) return true;
  if (digits.length === 12) return digits.startsWith('90');
  if (digits.length === 7) return digits.startsWith('444');
  return digits.length >= 13 && digits.length <= 14 && digits.startsWith('00');
}

type Verdict = { readonly accept: false } | { readonly accept: true; readonly confidence: number };

/**
 * Context decides what a valid-looking number is: digits right after "sipariş no" or before
 * "numaralı sipariş" are an identifier; "tel", "arayın", "numaram" make even an unformatted run a phone;
 * without a cue only phone-style formatting ("0532 123 45 67", "+90…") does.
 */
function judge(view: MessageView, start: number, end: number, digitCount: number): Verdict {
  const before = cueBefore(view, start);
  const after = cueAfter(view, end);
  if (isIdentifierCue(before) && after !== 'phone') return { accept: false };
  if (isIdentifierCue(after) && before !== 'phone') return { accept: false };
  if (before === 'phone' || before === 'own-number' || after === 'phone') return { accept: true, confidence: 0.95 };
  const written = view.text.slice(start, end);
  const formatted = written.startsWith('+') || /[ .\-()]/.test(written);
  if (!formatted || (digitCount < 10 && !written.startsWith('444'))) return { accept: false };
  return { accept: true, confidence: before === 'filler' ? 0.75 : 0.85 };
}

interface PhoneRun {
  readonly start: number;
  readonly international: boolean;
  readonly groups: readonly Group[];
  /** Digits in groups [0, i) for each i, so a window's length is known before its digits are joined. */
  readonly digitsBefore: readonly number[];
}

function phoneRun(match: RegExpMatchArray & { index: number }): PhoneRun {
  const groups = groupsOf(match[0], match.index);
  const digitsBefore = [0];
  for (const group of groups) digitsBefore.push((digitsBefore[digitsBefore.length - 1] ?? 0) + group.digits.length);
  return { start: match.index, international: match[0].startsWith('+'), groups, digitsBefore };
}

/** The span of groups [first, last], with the parentheses of an area code and the '+' of a country code. */
function spanOf(text: string, run: PhoneRun, first: number, last: number): { start: number; end: number } {
  const firstGroup = run.groups[first];
  const lastGroup = run.groups[last];
  if (firstGroup === undefined || lastGroup === undefined) return { start: 0, end: 0 };
  const start =
    run.international && first === 0
      ? run.start
      : text[firstGroup.start - 1] === '('
        ? firstGroup.start - 1
        : firstGroup.start;
  const closes = text[lastGroup.end] === ')' && text.lastIndexOf('(', lastGroup.end) >= start;
  return { start, end: closes ? lastGroup.end + 1 : lastGroup.end };
}

/**
 * Tries the longest window of groups starting at `first` down to the shortest; returns the index of
 * the last group of the phone found, or -1. `budget.left` counts the libphonenumber calls still allowed.
 */
function longestPhoneFrom(
  view: MessageView,
  run: PhoneRun,
  first: number,
  budget: { left: number },
  out: CandidateSink,
): number {
  const last = Math.min(run.groups.length, first + MAX_GROUPS_PER_NUMBER) - 1;
  for (let end = last; end >= first && budget.left > 0; end -= 1) {
    const count = (run.digitsBefore[end + 1] ?? 0) - (run.digitsBefore[first] ?? 0);
    if (count < 7 || count > 15) continue;
    const plus = run.international && first === 0;
    const digits = run.groups
      .slice(first, end + 1)
      .map((group) => group.digits)
      .join('');
    if (!plausibleLength(digits, plus)) continue;
    const span = spanOf(view.text, run, first, end);
    // Context first: it is cheap, and most digit runs in a support chat are not phones.
    const verdict = judge(view, span.start, span.end, count);
    if (!verdict.accept) continue;
    budget.left -= 1;
    const phone = parsePhoneNumberFromString(plus ? `+${digits}` : digits, 'TR');
    if (phone === undefined || !phone.isValid()) continue;
    out.push({ type: 'phone', ...span, normalized: phone.number, confidence: verdict.confidence });
    return end;
  }
  return -1;
}

/**
 * Phone numbers in E.164 (Turkey by default): 0532 123 45 67, +90 532 123 4567, (0212) 555 12 34,
 * 532-123-45-67. Each run of digit groups is searched for its longest valid number from each group.
 */
export function extractPhones(view: MessageView, out: CandidateSink): void {
  if (!view.hasDigits) return;
  const budget = { left: MAX_PARSES_PER_MESSAGE };
  for (const match of view.text.matchAll(PHONE_RUN)) {
    const run = phoneRun(match);
    for (let first = 0; first < run.groups.length && budget.left > 0;) {
      const last = longestPhoneFrom(view, run, first, budget, out);
      first = last >= 0 ? last + 1 : first + 1;
    }
  }
}
