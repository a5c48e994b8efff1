import type { Entity, EntityType, Language, MessageRole } from '@invekto/contracts';
import { normalizeText, tokenize } from '../../text/index.js';
import type { PreparedMessage } from '../../types.js';
import { extractEntities } from '../index.js';

export interface FixtureOptions {
  readonly index?: number;
  readonly role?: MessageRole;
  readonly language?: Language;
  /** ISO instant the message was written at; relative dates resolve against it. */
  readonly at?: string;
}

/** A PreparedMessage as the service's preparation step builds it, with the language given rather than detected. */
export function preparedMessage(text: string, options: FixtureOptions = {}): PreparedMessage {
  const language = options.language ?? 'tr';
  return {
    index: options.index ?? 0,
    id: undefined,
    role: options.role ?? 'customer',
    text,
    referenceTime: options.at === undefined ? undefined : Date.parse(options.at),
    language,
    normalizedText: normalizeText(text, language),
    tokens: tokenize(text),
  };
}

/** The entities of one message. */
export function entitiesOf(text: string, options: FixtureOptions = {}): Entity[] {
  return extractEntities([preparedMessage(text, options)]);
}

export type FoundEntity = Pick<Entity, 'text' | 'normalized' | 'start' | 'end'>;

/** The entities of one type in one message, without the fields a test rarely pins. */
export function found(text: string, type: EntityType, options: FixtureOptions = {}): FoundEntity[] {
  return entitiesOf(text, options)
    .filter((entity) => entity.type === type)
    .map(({ text: written, normalized, start, end }) => ({ text: written, normalized, start, end }));
}

/** Every entity of one message as "type:text", the quickest way to say what must and must not be found. */
export function summary(text: string, options: FixtureOptions = {}): string[] {
  return entitiesOf(text, options).map((entity) => `${entity.type}:${entity.text}`);
}
