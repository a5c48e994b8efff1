import { wordList } from './word-list.js';

/**
 * Month and weekday names, keyed by foldKey so "Şubat", "subat" and "ŞUBAT" are one word, plus the
 * Turkish case endings a date word may carry without an apostrophe ("martta", "salıya", "yarından").
 */
const TURKISH_MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['ocak', 1],
  ['subat', 2],
  ['mart', 3],
  ['nisan', 4],
  ['mayis', 5],
  ['haziran', 6],
  ['temmuz', 7],
  ['agustos', 8],
  ['eylul', 9],
  ['ekim', 10],
  ['kasim', 11],
  ['aralik', 12],
  // The stems "ocağ-" and "aralığ-" before a vowel ending: "ocağa", "aralığın".
  ['ocag', 1],
  ['aralig', 12],
];

const ENGLISH_MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['may', 5],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
];

const TURKISH_WEEKDAYS: ReadonlyArray<readonly [string, number]> = [
  ['pazartesi', 1],
  ['sali', 2],
  ['carsamba', 3],
  ['persembe', 4],
  ['cuma', 5],
  ['cumartesi', 6],
  ['pazar', 0],
];

const ENGLISH_WEEKDAYS: ReadonlyArray<readonly [string, number]> = [
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
  ['sunday', 0],
];

/** Month number (1-12) by folded name, Turkish and English, with English abbreviations. */
export const MONTHS: ReadonlyMap<string, number> = new Map([...TURKISH_MONTHS, ...ENGLISH_MONTHS]);

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([...TURKISH_WEEKDAYS, ...ENGLISH_WEEKDAYS]);

// Only Turkish words take endings without an apostrophe; "mar" + "ketten" is a market, not March.
const SUFFIXED_NAMES: ReadonlySet<string> = new Set([...TURKISH_MONTHS, ...TURKISH_WEEKDAYS].map(([name]) => name));

// The day words get their own short lists: the generic ones would read "dünya" (world) as "dün" + "ya".
const DAY_WORD_SUFFIXES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['bugun', new Set(['ku', 'e', 'den', 'un', 'u'])],
  ['yarin', new Set(['a', 'dan', 'ki', 'in', 'i'])],
  ['dun', new Set(['ku', 'den', 'e', 'u', 'un'])],
]);

/** A regex alternation of the keys, longest first so "cumartesi" is tried before "cuma". */
export function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|');
}

// Folded endings: dative, locative, ablative, genitive, accusative, possessive, "-ki"; enough for dates.
const CASE_SUFFIXES: ReadonlySet<string> = new Set(
  wordList(`
    a e i u ya ye yi yu da de ta te dan den tan ten in un nin nun la le yla yle ki ku daki deki taki teki
    na ne nda nde ndan nden ni nu si su sina sine sinda sinde sindan sinden dir dur tir tur
  `),
);

/**
 * Whether `letters` (folded, written straight after a date word) is an ending the word may carry.
 * An empty string is always fine.
 */
export function takesSuffix(word: string, letters: string): boolean {
  if (letters.length === 0) return true;
  const own = DAY_WORD_SUFFIXES.get(word);
  if (own !== undefined) return own.has(letters);
  return SUFFIXED_NAMES.has(word) && CASE_SUFFIXES.has(letters);
}
