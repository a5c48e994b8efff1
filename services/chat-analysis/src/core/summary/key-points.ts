import type { Entity, EntityType, Intent, Language, Money, SentimentScore } from '@invekto/contracts';
import { PhraseLexicon, sentenceBreaks, sentenceSpans } from '../language/index.js';
import type { PreparedMessage } from '../types.js';
import { clipText, collapseSpaces } from './clip-text.js';
import { AGENT_PROMISES, KEY_POINT_WORDING } from './summary-phrases.js';

const PROMISE_LEXICON = new PhraseLexicon<number>(AGENT_PROMISES);
const MAX_VALUES_PER_POINT = 3;
const MAX_PROMISE_CHARS = 160;
const MAX_TOKENS = 400;

/**
 * Short lines in the chat's language: the topic, the customer's sentiment, the key identifiers,
 * amounts and dates, and the agent's latest commitment when one is stated.
 */
export function keyPoints(
  messages: readonly PreparedMessage[],
  entities: readonly Entity[],
  intent: Intent,
  sentiment: SentimentScore,
  language: Language,
): string[] {
  const wording = KEY_POINT_WORDING[language];
  const points = [
    `${wording.topic}: ${wording.intents[intent.label]}`,
    `${wording.sentiment}: ${wording.sentiments[sentiment.label]}`,
  ];
  const values = (type: EntityType, format: (entity: Entity) => string | undefined) =>
    distinct(entities.filter((entity) => entity.type === type).map(format));
  pushPoint(points, wording.orderNumber, values('order_number', plainValue));
  pushPoint(points, wording.trackingNumber, values('tracking_number', plainValue));
  pushPoint(
    points,
    wording.amount,
    values('money', (entity) => formatMoney(entity.normalized, language)),
  );
  pushPoint(
    points,
    wording.date,
    values('date', (entity) => formatDate(entity.normalized, language)),
  );
  const promise = agentPromise(messages);
  if (promise !== undefined) points.push(`${wording.agent}: ${promise}`);
  return points;
}

function pushPoint(points: string[], label: string, values: readonly string[]): void {
  if (values.length > 0) points.push(`${label}: ${values.slice(0, MAX_VALUES_PER_POINT).join(', ')}`);
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
}

function plainValue(entity: Entity): string | undefined {
  const { normalized } = entity;
  return typeof normalized === 'object' ? undefined : String(normalized);
}

/** "1.250,50 TRY" in Turkish, "1,250.50 TRY" in English; whole amounts without decimals. */
function formatMoney(normalized: Entity['normalized'], language: Language): string | undefined {
  if (typeof normalized !== 'object') return undefined;
  const { amount, currency }: Money = normalized;
  if (!Number.isFinite(amount)) return undefined;
  const [whole = '0', fraction = '00'] = Math.abs(amount).toFixed(2).split('.');
  const [group, decimal] = language === 'tr' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  const sign = amount < 0 ? '-' : '';
  return `${sign}${grouped}${fraction === '00' ? '' : `${decimal}${fraction}`} ${currency}`;
}

/** "07.03.2025" in Turkish, ISO "2025-03-07" in English. */
function formatDate(normalized: Entity['normalized'], language: Language): string | undefined {
  if (typeof normalized !== 'string') return undefined;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(normalized);
  if (parts === null || language === 'en') return normalized;
  return `${parts[3]}.${parts[2]}.${parts[1]}`;
}

/**
 * The agent's most recent stated commitment: in the latest agent message that makes one, its
 * strongest promise sentence. Bot messages count only when no agent wrote.
 */
function agentPromise(messages: readonly PreparedMessage[]): string | undefined {
  const agents = messages.filter((message) => message.role === 'agent');
  const speakers = agents.length > 0 ? agents : messages.filter((message) => message.role === 'bot');
  for (let i = speakers.length - 1; i >= 0; i -= 1) {
    const message = speakers[i];
    if (message === undefined) continue;
    const sentence = strongestPromise(message);
    if (sentence !== undefined) return sentence;
  }
  return undefined;
}

function strongestPromise(message: PreparedMessage): string | undefined {
  const tokens = message.tokens.length > MAX_TOKENS ? message.tokens.slice(0, MAX_TOKENS) : message.tokens;
  const matches = PROMISE_LEXICON.matchAll(tokens, sentenceBreaks(message.text, tokens));
  if (matches.length === 0) return undefined;
  let best: { text: string; weight: number } | undefined;
  for (const span of sentenceSpans(message.text)) {
    let weight = 0;
    for (const match of matches) {
      const offset = tokens[match.start]?.start ?? -1;
      if (offset >= span.start && offset < span.end) weight += match.value;
    }
    if (weight > 0 && (best === undefined || weight > best.weight)) {
      best = { text: collapseSpaces(message.text.slice(span.start, span.end)), weight };
    }
  }
  return best === undefined ? undefined : clipText(best.text, MAX_PROMISE_CHARS);
}
