import { expect, it } from 'vitest';
import type { CorpusScore } from '../score-corpus.js';

export interface CorpusFloors {
  readonly intentAccuracy: number;
  readonly sentimentAccuracy: number;
  readonly entityMicroF1: number;
}

/** Declares one test per floor; floors catch a broken area, they do not steer tuning. */
export function itMeetsFloors(score: () => CorpusScore, floors: CorpusFloors): void {
  it(`classifies intent with accuracy >= ${floors.intentAccuracy}`, () => {
    expect(score().intent.accuracy).toBeGreaterThanOrEqual(floors.intentAccuracy);
  });
  it(`labels the customer's sentiment with accuracy >= ${floors.sentimentAccuracy}`, () => {
    expect(score().sentiment.accuracy).toBeGreaterThanOrEqual(floors.sentimentAccuracy);
  });
  it(`extracts entities with micro-averaged F1 >= ${floors.entityMicroF1}`, () => {
    expect(score().entities.micro.f1).toBeGreaterThanOrEqual(floors.entityMicroF1);
  });
}

/** How many chats with errors to list under the table: `INVEKTO_EVAL_DETAILS=N`. */
export function detailsFromEnv(): number {
  const details = Number(process.env['INVEKTO_EVAL_DETAILS'] ?? 0);
  return Number.isFinite(details) ? details : 0;
}
