import type { CandidateSink } from './candidate.js';
import { findCuedIdentifiers, type IdentifierRule } from './identifier-cues.js';
import type { MessageView } from './message-view.js';

const TRACKING_VALUE = /^[A-Z0-9]{10,20}$/;

const TRACKING_RULE: IdentifierRule = {
  kind: 'tracking',
  // Carriers' codes are 10-20 characters and mostly digits; five digits keeps words out.
  accepts: (canonical) => TRACKING_VALUE.test(canonical) && canonical.replace(/\D/g, '').length >= 5,
};

// Shapes that are tracking numbers without a cue: UPS "1Z" + 16, and UPU S10 postal items ("RR123456789TR").
const TRACKING_SHAPE = /(?<![\p{L}\p{N}])(?:1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2})(?![\p{L}\p{N}])/gu;

/** Tracking numbers, uppercase without spaces, from carrier and tracking cues and from known shapes. */
export function extractTrackingNumbers(view: MessageView, out: CandidateSink): void {
  if (!view.hasDigits) return;
  findCuedIdentifiers(view, TRACKING_RULE, (value) => {
    out.push({
      type: 'tracking_number',
      start: value.start,
      end: value.end,
      normalized: value.normalized,
      confidence: 0.9,
    });
  });
  for (const match of view.text.matchAll(TRACKING_SHAPE)) {
    const end = match.index + match[0].length;
    out.push({ type: 'tracking_number', start: match.index, end, normalized: match[0], confidence: 0.85 });
  }
}
