import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ENTITY_TYPES,
  INTENT_LABELS,
  SENTIMENT_LABELS,
  type ChatMessage,
  type EntityType,
  type IntentLabel,
  type Language,
  type SentimentLabel,
} from '@invekto/contracts';
import type { LabelledChat, LabelledEntity, NormalizedValue } from './labelled-chat.js';

/** The two labelled corpora: `dev` tunes the analysers, `check` only measures them (never tune on it). */
export type CorpusName = 'dev' | 'check';

const CORPORA: Record<CorpusName, { readonly file: RegExp; readonly folder: string }> = {
  dev: { file: /^dev-corpus-[a-z0-9-]+\.json$/, folder: '.' },
  check: { file: /^check-corpus-[a-z0-9-]+\.json$/, folder: 'check-corpus' },
};
// `tr-001` in the development corpus, `chk-tr-001` in the check corpus; the language follows the prefix.
const CHAT_ID = /^(?:chk-)?(tr|en)-\d{3,}$/;
const ROLES: readonly string[] = ['customer', 'agent', 'bot'];

export class CorpusFormatError extends Error {
  override readonly name = 'CorpusFormatError';
}

/**
 * The folder holding a corpus's JSON files. The JSON lives beside the sources and is not copied by
 * `tsc`, so code running from `dist/` reads it from the matching `src/` folder.
 */
export function corpusDir(name: CorpusName = 'dev'): string {
  const { file, folder } = CORPORA[name];
  const here = join(dirname(fileURLToPath(import.meta.url)), folder);
  const candidates = [here, here.replace(`${sep}dist${sep}`, `${sep}src${sep}`)];
  const found = candidates.find((dir) => existsSync(dir) && readdirSync(dir).some((f) => file.test(f)));
  if (found === undefined) throw new CorpusFormatError(`no ${name} corpus found in ${candidates.join(' or ')}`);
  return found;
}

/** Reads and validates every JSON file of a corpus, in file-name then file order. */
export function loadCorpus(name: CorpusName = 'dev', dir: string = corpusDir(name)): LabelledChat[] {
  const files = readdirSync(dir)
    .filter((f) => CORPORA[name].file.test(f))
    .sort();
  if (files.length === 0) throw new CorpusFormatError(`no ${name} corpus files in ${dir}`);
  const chats: LabelledChat[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!Array.isArray(raw)) throw new CorpusFormatError(`${file}: expected an array of chats`);
    raw.forEach((item: unknown, position) => {
      const chat = parseChat(item, `${file}[${position}]`);
      if (ids.has(chat.id)) throw new CorpusFormatError(`${file}: duplicate chat id ${chat.id}`);
      ids.add(chat.id);
      chats.push(chat);
    });
  }
  return chats;
}

/** Validates one corpus item; throws a `CorpusFormatError` naming the item and the bad field. */
export function parseChat(item: unknown, where: string): LabelledChat {
  const fail = (message: string): never => {
    throw new CorpusFormatError(`${where}: ${message}`);
  };
  if (!isRecord(item)) return fail('expected an object');
  const id = item['id'];
  const idMatch = typeof id === 'string' ? CHAT_ID.exec(id) : null;
  if (typeof id !== 'string' || idMatch === null) return fail(`bad id ${JSON.stringify(id)}`);
  const at = `${where} (${id})`;
  const chat = item['chat'];
  const labels = item['labels'];
  if (!isRecord(chat) || !Array.isArray(chat['messages'])) return fail(`${id}: chat.messages must be an array`);
  if (!isRecord(labels)) return fail(`${id}: labels must be an object`);

  const messages = (chat['messages'] as unknown[]).map((m, i) => parseMessage(m, `${at} message ${i}`));
  const intent = labels['intent'];
  const sentiment = labels['sentiment'];
  if (!isOneOf(intent, INTENT_LABELS)) return fail(`${id}: bad intent ${JSON.stringify(intent)}`);
  if (!isOneOf(sentiment, SENTIMENT_LABELS)) return fail(`${id}: bad sentiment ${JSON.stringify(sentiment)}`);
  const rawEntities = labels['entities'];
  if (!Array.isArray(rawEntities)) return fail(`${id}: labels.entities must be an array`);
  const entities = rawEntities.map((e: unknown, i) => parseEntity(e, messages.length, `${at} entity ${i}`));

  return {
    id,
    language: idMatch[1] as Language,
    chat: { messages },
    labels: { intent: intent as IntentLabel, sentiment: sentiment as SentimentLabel, entities },
  };
}

function parseMessage(item: unknown, where: string): ChatMessage {
  if (!isRecord(item)) throw new CorpusFormatError(`${where}: expected an object`);
  const { role, text, at } = item;
  if (typeof role !== 'string' || !ROLES.includes(role)) throw new CorpusFormatError(`${where}: bad role`);
  if (typeof text !== 'string') throw new CorpusFormatError(`${where}: text must be a string`);
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new CorpusFormatError(`${where}: bad at`);
  return { role: role as ChatMessage['role'], text, at };
}

function parseEntity(item: unknown, messageCount: number, where: string): LabelledEntity {
  if (!isRecord(item)) throw new CorpusFormatError(`${where}: expected an object`);
  const { type, text, normalized, messageIndex } = item;
  if (!isOneOf(type, ENTITY_TYPES)) throw new CorpusFormatError(`${where}: bad type ${JSON.stringify(type)}`);
  if (typeof text !== 'string' || text.length === 0) throw new CorpusFormatError(`${where}: text must be non-empty`);
  if (typeof messageIndex !== 'number' || !Number.isInteger(messageIndex) || messageIndex < 0) {
    throw new CorpusFormatError(`${where}: bad messageIndex`);
  }
  if (messageIndex >= messageCount) throw new CorpusFormatError(`${where}: messageIndex past the last message`);
  if (!isNormalizedValue(normalized)) throw new CorpusFormatError(`${where}: bad normalized value`);
  return { type: type as EntityType, text, normalized, messageIndex };
}

function isNormalizedValue(value: unknown): value is NormalizedValue {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return (
    isRecord(value) &&
    typeof value['amount'] === 'number' &&
    typeof value['currency'] === 'string' &&
    Object.keys(value).length === 2
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === 'string' && allowed.includes(value);
}
