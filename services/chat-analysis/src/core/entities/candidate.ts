import type { Entity, EntityType, Money } from '@invekto/contracts';

/**
 * A span an extractor proposes. `type: 'void'` claims a span without reporting it: an IBAN-shaped
 * string with a bad checksum must not leak out as a phone or a number, so it wins the overlap and vanishes.
 */
export interface Candidate {
  readonly type: EntityType | 'void';
  readonly start: number;
  readonly end: number;
  readonly normalized: string | number | Money;
  readonly confidence: number;
}

/** Receives an extractor's candidates; extractors push into one shared array per message. */
export type CandidateSink = Candidate[];

/** Rounds a confidence to the two decimals the contract promises, clamped to [0, 1]. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

export function toEntity(
  candidate: Candidate & { readonly type: EntityType },
  text: string,
  messageIndex: number,
): Entity {
  return {
    type: candidate.type as Entity['type'],
    text: text.slice(candidate.start, candidate.end),
    normalized: candidate.normalized,
    messageIndex,
    start: candidate.start,
    end: candidate.end,
    confidence: roundConfidence(candidate.confidence),
  };
}
