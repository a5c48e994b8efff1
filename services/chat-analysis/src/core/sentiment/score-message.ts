import type { Language } from '@invekto/contracts';
import { hasNegativeVerbEnding, isEnglishNegator, sentenceBreaks, type PhraseMatch } from '../language/index.js';
import type { PreparedMessage, Token } from '../types.js';
import { POLARITY_LEXICON, type Polarity } from './sentiment-lexicon.js';
import {
  EMOJI_POLARITY,
  EMOTICON_POLARITY,
  INTENSITY,
  LIGHT_VERB_STEMS,
  NEGATION_PARTICLES,
  PERSISTENCE,
  POST_NEGATORS,
  POST_NEGATOR_STEM,
  UNMET_EXPECTATION,
} from './sentiment-cues.js';

/** The sentiment of one message before rounding. */
export interface MessagePolarity {
  /** In [-1, 1]. */
  readonly score: number;
  /** Sum of the absolute contributions: how much the message said, in whichever direction. */
  readonly evidence: number;
}

// Hostile or pasted messages: opinion shows early, and the cost must stay bounded.
const MAX_TOKENS = 400;
const MAX_SCANNED_CHARS = 2000;
// How far an English negator reaches forward, a Turkish one ("değil", "olmadı") back across particles,
// a modifier forward.
const NEGATOR_REACH = 3;
const POST_NEGATOR_REACH = 3;
const MODIFIER_REACH = 2;
const MAX_INTENSITY = 2.2;
const MAX_CONTRIBUTION = 1.6;
// Negated praise is nearly as strong as the complaint it becomes; a negated complaint ("fena değil",
// "not bad") is only mild praise.
const NEGATED_PRAISE = -0.8;
const NEGATED_COMPLAINT = -0.45;
const CAPS_BOOST = 1.25;
const EXCLAMATION_STEP = 0.08;
const MAX_EXCLAMATIONS = 3;
const QUESTION_RUN = -0.15;
const SHOUTING = -0.2;
const SHOUTED_COMPLAINT = 1.3;
const MIN_SHOUTED_LETTERS = 10;
const SHOUTED_SHARE = 0.8;
const EMOJI_CAP = 1.5;
// Thanks inside a message that also complains is formulaic ("kırık geldi, teşekkürler").
const COMPLAINT_FLOOR = -0.3;
const COURTESY_IN_COMPLAINT = 0.2;
// Praise beside a complaint is a concession ("ürün güzel ama kargo berbat"), not the message's point.
const PRAISE_IN_COMPLAINT = 0.5;
// "harika(!) hizmet": praise marked as ironic.
const IRONY_MARK = /^\s*\(\s*[!?]/;
// "Kaliteli mi?", "is it good?": praise inside a question is asked about, not given.
const QUESTION_PARTICLE = /^m[iu](?:s[iu]n(?:[iu]z)?|y[iu]m|y[iu]z|d[iu]r)?$/;
const QUESTION_LOOKAHEAD = 200;
const SENTENCE_MARKS = new Set(['.', '!', '?', '\n', '…']);
// score = sum / sqrt(sum² + SATURATION): one strong word gives about ±0.65, several approach ±1.
const SATURATION = 1.2;

const PICTOGRAPH = /\p{Extended_Pictographic}/gu;
const QUESTION_RUNS = /\?{2,}|\?!|!\?/;
const EMOTICONS = compileEmoticons([...EMOTICON_POLARITY.keys()]);

/** Scores one message from its words, negations, modifiers, emoji and punctuation. */
export function scoreMessage(message: PreparedMessage): MessagePolarity {
  const tokens = message.tokens.length > MAX_TOKENS ? message.tokens.slice(0, MAX_TOKENS) : message.tokens;
  const text = message.text.length > MAX_SCANNED_CHARS ? message.text.slice(0, MAX_SCANNED_CHARS) : message.text;
  const breaks = sentenceBreaks(message.text, tokens, true);
  const matches = POLARITY_LEXICON.matchAll(tokens, breaks);
  const covered = new Uint8Array(tokens.length);
  for (const match of matches) covered.fill(1, match.start, match.end);
  const shouting = isShouting(text);
  const context: ScopeContext = { text: message.text, tokens, breaks, covered, language: message.language };

  let negative = 0;
  let positive = 0;
  let courtesy = 0;
  for (const match of matches) {
    const value = contribution(match, context, !shouting);
    if (match.value.kind === 'courtesy') courtesy += value;
    else if (value < 0) negative += value;
    else positive += value;
  }
  const emoji = emojiPolarity(text);
  if (emoji < 0) negative += emoji;
  else positive += emoji;

  if (QUESTION_RUNS.test(text) && positive === 0) negative += QUESTION_RUN;
  if (shouting) {
    negative *= SHOUTED_COMPLAINT;
    if (positive === 0 && courtesy === 0) negative += SHOUTING;
  }
  if (negative <= COMPLAINT_FLOOR) {
    courtesy *= COURTESY_IN_COMPLAINT;
    positive *= PRAISE_IN_COMPLAINT;
  }
  const exclamation = 1 + EXCLAMATION_STEP * Math.min(MAX_EXCLAMATIONS, countExclamations(text));
  const total = (negative + positive) * exclamation + courtesy;
  return { score: total / Math.sqrt(total * total + SATURATION), evidence: -negative + positive + courtesy };
}

interface ScopeContext {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly breaks: readonly boolean[];
  /** 1 for tokens inside some lexicon match; negators and modifiers do not reach across them. */
  readonly covered: Uint8Array;
  readonly language: Language;
}

function contribution(match: PhraseMatch<Polarity>, context: ScopeContext, boostCaps: boolean): number {
  const { weight, kind } = match.value;
  if (kind === 'formula') return 0;
  if (kind === 'courtesy') return weight;
  let negations = match.negated ? 1 : 0;
  if (hasNegatorBefore(match.start, context)) negations += 1;
  // "İade değil, değişim istiyorum" contrasts rather than complains; expectations go unmet only by
  // a negated verb or "yok".
  if (hasNegatorAfter(match.end, context, kind !== 'expectation')) negations += 1;
  let value = negations % 2 === 1 ? negate(match.value) : weight;
  if (value === 0) return 0;
  if (value > 0 && isIronic(match.end, context)) value = -value;
  if (value > 0 && isAsked(match.end, context)) return 0;
  value *= intensity(match.start, context, value < 0);
  if (boostCaps && isCapitalised(context.tokens, match)) value *= CAPS_BOOST;
  return Math.max(-MAX_CONTRIBUTION, Math.min(MAX_CONTRIBUTION, value));
}

function negate({ weight, kind }: Polarity): number {
  if (kind === 'expectation') return UNMET_EXPECTATION;
  return weight * (weight > 0 ? NEGATED_PRAISE : NEGATED_COMPLAINT);
}

/** The free tokens just before `start`, nearest first, stopping at a clause break or another match. */
function* scopeBefore(start: number, reach: number, context: ScopeContext): Generator<Token> {
  for (let k = start - 1; k >= 0 && k >= start - reach; k -= 1) {
    if (context.breaks[k + 1] === true || context.covered[k] === 1) return;
    const token = context.tokens[k];
    if (token !== undefined) yield token;
  }
}

function hasNegatorBefore(start: number, context: ScopeContext): boolean {
  for (const token of scopeBefore(start, NEGATOR_REACH, context)) {
    // "no" is Turkish shorthand for "numara" ("sipariş no 123 gelmedi").
    if (token.key === 'no' && context.language === 'tr') continue;
    if (isEnglishNegator(token.key)) return true;
  }
  return false;
}

function hasNegatorAfter(end: number, context: ScopeContext, acceptDegil: boolean): boolean {
  for (let k = end; k < context.tokens.length && k < end + POST_NEGATOR_REACH; k += 1) {
    if (context.breaks[k] === true || context.covered[k] === 1) return false;
    const key = context.tokens[k]?.key ?? '';
    if (NEGATION_PARTICLES.has(key)) continue;
    return POST_NEGATORS.has(key) || (acceptDegil && key.startsWith(POST_NEGATOR_STEM)) || isNegatedLightVerb(key);
  }
  return false;
}

/** A question particle right after the match, or a question mark ending its sentence. */
function isAsked(end: number, context: ScopeContext): boolean {
  const next = context.tokens[end];
  if (next !== undefined && context.breaks[end] !== true && QUESTION_PARTICLE.test(next.key)) return true;
  const from = context.tokens[end - 1]?.end ?? 0;
  const to = Math.min(context.text.length, from + QUESTION_LOOKAHEAD);
  for (let at = from; at < to; at += 1) {
    const char = context.text[at] ?? '';
    if (SENTENCE_MARKS.has(char)) return char === '?';
  }
  return false;
}

function isIronic(end: number, context: ScopeContext): boolean {
  const last = context.tokens[end - 1];
  return last !== undefined && IRONY_MARK.test(context.text.slice(last.end, last.end + 8));
}

function isNegatedLightVerb(key: string): boolean {
  return LIGHT_VERB_STEMS.some((stem) => key.startsWith(stem) && hasNegativeVerbEnding(key.slice(stem.length)));
}

function intensity(start: number, context: ScopeContext, complaint: boolean): number {
  let factor = 1;
  for (const token of scopeBefore(start, MODIFIER_REACH, context)) {
    factor *= INTENSITY.get(token.key) ?? (complaint ? (PERSISTENCE.get(token.key) ?? 1) : 1);
  }
  return Math.min(MAX_INTENSITY, factor);
}

function isCapitalised(tokens: readonly Token[], match: PhraseMatch<Polarity>): boolean {
  for (let k = match.start; k < match.end; k += 1) {
    const text = tokens[k]?.text ?? '';
    if (text.length < 3 || text !== text.toUpperCase() || text === text.toLowerCase()) return false;
  }
  return true;
}

/** Most cased letters upper-case over a message long enough to mean it. */
function isShouting(text: string): boolean {
  let cased = 0;
  let upper = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code >= 65 && code <= 90) {
      cased += 1;
      upper += 1;
    } else if (code >= 97 && code <= 122) {
      cased += 1;
    } else if (code > 127) {
      const char = text[at] ?? '';
      const lower = char.toLowerCase();
      if (lower === char.toUpperCase()) continue;
      cased += 1;
      if (char !== lower) upper += 1;
    }
  }
  return cased >= MIN_SHOUTED_LETTERS && upper >= cased * SHOUTED_SHARE;
}

function countExclamations(text: string): number {
  let count = 0;
  for (let at = text.indexOf('!'); at !== -1 && count < MAX_EXCLAMATIONS; at = text.indexOf('!', at + 1)) count += 1;
  return count;
}

function emojiPolarity(text: string): number {
  let sum = 0;
  for (const match of text.matchAll(PICTOGRAPH)) sum += EMOJI_POLARITY.get(match[0]) ?? 0;
  for (const match of text.matchAll(EMOTICONS)) sum += EMOTICON_POLARITY.get(match[0]) ?? 0;
  return Math.max(-EMOJI_CAP, Math.min(EMOJI_CAP, sum));
}

/** Longest emoticons first; "://" in links and ":D" glued to a word are not faces. */
function compileEmoticons(emoticons: readonly string[]): RegExp {
  const alternatives = [...emoticons]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((emoticon) => {
      const escaped = emoticon.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (emoticon.endsWith('/')) return `(?<![\\p{L}\\p{N}])${escaped}(?![/\\p{L}\\p{N}])`;
      if (/\p{L}$/u.test(emoticon)) return `${escaped}(?!\\p{L})`;
      return escaped;
    });
  return new RegExp(alternatives.join('|'), 'gu');
}
