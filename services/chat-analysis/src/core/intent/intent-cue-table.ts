import type { IntentLabel } from '@invekto/contracts';
import { PhraseLexicon, type PhraseEntries } from '../language/index.js';

/** Cue phrases grouped by the intent they point to, each with its weight. */
export type IntentCueTable = Readonly<Partial<Record<IntentLabel, PhraseEntries<number>>>>;

/** What one matched cue says: a weight for each intent it points to. */
export type IntentWeights = ReadonlyMap<IntentLabel, number>;

/**
 * Compiles cue tables into one lexicon. A phrase listed under several intents becomes one entry with
 * a weight for each, so it is matched once and counts for all of them; a phrase listed twice under
 * the same intent is a data error.
 */
export function compileIntentCues(tables: readonly IntentCueTable[]): PhraseLexicon<IntentWeights> {
  const merged = new Map<string, Map<IntentLabel, number>>();
  for (const table of tables) {
    for (const [label, entries] of Object.entries(table) as [IntentLabel, PhraseEntries<number>][]) {
      for (const [pattern, weight] of entries) {
        const key = pattern.trim().replace(/\s+/g, ' ');
        const weights = merged.get(key) ?? new Map<IntentLabel, number>();
        if (weights.has(label)) throw new Error(`Intent cue "${pattern}" is listed twice under ${label}`);
        weights.set(label, weight);
        merged.set(key, weights);
      }
    }
  }
  return new PhraseLexicon<IntentWeights>([...merged]);
}
