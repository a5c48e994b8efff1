import type { MessageSentiment, SentimentLabel, SentimentScore } from '@invekto/contracts';
import type { PreparedMessage } from '../types.js';
import { scoreMessage, type MessagePolarity } from './score-message.js';

export interface ChatSentiment {
  readonly overall: SentimentScore;
  readonly messages: MessageSentiment[];
}

// Scores within this distance of 0 are neutral.
const NEUTRAL_BAND = 0.12;
// The customer's state by the end of the chat: each earlier message counts this much less than the next.
const RECENCY_DECAY = 0.45;
// A message with no opinion ("TY123", "tamam") still counts, but little.
const MIN_SALIENCE = 0.15;
const FULL_SALIENCE_EVIDENCE = 0.5;

/**
 * Sentiment of each customer message and of the customer by the end of the chat: later messages weigh
 * more, so an angry start that ends in warm thanks reads positive, and a bare "tamam" after a complaint
 * leaves it less negative than it began. With no customer messages the overall sentiment is read from
 * all messages and the per-message list is empty.
 */
export function analyzeSentiment(messages: readonly PreparedMessage[]): ChatSentiment {
  const customer = messages.filter((message) => message.role === 'customer');
  const scored = (customer.length > 0 ? customer : messages).map((message) => ({
    message,
    polarity: scoreMessage(message),
  }));
  return {
    overall: overallSentiment(scored.map((entry) => entry.polarity)),
    messages:
      customer.length === 0
        ? []
        : scored.map(({ message, polarity }) => ({ messageIndex: message.index, ...toScore(polarity) })),
  };
}

function overallSentiment(polarities: readonly MessagePolarity[]): SentimentScore {
  let weighted = 0;
  let weights = 0;
  let evidence = 0;
  polarities.forEach((polarity, position) => {
    const recency = RECENCY_DECAY ** (polarities.length - 1 - position);
    const salience = MIN_SALIENCE + (1 - MIN_SALIENCE) * Math.min(1, polarity.evidence / FULL_SALIENCE_EVIDENCE);
    weighted += recency * salience * polarity.score;
    weights += recency * salience;
    evidence += polarity.evidence;
  });
  return toScore({ score: weights === 0 ? 0 : weighted / weights, evidence });
}

function toScore(polarity: MessagePolarity): SentimentScore {
  const score = round(Math.max(-1, Math.min(1, polarity.score)), 3);
  const label = labelOf(score);
  return { label, score, confidence: round(confidenceOf(label, score, polarity.evidence), 2) };
}

function labelOf(score: number): SentimentLabel {
  if (score <= -NEUTRAL_BAND) return 'negative';
  if (score >= NEUTRAL_BAND) return 'positive';
  return 'neutral';
}

/**
 * Polar labels grow surer with more evidence and a score further from 0; neutral is surest when the
 * message says nothing either way and least sure when opinions cancel out.
 */
function confidenceOf(label: SentimentLabel, score: number, evidence: number): number {
  if (label === 'neutral') return 0.7 - 0.3 * Math.min(1, evidence);
  return Math.min(0.95, 0.35 + 0.3 * (1 - Math.exp(-1.5 * evidence)) + 0.3 * Math.abs(score));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}
