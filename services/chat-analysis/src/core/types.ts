import type { Language, MessageRole } from '@invekto/contracts';

/** A word of a message with its UTF-16 offsets in the original text. */
export interface Token {
  /** As written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Lookup key: lower-cased with Turkish letters folded to ASCII (see foldKey). */
  readonly key: string;
}

/** A message after the shared preparation every analyser starts from. */
export interface PreparedMessage {
  readonly index: number;
  readonly id: string | undefined;
  readonly role: MessageRole;
  /** The original text, exactly as received; entity offsets point into it. */
  readonly text: string;
  /** Epoch milliseconds of the message's `at`, else of the request's referenceTime, else undefined. */
  readonly referenceTime: number | undefined;
  readonly language: Language;
  readonly normalizedText: string;
  readonly tokens: readonly Token[];
}
