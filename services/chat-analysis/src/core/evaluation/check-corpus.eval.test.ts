import { describe, expect, it } from 'vitest';
import { analyzeChat } from '../analyze-chat.js';
import { checkCorpus, type CorpusRequirements } from './check-corpus.js';
import { loadCheckCorpus } from './check-corpus/load-check-corpus.js';
import { evaluateCorpus } from './evaluate-corpus.js';
import { formatScoreReport } from './format-score-report.js';

/**
 * The check corpus (see check-corpus/README.md) estimates how the analysers do on chats they were
 * not developed against. Only its soundness is asserted, plus floors low enough to catch a broken
 * analyser, not to steer one: never tune the analysers on these chats.
 */
const TITLE = "Check corpus (independent of the analysers' development)";
const REQUIREMENTS: CorpusRequirements = { minChats: 80, minChatsPerIntent: 4 };
const FLOORS = { intentAccuracy: 0.5, sentimentAccuracy: 0.5, entityMicroF1: 0.5 } as const;

const corpus = loadCheckCorpus();

describe('check corpus', () => {
  it('covers every intent and entity type, anchors every label and holds only valid IBANs', () => {
    expect(checkCorpus(corpus, REQUIREMENTS)).toEqual([]);
  });
});

describe('analyzeChat on the check corpus', () => {
  const { score, elapsedMs } = evaluateCorpus(corpus, analyzeChat);
  const details = Number(process.env['INVEKTO_EVAL_DETAILS'] ?? 0);
  const perChat = corpus.length === 0 ? 0 : elapsedMs / corpus.length;
  console.log(
    [
      '',
      formatScoreReport(score, { title: TITLE, details: Number.isFinite(details) ? details : 0 }),
      '',
      `analysis time: ${elapsedMs.toFixed(1)} ms in all, ${perChat.toFixed(3)} ms per chat`,
      '',
    ].join('\n'),
  );

  it(`classifies intent with accuracy >= ${FLOORS.intentAccuracy}`, () => {
    expect(score.intent.accuracy).toBeGreaterThanOrEqual(FLOORS.intentAccuracy);
  });

  it(`labels the customer's sentiment with accuracy >= ${FLOORS.sentimentAccuracy}`, () => {
    expect(score.sentiment.accuracy).toBeGreaterThanOrEqual(FLOORS.sentimentAccuracy);
  });

  it(`extracts entities with micro-averaged F1 >= ${FLOORS.entityMicroF1}`, () => {
    expect(score.entities.micro.f1).toBeGreaterThanOrEqual(FLOORS.entityMicroF1);
  });
});
