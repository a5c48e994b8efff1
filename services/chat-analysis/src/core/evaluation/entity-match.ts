import type { LabelledEntity, NormalizedValue, PredictedEntity } from './labelled-chat.js';

export interface EntityMatch<P extends PredictedEntity = PredictedEntity> {
  readonly matched: readonly { readonly predicted: P; readonly label: LabelledEntity }[];
  /** Predictions that matched no label. */
  readonly spurious: readonly P[];
  /** Labels that no prediction matched. */
  readonly missed: readonly LabelledEntity[];
}

/**
 * Deep equality of normalised values. Strings compare exactly (the corpus already holds the
 * canonical form), numbers and money amounts with a relative tolerance only wide enough to absorb
 * floating-point noise (`0.1 + 0.2`), and money also by currency. A string never equals a number.
 */
export function sameNormalized(a: NormalizedValue, b: NormalizedValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && closeEnough(a, b);
  }
  return a.currency === b.currency && closeEnough(a.amount, b.amount);
}

function closeEnough(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Pairs predictions with labels of one chat. A prediction matches a label with the same `type`,
 * `messageIndex` and normalised value; each label is matched at most once, so a duplicated
 * prediction counts once as a hit and once as spurious. Match equality is an equivalence, so taking
 * the first free label in order is already a maximum matching.
 */
export function matchEntities<P extends PredictedEntity>(
  predicted: readonly P[],
  labels: readonly LabelledEntity[],
): EntityMatch<P> {
  const free = new Set(labels.keys());
  const matched: { predicted: P; label: LabelledEntity }[] = [];
  const spurious: P[] = [];
  for (const prediction of predicted) {
    let hit: number | undefined;
    for (const i of free) {
      const label = labels[i];
      if (
        label !== undefined &&
        label.type === prediction.type &&
        label.messageIndex === prediction.messageIndex &&
        sameNormalized(label.normalized, prediction.normalized)
      ) {
        hit = i;
        break;
      }
    }
    if (hit === undefined) {
      spurious.push(prediction);
    } else {
      free.delete(hit);
      matched.push({ predicted: prediction, label: labels[hit] as LabelledEntity });
    }
  }
  const missed = [...free].flatMap((i) => labels[i] ?? []);
  return { matched, spurious, missed };
}
