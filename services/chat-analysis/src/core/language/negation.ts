/**
 * Negation as the two languages mark it. Turkish negates inside the word, so the test runs on what
 * follows a known stem in a folded key ("begen" + "medim"); English negates with a separate word
 * placed before what it negates.
 */

/*
 * Negative verb endings after a stem, in folded form (ı→i, ü→u): present "-mıyor", past "-madı",
 * evidential "-mamış", aorist "-maz", future "-mayacak", participle "-mayan", converbs "-mayınca" /
 * "-mayıp", imperative "-mayın", necessity "-mamalı", and the same after the inability marker "-(y)a-"
 * ("ulaşamıyorum", "ödeyemedim"). Left out: "-ma" alone, far more often the verbal noun ("çalışma
 * saatleri") than the negative imperative, and "-mam", more often "my doing" ("göndermem gerekiyor")
 * than "I won't do"; lexicons spell out the few negative uses they need ("bir daha almam").
 * Anchored and without nested quantifiers, so it runs in constant time on any input.
 */
const NEGATIVE_VERB_ENDING =
  /^(?:y?[ea])?m(?:[iu]yor|[ea](?:d[iu]|z|m[iu]s|m[ea]l|y[ae]c[ae]k|y[ae]n|y[iu]nc[ae]|y[iu]n|y[iu]p))/;

// "-sız/-siz/-suz/-süz", without: "sorunsuz" (problem-free), "saygısız" (disrespectful).
const PRIVATIVE_ENDING = /^s[iu]z/;

const ENGLISH_NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'without',
  'cannot',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'werent',
  'arent',
  'cant',
  'couldnt',
  'wont',
  'wouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'shouldnt',
  'aint',
  'neednt',
]);

const CONTRACTED_NOT = /n['’]t$/;

/** True when `rest`, what follows a verb stem in a folded key, starts with a negative verb ending. */
export function hasNegativeVerbEnding(rest: string): boolean {
  return rest.length >= 2 && NEGATIVE_VERB_ENDING.test(rest);
}

/** True when `rest`, what follows a noun stem in a folded key, starts with the privative "-sız". */
export function hasPrivativeEnding(rest: string): boolean {
  return PRIVATIVE_ENDING.test(rest);
}

/** True when the folded key `rest` of a word after a known stem negates that stem. */
export function negatesStem(rest: string): boolean {
  return hasNegativeVerbEnding(rest) || hasPrivativeEnding(rest);
}

/** English words that negate what follows them: "not", "never", "didn't", "dont". */
export function isEnglishNegator(key: string): boolean {
  return ENGLISH_NEGATORS.has(key) || CONTRACTED_NOT.test(key);
}
