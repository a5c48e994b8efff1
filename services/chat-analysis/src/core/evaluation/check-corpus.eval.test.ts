import { describe, expect, it } from 'vitest';
import { analyzeChat } from '../analyze-chat.js';
import { checkCorpus, type CorpusRequirements } from './check-corpus.js';
import { loadCorpus } from './load-corpus.js';
import { evaluateLabelledCorpus } from './evaluate-corpus.js';
import { detailsFromEnv, itMeetsFloors } from './__fixtures__/corpus-floors.js';

/**
 * The check corpus (see check-corpus/README.md) estimates how the analysers do on chats they were
 * not developed against. Only its soundness is asserted, plus floors low enough to catch a broken
 * analyser, not to steer one: never tune the analysers on these chats.
 */
const TITLE = "Check corpus (independent of the analysers' development)";
const REQUIREMENTS: CorpusRequirements = { minChats: 80, minChatsPerIntent: 4 };
const FLOORS = { intentAccuracy: 0.5, sentimentAccuracy: 0.5, entityMicroF1: 0.5 } as const;

const corpus = loadCorpus('check');

describe('check corpus', () => {
  it('covers every intent and entity type, anchors every label and holds only valid IBANs', () => {
    expect(checkCorpus(corpus, REQUIREMENTS)).toEqual([]);
  });
});

describe('analyzeChat on the check corpus', () => {
  const { score, report } = evaluateLabelledCorpus('check', analyzeChat, { title: TITLE, details: detailsFromEnv() });
  console.log(`\n${report}\n`);
  itMeetsFloors(() => score, FLOORS);
});
