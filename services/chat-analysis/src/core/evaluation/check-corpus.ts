import { ENTITY_TYPES, INTENT_LABELS, type EntityType } from '@invekto/contracts';
import { isValidIBAN } from 'ibantools';
import type { LabelledChat, NormalizedValue } from './labelled-chat.js';

export interface CorpusRequirements {
  /** @default 150 */
  readonly minChats?: number;
  /** @default 8 */
  readonly minChatsPerIntent?: number;
  /** Inclusive bounds on messages per chat. @default [2, 14] */
  readonly messagesPerChat?: readonly [number, number];
}

const DEFAULTS = { minChats: 150, minChatsPerIntent: 8, messagesPerChat: [2, 14] } as const;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * Checks that the corpus can be trusted as a yardstick: big enough, every intent and entity type
 * represented, every label anchored in its message, labelled IBANs with valid checksums.
 * Returns the problems found, one line each; an empty list means the corpus is sound.
 */
export function checkCorpus(corpus: readonly LabelledChat[], requirements: CorpusRequirements = {}): string[] {
  const { minChats, minChatsPerIntent, messagesPerChat } = { ...DEFAULTS, ...requirements };
  const [minMessages, maxMessages] = messagesPerChat;
  const problems: string[] = [];

  if (corpus.length < minChats) problems.push(`corpus has ${corpus.length} chats, fewer than ${minChats}`);
  for (const intent of INTENT_LABELS) {
    const count = corpus.filter((c) => c.labels.intent === intent).length;
    if (count < minChatsPerIntent)
      problems.push(`intent ${intent} has ${count} chats, fewer than ${minChatsPerIntent}`);
  }
  const present = new Set(corpus.flatMap((c) => c.labels.entities.map((e) => e.type)));
  for (const type of ENTITY_TYPES) if (!present.has(type)) problems.push(`no ${type} entity is labelled`);

  for (const chat of corpus) {
    const { messages } = chat.chat;
    if (messages.length < minMessages || messages.length > maxMessages) {
      problems.push(`${chat.id}: ${messages.length} messages, outside ${minMessages}-${maxMessages}`);
    }
    if (!messages.some((m) => m.role === 'customer')) problems.push(`${chat.id}: no customer message`);
    messages.forEach((m, i) => {
      if (m.at === undefined || !UTC_INSTANT.test(m.at))
        problems.push(`${chat.id} message ${i}: at is not a UTC instant`);
    });
    for (const entity of chat.labels.entities) {
      const text = messages[entity.messageIndex]?.text;
      if (text === undefined || !text.includes(entity.text)) {
        problems.push(`${chat.id}: ${entity.type} "${entity.text}" not found in message ${entity.messageIndex}`);
      }
      const form = formProblem(entity.type, entity.normalized);
      if (form !== undefined) problems.push(`${chat.id}: ${entity.type} "${entity.text}" ${form}`);
      if (entity.type === 'iban') {
        const electronic = entity.text.replace(/\s+/g, '').toUpperCase();
        if (entity.normalized !== electronic) problems.push(`${chat.id}: iban normalized form differs from its text`);
        if (!isValidIBAN(electronic)) problems.push(`${chat.id}: labelled IBAN ${entity.text} fails its checksum`);
      }
    }
  }
  return problems;
}

const STRING_FORMS: Partial<Record<EntityType, RegExp>> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  phone: /^\+[1-9]\d{6,14}$/,
  email: /^[^\sA-Z@]+@[^\sA-Z@]+\.[^\sA-Z@]+$/,
  iban: /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/,
  url: /^https?:\/\/[^\sA-Z/?#]+(?:[/?#]\S*)?$/,
  order_number: /^[^\s#a-zğüşıöç]+$/,
  tracking_number: /^[^\s#a-zğüşıöç]+$/,
  person: /^\S.*\S$|^\S$/,
};

/** Why a labelled value is not in its type's normalised form (see README.md), or undefined. */
function formProblem(type: EntityType, value: NormalizedValue): string | undefined {
  if (type === 'money') {
    return typeof value === 'object' && /^[A-Z]{3}$/.test(value.currency) ? undefined : 'is not {amount, currency}';
  }
  if (type === 'number') return typeof value === 'number' ? undefined : 'is not a number';
  if (typeof value !== 'string') return 'is not a string';
  const form = STRING_FORMS[type];
  return form === undefined || form.test(value) ? undefined : `normalized ${JSON.stringify(value)} is malformed`;
}
