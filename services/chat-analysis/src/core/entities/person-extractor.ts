import type { Language } from '@invekto/contracts';
import type { Token } from '../types.js';
import type { CandidateSink } from './candidate.js';
import { AMBIGUOUS_NAMES, FIRST_NAMES } from './first-names.js';
import type { MessageView } from './message-view.js';
import { NAME_EXCLUSIONS } from './name-exclusions.js';
import { onlySpacesBetween, stemEnd } from './token-scan.js';
import { wordList } from './word-list.js';

/** What a word can be in a name: a known given name (maybe also an everyday word) or any capitalised word. */
type NameWord = 'known' | 'ambiguous' | 'capitalized';

// How strongly the words before a name announce it. Strong cues ("adım", "my name is", "Sayın", "Mr.")
// carry any capitalised word; weak ones ("ben", "I'm", "merhaba") only a known given name.
type Cue = 'strong' | 'weak';

const HONORIFIC_AFTER = /^(?:bey(?:efendi)?|hanim(?:efendi)?|hn|hnm)(?:[aei]|in|nin|den|dan|le|la|ye|ya)?$/;
const TITLE_BEFORE: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sayin']);
const STRONG_AFTER: ReadonlySet<string> = new Set(wordList('adim ismim soyadim temsilciniz temsilcisi temsilcimiz'));
const WEAK_AFTER: ReadonlySet<string> = new Set(
  wordList(`ben i'm im merhaba merhabalar selam selamlar sevgili dear hi hello hey tesekkurler thanks gunaydin`),
);
// "bir adım", "ilk adım": a step, not "my name".
const NOT_A_NAME_CUE: ReadonlySet<string> = new Set(['bir', 'ilk', 'her', 'son', 'ikinci', 'one']);
const CUE_GAP = /^[\s,:.]{1,3}$/;
const MAX_NAME_WORDS = 3;

function isCapitalized(text: string): boolean {
  return /^\p{Lu}/u.test(text);
}

function nameWord(view: MessageView, index: number): NameWord | undefined {
  const token = view.tokens[index];
  const key = view.stems[index];
  if (token === undefined || key === undefined) return undefined;
  if (FIRST_NAMES.has(key)) return AMBIGUOUS_NAMES.has(key) ? 'ambiguous' : 'known';
  const stem = token.text.slice(0, stemEnd(token) - token.start);
  if (!isCapitalized(stem) || stem.length < 2 || /\d/.test(stem) || NAME_EXCLUSIONS.has(key)) return undefined;
  // Short all-caps words are abbreviations ("TL", "KDV"), not names.
  return stem.length <= 3 && stem === stem.toUpperCase() ? undefined : 'capitalized';
}

function keyAt(tokens: readonly Token[], index: number): string {
  return tokens[index]?.key ?? '';
}

/** The cue in the words right before token `index`, if any. */
function nameCueBefore(view: MessageView, index: number): Cue | undefined {
  const { tokens, text } = view;
  const previous = tokens[index - 1];
  const current = tokens[index];
  if (previous === undefined || current === undefined || !CUE_GAP.test(text.slice(previous.end, current.start))) {
    return undefined;
  }
  const key = previous.key;
  const before = keyAt(tokens, index - 2);
  if (TITLE_BEFORE.has(key)) return 'strong';
  if (STRONG_AFTER.has(key)) return NOT_A_NAME_CUE.has(before) ? undefined : 'strong';
  if (key === 'is' && before === 'name') return 'strong';
  if ((key === 'soyad' || key === 'soyadi' || key === 'soyisim') && /^(?:ad|adi|isim)$/.test(before)) return 'strong';
  if (key === 'am' && before === 'i') return 'weak';
  if (key === 'is' && before === 'this') return 'weak';
  // In English "Ben" is a name, not "I".
  if (key === 'ben' && view.language === 'en' && isCapitalized(previous.text)) return undefined;
  return WEAK_AFTER.has(key) ? 'weak' : undefined;
}

const TURKISH_UPPER: Readonly<Record<string, string>> = { i: 'İ', ı: 'I' };
const TURKISH_LOWER: Readonly<Record<string, string>> = { I: 'ı', İ: 'i' };

/**
 * Title Case with the casing rules of the message's language ("ısık" → "Işık", "ismail" → "İsmail").
 * Done by hand for Turkish: toLocaleUpperCase goes through ICU and costs more than the rest of the name.
 */
function titleCase(word: string, language: Language): string {
  const head = word.slice(0, 1);
  const tail = word.slice(1);
  if (language !== 'tr') return head.toUpperCase() + tail.toLowerCase();
  return (
    (TURKISH_UPPER[head] ?? head.toUpperCase()) + tail.replace(/[Iİ]/g, (c) => TURKISH_LOWER[c] ?? c).toLowerCase()
  );
}

interface NameSpan {
  readonly first: number;
  readonly last: number;
}

/** Reads the name starting at token `first`: up to three words, joined by single spaces, no suffix inside. */
function readName(view: MessageView, first: number): NameSpan {
  const { tokens, text } = view;
  const firstToken = tokens[first];
  const capitalized = firstToken !== undefined && isCapitalized(firstToken.text);
  let last = first;
  for (let i = first + 1; i < first + MAX_NAME_WORDS && i < tokens.length; i += 1) {
    const previous = tokens[i - 1];
    const token = tokens[i];
    if (previous === undefined || token === undefined || stemEnd(previous) !== previous.end) break;
    if (!onlySpacesBetween(text, previous.end, token.start) || HONORIFIC_AFTER.test(view.stems[i] ?? '')) break;
    const kind = nameWord(view, i);
    if (kind === undefined) break;
    // A lower-case name continues only with more given names ("ayşe nur"); a capitalised one with capitals.
    if (capitalized ? !isCapitalized(token.text) : kind === 'capitalized' || isCapitalized(token.text)) break;
    last = i;
  }
  return { first, last };
}

function pushName(view: MessageView, span: NameSpan, confidence: number, out: CandidateSink): void {
  const { tokens, text } = view;
  const firstToken = tokens[span.first];
  const lastToken = tokens[span.last];
  if (firstToken === undefined || lastToken === undefined) return;
  const words: string[] = [];
  for (let i = span.first; i <= span.last; i += 1) {
    const token = tokens[i];
    if (token !== undefined) words.push(titleCase(text.slice(token.start, stemEnd(token)), view.language));
  }
  out.push({
    type: 'person',
    start: firstToken.start,
    end: stemEnd(lastToken),
    normalized: words.join(' '),
    confidence,
  });
}

/** "Ahmet Bey", "Ayşe Nur Hanım'a": one or two name words right before an honorific. */
function beforeHonorific(view: MessageView, index: number, out: CandidateSink): void {
  const { tokens, text } = view;
  const honorific = tokens[index];
  const name = tokens[index - 1];
  if (honorific === undefined || name === undefined || stemEnd(name) !== name.end) return;
  if (!onlySpacesBetween(text, name.end, honorific.start)) return;
  const kind = nameWord(view, index - 1);
  if (kind === undefined) return;
  const given = tokens[index - 2];
  const twoWords =
    given !== undefined &&
    onlySpacesBetween(text, given.end, name.start) &&
    FIRST_NAMES.has(view.stems[index - 2] ?? '') &&
    isCapitalized(given.text) === isCapitalized(name.text);
  pushName(view, { first: twoWords ? index - 2 : index - 1, last: index - 1 }, 0.9, out);
}

function fromToken(view: MessageView, index: number, out: CandidateSink): void {
  const token = view.tokens[index];
  if (token === undefined) return;
  const kind = nameWord(view, index);
  if (kind === undefined || (view.language === 'tr' && WEAK_AFTER.has(token.key))) return;
  const cue = nameCueBefore(view, index);
  const capitalized = isCapitalized(token.text);
  const span = readName(view, index);
  const withSurname = span.last > span.first;
  if (cue === 'strong' && (kind !== 'capitalized' || capitalized)) pushName(view, span, 0.9, out);
  else if (cue === 'weak' && (kind === 'known' || (kind === 'ambiguous' && capitalized)))
    pushName(view, span, 0.85, out);
  else if (capitalized && kind === 'known') pushName(view, span, withSurname ? 0.8 : 0.7, out);
  else if (capitalized && kind === 'ambiguous' && withSurname) pushName(view, span, 0.7, out);
}

/**
 * People named in the chat, in Title Case without honorifics or suffixes: "Ahmet Bey" → "Ahmet",
 * "benim adım Zeynep Kaya" → "Zeynep Kaya", "Mr. Brown" → "Brown", "Ahmet'in" → "Ahmet".
 */
export function extractPersons(view: MessageView, out: CandidateSink): void {
  const { tokens } = view;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (i > 0 && HONORIFIC_AFTER.test(view.stems[i] ?? '')) beforeHonorific(view, i, out);
    fromToken(view, i, out);
  }
}
