import type { Language } from '@invekto/contracts';

/** NFC, whitespace collapsed, and lower-cased with the casing rules of the message's language (İ/i, I/ı in Turkish). */
export function normalizeText(text: string, language: Language): string {
  const collapsed = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return collapsed.toLocaleLowerCase(language === 'tr' ? 'tr-TR' : 'en-US');
}
