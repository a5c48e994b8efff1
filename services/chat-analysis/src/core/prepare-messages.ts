import type { AnalyzeRequest, Language } from '@invekto/contracts';
import { detectChatLanguage, detectLanguage } from './language/index.js';
import { normalizeText, tokenize } from './text/index.js';
import type { PreparedMessage } from './types.js';

function epochMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? undefined : value;
}

function localeHint(locale: string | undefined): Language | undefined {
  if (locale === undefined) return undefined;
  const language = locale.slice(0, 2).toLowerCase();
  return language === 'tr' || language === 'en' ? language : undefined;
}

/** Detects the chat's language and prepares every message once, for all analysers to share. */
export function prepareMessages(request: AnalyzeRequest): { language: Language; messages: PreparedMessage[] } {
  const hint = localeHint(request.locale);
  const texts = request.chat.messages.map((message) => message.text.normalize('NFC'));
  const language = detectChatLanguage(texts, hint);
  const fallbackReference = epochMs(request.referenceTime);
  const messages = request.chat.messages.map((message, index): PreparedMessage => {
    const text = message.text;
    const messageLanguage = detectLanguage(texts[index] ?? text, language);
    return {
      index,
      id: message.id,
      role: message.role,
      text,
      referenceTime: epochMs(message.at) ?? fallbackReference,
      language: messageLanguage,
      normalizedText: normalizeText(text, messageLanguage),
      tokens: tokenize(text),
    };
  });
  return { language, messages };
}
