import { ENTITY_TYPES, INTENT_LABELS } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { analyzeChat } from '../analyze-chat.js';
import { checkCorpus } from './check-corpus.js';
import { evaluateLabelledCorpus } from './evaluate-corpus.js';
import { detailsFromEnv, itMeetsFloors } from './__fixtures__/corpus-floors.js';
import { loadCorpus } from './load-corpus.js';

/**
 * Regression floors, well under what the analysers reach: they catch a change that breaks a whole
 * area (a language, an entity type), not a point lost here and there.
 */
const FLOORS = { intentAccuracy: 0.6, sentimentAccuracy: 0.6, entityMicroF1: 0.6 } as const;

const corpus = loadCorpus();

describe('dev corpus', () => {
  it('is large enough and covers every intent and entity type', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    for (const intent of INTENT_LABELS) {
      expect(corpus.filter((c) => c.labels.intent === intent).length, intent).toBeGreaterThanOrEqual(8);
    }
    const types = new Set(corpus.flatMap((c) => c.labels.entities.map((e) => e.type)));
    expect([...types].sort()).toEqual([...ENTITY_TYPES].sort());
  });

  it('anchors every label in its message and holds only valid IBANs', () => {
    expect(checkCorpus(corpus)).toEqual([]);
  });
});

describe('analyzeChat on the dev corpus', () => {
  const { score, report } = evaluateLabelledCorpus('dev', analyzeChat, { details: detailsFromEnv() });
  console.log(`\n${report}\n`);
  itMeetsFloors(() => score, FLOORS);
});
