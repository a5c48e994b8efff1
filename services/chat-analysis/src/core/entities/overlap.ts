import type { Candidate } from './candidate.js';

// Ties between equally long spans go to the more specific reading; a bare number always loses because
// every other type explains the same digits better.
const SPECIFICITY: Readonly<Record<Candidate['type'], number>> = {
  void: 11,
  iban: 10,
  email: 9,
  url: 8,
  phone: 7,
  order_number: 6,
  tracking_number: 5,
  money: 4,
  date: 3,
  person: 2,
  number: 0,
};

function outranks(a: Candidate, b: Candidate): number {
  const tierA = a.type === 'number' ? 0 : 1;
  const tierB = b.type === 'number' ? 0 : 1;
  return (
    tierB - tierA ||
    b.end - b.start - (a.end - a.start) ||
    b.confidence - a.confidence ||
    SPECIFICITY[b.type] - SPECIFICITY[a.type] ||
    a.start - b.start
  );
}

/** Index of the first kept span starting at or after `start`; `kept` is sorted and non-overlapping. */
function insertionPoint(kept: readonly Candidate[], start: number): number {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((kept[mid]?.start ?? Infinity) < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Keeps a set of non-overlapping candidates: specific types before numbers, then longer before shorter,
 * then more confident, then more specific. Returns them by start offset, `void` claims dropped.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(outranks);
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    if (candidate.end <= candidate.start) continue;
    const at = insertionPoint(kept, candidate.start);
    const previous = kept[at - 1];
    const next = kept[at];
    if (previous !== undefined && previous.end > candidate.start) continue;
    if (next !== undefined && next.start < candidate.end) continue;
    kept.splice(at, 0, candidate);
  }
  return kept.filter((candidate) => candidate.type !== 'void');
}
