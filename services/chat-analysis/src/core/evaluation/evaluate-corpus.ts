import type { AnalyzeRequest } from '@invekto/contracts';
import { formatScoreReport, type ScoreReportOptions } from './format-score-report.js';
import type { ChatPrediction, LabelledChat } from './labelled-chat.js';
import { loadCorpus, type CorpusName } from './load-corpus.js';
import { scoreCorpus, type CorpusScore } from './score-corpus.js';

/** The analyser under evaluation; `analyzeChat` fits. */
export type ChatAnalyzer = (request: AnalyzeRequest) => { readonly data: ChatPrediction };

export interface CorpusEvaluation {
  readonly score: CorpusScore;
  readonly predictions: ReadonlyMap<string, ChatPrediction>;
  /** Wall time spent inside the analyser, all chats together. */
  readonly elapsedMs: number;
}

export interface LabelledCorpusEvaluation extends CorpusEvaluation {
  readonly corpus: readonly LabelledChat[];
  /** The table the corpus tests and the accuracy benchmark print. */
  readonly report: string;
}

/** The request a chat of the corpus is analysed with: its messages only, no language hint. */
export function requestOf(chat: LabelledChat): AnalyzeRequest {
  return { chat: { id: chat.id, messages: chat.chat.messages.map((m) => ({ ...m })) } };
}

export function evaluateCorpus(corpus: readonly LabelledChat[], analyze: ChatAnalyzer): CorpusEvaluation {
  const predictions = new Map<string, ChatPrediction>();
  let elapsedMs = 0;
  for (const chat of corpus) {
    const request = requestOf(chat);
    const started = performance.now();
    let data: ChatPrediction;
    try {
      data = analyze(request).data;
    } catch (error) {
      throw new Error(`analysing ${chat.id} failed`, { cause: error });
    }
    elapsedMs += performance.now() - started;
    predictions.set(chat.id, data);
  }
  return { score: scoreCorpus(corpus, predictions), predictions, elapsedMs };
}

/** Loads a labelled corpus, runs it through the analyser and formats the figures. */
export function evaluateLabelledCorpus(
  name: CorpusName,
  analyze: ChatAnalyzer,
  options: ScoreReportOptions & { readonly corpusDir?: string } = {},
): LabelledCorpusEvaluation {
  const { corpusDir, ...reportOptions } = options;
  const corpus = loadCorpus(name, corpusDir);
  const evaluation = evaluateCorpus(corpus, analyze);
  const perChat = corpus.length === 0 ? 0 : evaluation.elapsedMs / corpus.length;
  const report = [
    formatScoreReport(evaluation.score, reportOptions),
    '',
    `analysis time: ${evaluation.elapsedMs.toFixed(1)} ms in all, ${perChat.toFixed(3)} ms per chat`,
  ].join('\n');
  return { ...evaluation, corpus, report };
}
