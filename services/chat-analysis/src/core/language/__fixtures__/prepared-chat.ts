import type { MessageRole } from '@invekto/contracts';
import { prepareMessages } from '../../prepare-messages.js';
import type { PreparedMessage } from '../../types.js';

/** A chat prepared the way the pipeline prepares it, from `[role, text]` turns. */
export function preparedChat(
  turns: readonly (readonly [MessageRole, string])[],
  locale?: 'tr' | 'en',
): PreparedMessage[] {
  const messages = turns.map(([role, text]) => ({ role, text }));
  return prepareMessages({ chat: { messages }, ...(locale === undefined ? {} : { locale }) }).messages;
}
