import type { Language } from '@invekto/contracts';
import { francAll } from 'franc-min';
import { tokenize } from '../text/index.js';
import {
  ENGLISH_ENDINGS,
  ENGLISH_LETTERS,
  ENGLISH_WORDS,
  TURKISH_ENDINGS,
  TURKISH_ONLY_LETTERS,
  TURKISH_SHARED_LETTERS,
  TURKISH_WORDS,
} from './language-markers.js';

/** Points of evidence for each language; only their ratio and size matter. */
interface LanguageEvidence {
  tr: number;
  en: number;
}

// Language shows in the first few hundred characters; reading further only costs time on long pastes.
const MAX_CHARS = 600;
// Trigram guessing costs time in proportion to its input and settles on a few sentences.
const FRANC_MAX_CHARS = 300;
// Trigram guesses on fewer letters than this are noise, even restricted to two languages.
const FRANC_MIN_LETTERS = 20;
const FRANC_FULL_WEIGHT_LETTERS = 60;
const FRANC_WEIGHT = 4;
// A chat the words leave undecided is settled by a few trigram guesses; fifty would only cost time.
const MAX_TRIGRAM_TEXTS = 8;
const MIN_EVIDENCE = 1;
const ENDING_TAIL = 8;
// One long message should not outvote every other message of the chat.
const MESSAGE_EVIDENCE_CAP = 12;
// A hint is overruled only when the other language has this many times its evidence plus a margin.
const OVERRULE_RATIO = 3;
const OVERRULE_MARGIN = 2;
// The pipeline reads every text twice, for the chat and for the message; scans are pure, so reuse them.
const SCAN_CACHE_LIMIT = 512;
const scanCache = new Map<string, TextScan>();

/** What the words of a text say, and how much the trigram guess could still add. */
interface TextScan {
  readonly text: string;
  readonly letters: number;
  readonly words: LanguageEvidence;
  /** The most a trigram guess can add to either side; 0 when the text is too short for one. */
  readonly trigramReach: number;
}

/**
 * The language of one text. A valid hint (usually the chat's language) is kept unless the text is
 * overwhelmingly the other language; texts with too little evidence ("ok", "123") get the hint, else 'tr'.
 */
export function detectLanguage(text: string, hint?: Language): Language {
  return detect([scanWords(text)], validHint(hint));
}

/** The language of a whole chat from all its texts; the hint rules as in `detectLanguage`. */
export function detectChatLanguage(texts: readonly string[], hint?: Language): Language {
  return detect(texts.map(scanWords), validHint(hint));
}

/**
 * Trigram guessing costs more than everything else here together, so it runs only when its largest
 * possible contribution, given wholly to either language, could change the answer.
 */
function detect(scans: readonly TextScan[], hint: Language | undefined): Language {
  const towardTurkish = total(scans, (scan) => ({ tr: scan.words.tr + scan.trigramReach, en: scan.words.en }));
  const towardEnglish = total(scans, (scan) => ({ tr: scan.words.tr, en: scan.words.en + scan.trigramReach }));
  const wordsOnly = total(scans, (scan) => scan.words);
  const settled =
    wordsOnly.tr + wordsOnly.en >= MIN_EVIDENCE && decide(towardTurkish, hint) === decide(towardEnglish, hint);
  if (settled) return decide(wordsOnly, hint);
  let guesses = 0;
  return decide(
    total(scans, (scan) => {
      if (scan.trigramReach === 0 || guesses >= MAX_TRIGRAM_TEXTS) return scan.words;
      guesses += 1;
      return withTrigrams(scan);
    }),
    hint,
  );
}

/** Sums per-text evidence, each text capped so one long message cannot outvote the rest of the chat. */
function total(scans: readonly TextScan[], evidenceOf: (scan: TextScan) => LanguageEvidence): LanguageEvidence {
  const sum: LanguageEvidence = { tr: 0, en: 0 };
  for (const scan of scans) {
    const evidence = evidenceOf(scan);
    const size = evidence.tr + evidence.en;
    const scale = size > MESSAGE_EVIDENCE_CAP ? MESSAGE_EVIDENCE_CAP / size : 1;
    sum.tr += evidence.tr * scale;
    sum.en += evidence.en * scale;
  }
  return sum;
}

function validHint(hint: Language | undefined): Language | undefined {
  return hint === 'tr' || hint === 'en' ? hint : undefined;
}

function decide(evidence: LanguageEvidence, hint: Language | undefined): Language {
  if (evidence.tr + evidence.en < MIN_EVIDENCE) return hint ?? 'tr';
  if (hint === undefined) return evidence.en > evidence.tr ? 'en' : 'tr';
  const other: Language = hint === 'tr' ? 'en' : 'tr';
  return evidence[other] >= evidence[hint] * OVERRULE_RATIO + OVERRULE_MARGIN ? other : hint;
}

function scanWords(fullText: string): TextScan {
  const text = fullText.length > MAX_CHARS ? fullText.slice(0, MAX_CHARS) : fullText;
  const cached = scanCache.get(text);
  if (cached !== undefined) return cached;
  const scan = scanText(text);
  if (scanCache.size >= SCAN_CACHE_LIMIT) scanCache.clear();
  scanCache.set(text, scan);
  return scan;
}

function scanText(text: string): TextScan {
  const words: LanguageEvidence = { tr: 0, en: 0 };
  let letters = 0;
  for (const token of tokenize(text)) {
    if (!/\p{L}/u.test(token.text)) continue;
    letters += token.text.length;
    scoreWord(token.text, token.key, words);
  }
  const trigramReach =
    letters < FRANC_MIN_LETTERS ? 0 : FRANC_WEIGHT * Math.min(1, letters / FRANC_FULL_WEIGHT_LETTERS);
  return { text, letters, words, trigramReach };
}

function scoreWord(text: string, key: string, evidence: LanguageEvidence): void {
  const lower = text.toLowerCase().replace('’', "'");
  const turkishLetters = TURKISH_ONLY_LETTERS.test(text);
  if (turkishLetters) evidence.tr += 2;
  else if (TURKISH_SHARED_LETTERS.test(text)) evidence.tr += 1.5;
  const turkishWord = TURKISH_WORDS.has(key);
  const englishWord = !turkishLetters && ENGLISH_WORDS.has(lower);
  if (turkishWord) evidence.tr += 1;
  if (englishWord) evidence.en += 1;
  if (turkishWord || englishWord) return;
  // Endings are short; testing only the tail keeps long junk tokens cheap.
  if (key.length >= 5 && TURKISH_ENDINGS.test(key.slice(-ENDING_TAIL))) evidence.tr += 0.5;
  else if (!turkishLetters && lower.length >= 4 && ENGLISH_ENDINGS.test(lower.slice(-ENDING_TAIL))) evidence.en += 0.5;
  if (!turkishLetters && ENGLISH_LETTERS.test(lower)) evidence.en += 0.3;
}

/** The word evidence plus franc's guess, weighted by its margin over the runner-up and by length. */
function withTrigrams(scan: TextScan): LanguageEvidence {
  const ranked = francAll(scan.text.slice(0, FRANC_MAX_CHARS), { only: ['tur', 'eng'] });
  const best = ranked[0];
  if (best === undefined || best[0] === 'und') return scan.words;
  const weight = scan.trigramReach * (1 - (ranked[1]?.[1] ?? 0));
  return best[0] === 'tur'
    ? { tr: scan.words.tr + weight, en: scan.words.en }
    : { tr: scan.words.tr, en: scan.words.en + weight };
}
