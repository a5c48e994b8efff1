import type { Entity, Intent, Language, SentimentScore, Summary } from '@invekto/contracts';
import type { PreparedMessage } from '../types.js';
import { informativeSentences } from './informative-sentences.js';
import { keyPoints } from './key-points.js';

/**
 * An extractive summary: `text` is the customer's most informative sentences as written (all
 * messages' when the customer wrote none), `keyPoints` are short generated lines in the chat's language.
 */
export function summarize(
  messages: readonly PreparedMessage[],
  entities: readonly Entity[],
  intent: Intent,
  sentiment: { readonly overall: SentimentScore },
  language: Language,
): Summary {
  const customer = messages.filter((message) => message.role === 'customer');
  return {
    text: informativeSentences(customer.length > 0 ? customer : messages, entities, intent.label),
    keyPoints: keyPoints(messages, entities, intent, sentiment.overall, language),
  };
}
