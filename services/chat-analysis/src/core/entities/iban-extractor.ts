import { countrySpecs, isValidIBAN } from 'ibantools';
import type { CandidateSink } from './candidate.js';
import type { MessageView } from './message-view.js';

// Country code and check digits, then alphanumerics in any grouping of single spaces
// ("TR33 0006 1005 …" or unspaced). Each step consumes one character, so matching is linear.
const IBAN_SHAPE = /(?<![\p{L}\p{N}])[A-Z]{2} ?\d{2}(?: ?[A-Z0-9]){10,32}/giu;

/** Offsets of the first `length` alphanumerics of a match, skipping spaces. */
function compact(text: string, start: number, length: number): { value: string; end: number } | undefined {
  let value = '';
  let index = start;
  while (value.length < length && index < text.length) {
    const char = text[index] ?? '';
    if (char !== ' ') value += char.toUpperCase();
    index += 1;
  }
  return value.length === length ? { value, end: index } : undefined;
}

function bbanPattern(country: string): RegExp | undefined {
  const source = countrySpecs[country]?.bban_regexp;
  return source === undefined ? undefined : new RegExp(source);
}

const BBAN_PATTERNS = new Map<string, RegExp | undefined>();

function bbanShape(country: string): RegExp | undefined {
  if (!BBAN_PATTERNS.has(country)) BBAN_PATTERNS.set(country, bbanPattern(country));
  return BBAN_PATTERNS.get(country);
}

/**
 * IBANs, checksum-validated, as uppercase without spaces. A string shaped exactly like one country's
 * IBAN but with a bad checksum is a mistyped IBAN: it is claimed (`void`) so that its digits do not
 * come out as a phone or a number either.
 */
export function extractIbans(view: MessageView, out: CandidateSink): void {
  if (!view.hasDigits) return;
  const { text } = view;
  for (const match of text.matchAll(IBAN_SHAPE)) {
    const country = match[0].slice(0, 2).toUpperCase();
    const length = countrySpecs[country]?.chars;
    if (length === undefined) continue;
    const iban = compact(text, match.index, length);
    if (iban === undefined || /[\p{L}\p{N}]/u.test(text[iban.end] ?? '')) continue;
    if (isValidIBAN(iban.value)) {
      out.push({ type: 'iban', start: match.index, end: iban.end, normalized: iban.value, confidence: 0.99 });
    } else if (bbanShape(country)?.test(iban.value.slice(4)) === true) {
      out.push({ type: 'void', start: match.index, end: iban.end, normalized: iban.value, confidence: 1 });
    }
  }
}
