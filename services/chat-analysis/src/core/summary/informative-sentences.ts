import type { Entity, EntityType, IntentLabel } from '@invekto/contracts';
import { findIntentCues, type IntentCue } from '../intent/index.js';
import { sentenceSpans, type TextSpan } from '../language/index.js';
import type { PreparedMessage } from '../types.js';
import { clipText, collapseSpaces } from './clip-text.js';

interface Candidate {
  /** Position of the message in the pool, then of the sentence in the message: the reading order. */
  readonly order: number;
  readonly text: string;
  readonly score: number;
}

const MAX_CHARS = 300;
const MAX_SENTENCES = 3;
// Bounds the work on long chats and pasted text; the purpose is stated early.
const MAX_MESSAGES = 30;
const MAX_SENTENCES_PER_MESSAGE = 12;
// A cue for the chat's intent counts fully, a cue for another intent a little (it is still detail).
const OTHER_INTENT_SHARE = 0.3;
const ENTITY_WEIGHTS: Readonly<Partial<Record<EntityType, number>>> = {
  order_number: 1,
  tracking_number: 1,
  money: 1,
  date: 0.6,
  iban: 0.4,
  number: 0.3,
};
const MAX_ENTITY_SCORE = 2;
const FIRST_MESSAGE_BONUS = 0.6;
const FIRST_SENTENCE_BONUS = 0.2;
// A sentence with words but no cue or entity may still describe the problem ("ekran çatlaktı").
const CONTENT_SCORE = 0.4;
const MIN_CONTENT_WORDS = 4;
const MAX_COURTESY_WORDS = 6;
const SHORT_SENTENCE_PENALTY = 0.5;
const LONG_SENTENCE_WORDS = 40;
// Extra sentences join the first only when they carry real information.
const MIN_EXTRA_SCORE = 0.8;
const MIN_EXTRA_SHARE = 0.35;
const TRIMMED_LEAD = /^[\s,.;:!?-]+/u;

/**
 * The one to three customer sentences that best state the case, in their original order and within
 * about 300 characters. Sentences are ranked by intent cues (the chat's intent counting most), key
 * entities and position; greetings and thanks alone never qualify.
 */
export function informativeSentences(
  pool: readonly PreparedMessage[],
  entities: readonly Entity[],
  intent: IntentLabel,
): string {
  const byMessage = new Map<number, Entity[]>();
  for (const entity of entities) {
    const list = byMessage.get(entity.messageIndex);
    if (list === undefined) byMessage.set(entity.messageIndex, [entity]);
    else list.push(entity);
  }
  const candidates: Candidate[] = [];
  let substantive = 0;
  pool.slice(0, MAX_MESSAGES).forEach((message, position) => {
    const found = scoreSentences(message, byMessage.get(message.index) ?? [], intent, position, substantive);
    if (found.length > 0) substantive += 1;
    candidates.push(...found);
  });
  return compose(candidates);
}

function scoreSentences(
  message: PreparedMessage,
  own: readonly Entity[],
  intent: IntentLabel,
  position: number,
  substantiveBefore: number,
): Candidate[] {
  const cues = findIntentCues(message);
  const candidates: Candidate[] = [];
  sentenceSpans(message.text)
    .slice(0, MAX_SENTENCES_PER_MESSAGE)
    .forEach((span, index) => {
      const inside = cues.filter((cue) => cue.start >= span.start && cue.start < span.end);
      const start = skipLeadingGreeting(message.text, span, inside);
      const words = message.tokens.filter((token) => token.start >= start && token.start < span.end).length;
      const cueScore = intentCueScore(inside, intent);
      const entityScore = Math.min(
        MAX_ENTITY_SCORE,
        own
          .filter((entity) => entity.start >= span.start && entity.start < span.end)
          .reduce((sum, entity) => sum + (ENTITY_WEIGHTS[entity.type] ?? 0), 0),
      );
      if (words === 0) return;
      if (cueScore === 0 && entityScore === 0 && (words < MIN_CONTENT_WORDS || isCourtesy(inside, words))) return;
      const score =
        cueScore +
        entityScore +
        (cueScore === 0 && entityScore === 0 ? CONTENT_SCORE : 0) +
        FIRST_MESSAGE_BONUS / (1 + substantiveBefore) +
        (index === 0 ? FIRST_SENTENCE_BONUS : 0) -
        (words < 3 || words > LONG_SENTENCE_WORDS ? SHORT_SENTENCE_PENALTY : 0);
      candidates.push({
        order: position * MAX_SENTENCES_PER_MESSAGE + index,
        text: collapseSpaces(message.text.slice(start, span.end)),
        score,
      });
    });
  return candidates;
}

function intentCueScore(cues: readonly IntentCue[], intent: IntentLabel): number {
  let score = 0;
  for (const cue of cues) {
    for (const [label, weight] of cue.weights) {
      if (label === intent) score += weight;
      else if (label !== 'greeting_thanks') score += weight * OTHER_INTENT_SHARE;
    }
  }
  return score;
}

/** Only greetings and thanks, with a few words around them: "Teşekkür ederim, iyi günler dilerim". */
function isCourtesy(cues: readonly IntentCue[], words: number): boolean {
  return cues.length > 0 && words <= MAX_COURTESY_WORDS && cues.every(isGreeting);
}

function isGreeting(cue: IntentCue): boolean {
  return [...cue.weights.keys()].every((label) => label === 'greeting_thanks');
}

/** "Merhaba, siparişim nerede?" reads better in a summary as "siparişim nerede?". */
function skipLeadingGreeting(text: string, span: TextSpan, cues: readonly IntentCue[]): number {
  let start = span.start;
  for (const cue of cues) {
    if (!isGreeting(cue) || cue.start !== start) break;
    const rest = text.slice(cue.end, span.end);
    start = cue.end + (TRIMMED_LEAD.exec(rest)?.[0].length ?? 0);
  }
  return start;
}

function compose(candidates: readonly Candidate[]): string {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.order - b.order);
  const best = ranked[0];
  if (best === undefined) return '';
  const chosen: Candidate[] = [best];
  let length = best.text.length;
  const threshold = Math.max(MIN_EXTRA_SCORE, best.score * MIN_EXTRA_SHARE);
  for (const candidate of ranked.slice(1)) {
    if (chosen.length >= MAX_SENTENCES || candidate.score < threshold) break;
    if (length + 1 + candidate.text.length > MAX_CHARS) continue;
    chosen.push(candidate);
    length += 1 + candidate.text.length;
  }
  const text = chosen
    .sort((a, b) => a.order - b.order)
    .map((candidate) => candidate.text)
    .join(' ');
  return clipText(text, MAX_CHARS);
}
