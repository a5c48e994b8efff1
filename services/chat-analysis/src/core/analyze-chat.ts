import type { AnalysisResult, AnalyzeRequest } from '@invekto/contracts';
import { extractEntities } from './entities/index.js';
import { classifyIntent } from './intent/index.js';
import { prepareMessages } from './prepare-messages.js';
import { analyzeSentiment } from './sentiment/index.js';
import { summarize } from './summary/index.js';

/** Version of the analysers; bump it whenever the output for the same input can change. */
export const ANALYZER_VERSION = '1.0.0';

export interface ChatAnalysis {
  /** Deterministic: the same request always gives byte-identical JSON. */
  readonly data: AnalysisResult;
  /** Time spent per stage; metadata, never part of `data`. */
  readonly timingsMs: Record<string, number>;
}

/**
 * Analyses a chat: entities, sentiment, intent and summary. A pure function of the request — no I/O,
 * no wall clock (relative dates resolve against the messages' own timestamps), no randomness.
 * `now` only measures stage timings.
 */
export function analyzeChat(request: AnalyzeRequest, now: () => number = () => performance.now()): ChatAnalysis {
  const timingsMs: Record<string, number> = {};
  let mark = now();
  const lap = (stage: string) => {
    const current = now();
    timingsMs[stage] = Math.round((current - mark) * 1000) / 1000;
    mark = current;
  };
  const started = mark;

  const { language, messages } = prepareMessages(request);
  lap('prepare');
  const entities = extractEntities(messages);
  lap('entities');
  const sentiment = analyzeSentiment(messages);
  lap('sentiment');
  const intent = classifyIntent(messages, entities);
  lap('intent');
  const summary = summarize(messages, entities, intent, sentiment, language);
  lap('summary');
  timingsMs['total'] = Math.round((mark - started) * 1000) / 1000;

  return {
    data: {
      language,
      messages: messages.map((message) => ({
        index: message.index,
        ...(message.id === undefined ? {} : { id: message.id }),
        role: message.role,
        language: message.language,
        normalizedText: message.normalizedText,
      })),
      entities,
      sentiment,
      intent,
      summary,
    },
    timingsMs,
  };
}
