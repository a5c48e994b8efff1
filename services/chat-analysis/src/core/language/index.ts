export { detectLanguage, detectChatLanguage } from './detect-language.js';
export { PhraseLexicon, type PhraseEntries, type PhraseMatch } from './phrase-lexicon.js';
export { sentenceSpans, sentenceBreaks, type TextSpan } from './sentence-spans.js';
export { hasNegativeVerbEnding, isEnglishNegator } from './negation.js';
