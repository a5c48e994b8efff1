import type { CandidateSink } from './candidate.js';
import type { MessageView } from './message-view.js';
import { phraseValue, type NumericPhrase } from './numeric-phrases.js';
import { onlySpacesBetween, tokenBefore, tokenFrom } from './token-scan.js';
import { wordList } from './word-list.js';

// Counters and units after a quantity, folded: "3 adet", "iki tane", "2,5 kg", "42 numara", "3 gündür".
const COUNTER_STEMS = wordList(`
  tane adet kez kere defa parca paket kutu cift kilo gram litre metre numara beden kisi urun gun hafta saat
  dakika siparis yil sene
`);
const UNITS: ReadonlySet<string> = new Set(
  wordList('kg gr g lt l ml cm mm m km gb tb mb ay aydir ayda ayi x pair piece item unit box pack size'),
);
// Letters that may stick to the digits: units and the "-li/-lik" of "3lü set"; anything else ("5G",
// "12th", "3D") makes the digits part of a name or an ordinal. One-letter units only in lower case:
// "500g" is grams, "5G" a network.
const GLUED_UNIT = /^(?:kg|gr|lt|ml|cm|mm|km|gb|tb|mb|l[iu]k?|adet|tane)(?![\p{L}\p{N}])/u;
const GLUED_LETTER = /^[glmx](?![\p{L}\p{N}])/u;
// "14.00" in a chat is a time ("14.00-18.00 arası"), not fourteen.
const ON_THE_HOUR = /^(?:[01]?\d|2[0-4])[.:]00$/;
const LEADING_ZERO = /^0\d{2,}$/;
const LONG_PLAIN = /^\d{8,}$/;

function isCounter(key: string): boolean {
  return UNITS.has(key) || COUNTER_STEMS.some((stem) => key.startsWith(stem));
}

/** A plural English noun after an English number: "two items", "three pairs". */
function isEnglishPlural(key: string): boolean {
  return key.length >= 3 && key.endsWith('s') && /^[a-z]+$/.test(key);
}

function counterAfter(view: MessageView, end: number): string | undefined {
  const index = tokenFrom(view.tokens, end);
  const next = view.tokens[index];
  if (next === undefined || !onlySpacesBetween(view.text, end, next.start)) return undefined;
  return view.stems[index];
}

/** Digits that belong to something else: "#123", "+90", "TY-123", "14:30", "saat 10". */
function isPartOfOther(view: MessageView, phrase: NumericPhrase): boolean {
  const { text, folded } = view;
  const before = text[phrase.start - 1] ?? '';
  if (before === '#' || before === '+' || before === '_') return true;
  // "TY-123", "A/5", "v1.2" are parts of names; "5-7 gün" is a range and keeps both numbers.
  const beforeThat = text[phrase.start - 2] ?? '';
  if (before === '-' && /\p{L}/u.test(beforeThat)) return true;
  if ((before === '/' || before === '.') && /[\p{L}\p{N}]/u.test(beforeThat)) return true;
  if (before === ':' && /\d/.test(text[phrase.start - 2] ?? '')) return true;
  if (text[phrase.end] === ':' && /\d/.test(text[phrase.end + 1] ?? '')) return true;
  if (/\p{L}/u.test(text[phrase.end] ?? '')) {
    const glued = folded.slice(phrase.end, phrase.end + 5);
    if (!GLUED_UNIT.test(glued) && !GLUED_LETTER.test(text.slice(phrase.end, phrase.end + 2))) return true;
  }
  const index = tokenBefore(view.tokens, phrase.start);
  const previous = view.tokens[index];
  if (previous === undefined || !/^[\s:#]{1,3}$/.test(text.slice(previous.end, phrase.start))) return false;
  // After "saat" it is a time; after "no", "kodu", "hesap", "tel" an identifier, not a quantity.
  const cue = view.cues[index];
  return (
    view.stems[index] === 'saat' || cue === 'filler' || cue === 'account' || cue === 'own-number' || cue === 'phone'
  );
}

function digitNumber(view: MessageView, phrase: NumericPhrase, out: CandidateSink): void {
  const numeral = phrase.numeral ?? '';
  if (LEADING_ZERO.test(numeral) || LONG_PLAIN.test(numeral) || ON_THE_HOUR.test(numeral)) return;
  if (isPartOfOther(view, phrase)) return;
  const value = phraseValue(phrase, view.language);
  if (value === undefined) return;
  const counter = counterAfter(view, phrase.end);
  const counted = counter !== undefined && isCounter(counter);
  out.push({
    type: 'number',
    start: phrase.start,
    end: phrase.end,
    normalized: value,
    confidence: counted ? 0.9 : 0.75,
  });
}

function wordNumber(view: MessageView, phrase: NumericPhrase, out: CandidateSink): void {
  // "bir" and "one" are far more often articles ("bir sorun") than quantities.
  if (phrase.factor < 2) return;
  const counter = counterAfter(view, phrase.end);
  if (counter === undefined || !(isCounter(counter) || isEnglishPlural(counter))) return;
  out.push({ type: 'number', start: phrase.start, end: phrase.end, normalized: phrase.factor, confidence: 0.8 });
}

/**
 * Quantities and other numeric values that no other entity explains: "3 adet", "2,5 kg", "15",
 * "iki tane", "two items". Spelled-out numbers count only before a counter or unit.
 */
export function extractNumbers(view: MessageView, out: CandidateSink): void {
  for (const phrase of view.numerics) {
    if (phrase.numeral === undefined) wordNumber(view, phrase, out);
    else digitNumber(view, phrase, out);
  }
}
