import type { CandidateSink } from './candidate.js';
import { findCuedIdentifiers, type IdentifierRule } from './identifier-cues.js';
import type { MessageView } from './message-view.js';

const DIGITS_ONLY = /^\d{6,12}$/;
const ALPHANUMERIC = /^[A-Z0-9]{5,20}$/;

function digitCount(value: string): number {
  let count = 0;
  for (const char of value) if (char >= '0' && char <= '9') count += 1;
  return count;
}

const ORDER_RULE: IdentifierRule = {
  kind: 'order',
  // A bare number after the cue needs 6-12 digits, so "siparişim 3 gündür…" is no order number; a mixed
  // value needs three digits, so a word after the cue is none either.
  accepts: (canonical) =>
    DIGITS_ONLY.test(canonical) ||
    (ALPHANUMERIC.test(canonical) && !/^\d+$/.test(canonical) && digitCount(canonical) >= 3),
};

// Shapes that are order numbers even without a cue: "#123456", "TY-12345678", "SP123456789",
// "ORD-2024-00123". Capital prefixes only: lower-case ones are too often words glued to numbers.
const ORDER_SHAPE =
  /(?<![\p{L}\p{N}#\-/])(?:#\d{5,12}|[A-Z]{2,5}-?\d{6,12}|[A-Z]{2,5}(?:-\d{2,10}){2,3})(?![\p{L}\p{N}]|-[A-Za-z0-9])/gu;

/** Order numbers, uppercase without '#', '-' or spaces, from order cues and from order-number shapes. */
export function extractOrderNumbers(view: MessageView, out: CandidateSink): void {
  if (!view.hasDigits) return;
  findCuedIdentifiers(view, ORDER_RULE, (value) => {
    out.push({
      type: 'order_number',
      start: value.start,
      end: value.end,
      normalized: value.normalized,
      confidence: 0.9,
    });
  });
  for (const match of view.text.matchAll(ORDER_SHAPE)) {
    const normalized = match[0].replace(/^#/, '').toUpperCase();
    const confidence = match[0].startsWith('#') ? 0.8 : 0.7;
    out.push({
      type: 'order_number',
      start: match.index,
      end: match.index + match[0].length,
      normalized,
      confidence,
    });
  }
}
