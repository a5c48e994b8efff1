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
const MAX_CHARS = 2000;
const FRANC_MAX_CHARS = 600;
// Trigram guesses on fewer letters than this are noise, even restricted to two languages.
const FRANC_MIN_LETTERS = 20;
const FRANC_FULL_WEIGHT_LETTERS = 60;
const FRANC_WEIGHT = 4;
const MIN_EVIDENCE = 1;
// One long message should not outvote every other message of the chat.
const MESSAGE_EVIDENCE_CAP = 12;
// A hint is overruled only when the other language has this many times its evidence plus a margin.
const OVERRULE_RATIO = 3;
const OVERRULE_MARGIN = 2;

/**
 * The language of one text. A valid hint (usually the chat's language) is kept unless the text is
 * overwhelmingly the other language; texts with too little evidence ("ok", "123") get the hint, else 'tr'.
 */
export function detectLanguage(text: string, hint?: Language): Language {
  return decide(languageEvidence(text), validHint(hint));
}

/** The language of a whole chat from all its texts; the hint rules as in `detectLanguage`. */
export function detectChatLanguage(texts: readonly string[], hint?: Language): Language {
  const total: LanguageEvidence = { tr: 0, en: 0 };
  for (const text of texts) {
    const evidence = languageEvidence(text);
    const size = evidence.tr + evidence.en;
    const scale = size > MESSAGE_EVIDENCE_CAP ? MESSAGE_EVIDENCE_CAP / size : 1;
    total.tr += evidence.tr * scale;
    total.en += evidence.en * scale;
  }
  return decide(total, validHint(hint));
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

function languageEvidence(fullText: string): LanguageEvidence {
  const text = fullText.length > MAX_CHARS ? fullText.slice(0, MAX_CHARS) : fullText;
  const evidence: LanguageEvidence = { tr: 0, en: 0 };
  let letters = 0;
  for (const token of tokenize(text)) {
    if (!/\p{L}/u.test(token.text)) continue;
    letters += token.text.length;
    scoreWord(token.text, token.key, evidence);
  }
  if (letters >= FRANC_MIN_LETTERS) scoreTrigrams(text, letters, evidence);
  return evidence;
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
  if (key.length >= 5 && TURKISH_ENDINGS.test(key)) evidence.tr += 0.5;
  else if (!turkishLetters && lower.length >= 4 && ENGLISH_ENDINGS.test(lower)) evidence.en += 0.5;
  if (!turkishLetters && ENGLISH_LETTERS.test(lower)) evidence.en += 0.3;
}

function scoreTrigrams(text: string, letters: number, evidence: LanguageEvidence): void {
  const ranked = francAll(text.slice(0, FRANC_MAX_CHARS), { only: ['tur', 'eng'] });
  const best = ranked[0];
  if (best === undefined || best[0] === 'und') return;
  const margin = 1 - (ranked[1]?.[1] ?? 0);
  const weight = FRANC_WEIGHT * margin * Math.min(1, letters / FRANC_FULL_WEIGHT_LETTERS);
  if (best[0] === 'tur') evidence.tr += weight;
  else evidence.en += weight;
}
