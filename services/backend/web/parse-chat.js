// Reads a chat from the editor: an analyse request as JSON, a messages array, or `role: text` lines.

import { isObject } from './dom.js';

const ROLE_ALIASES = new Map([
  ['customer', 'customer'],
  ['müşteri', 'customer'],
  ['musteri', 'customer'],
  ['agent', 'agent'],
  ['temsilci', 'agent'],
  ['bot', 'bot'],
]);

export class ChatParseError extends Error {}

/** Turns the editor text into an analyse request, or throws a ChatParseError that says what is wrong. */
export function parseChat(source) {
  const text = source.trim();
  if (text === '') throw new ChatParseError('The chat is empty: choose a sample or paste a chat first.');
  if (text.startsWith('{') || text.startsWith('[')) return parseJsonChat(text);
  return parseLineChat(text);
}

function parseJsonChat(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ChatParseError(`The chat looks like JSON but cannot be read: ${error.message}`);
  }

  const request = { chat: { messages: [] } };
  let rawMessages;
  if (Array.isArray(value)) {
    rawMessages = value;
  } else if (isObject(value) && isObject(value.chat) && Array.isArray(value.chat.messages)) {
    rawMessages = value.chat.messages;
    if (typeof value.chat.id === 'string') request.chat.id = value.chat.id;
    if (typeof value.referenceTime === 'string') request.referenceTime = value.referenceTime;
    if (typeof value.locale === 'string') request.locale = value.locale;
  } else if (isObject(value) && Array.isArray(value.messages)) {
    rawMessages = value.messages;
  } else {
    throw new ChatParseError(
      'JSON must be an analyse request { "chat": { "messages": [...] } }, an object with "messages", or an array of messages.',
    );
  }
  if (rawMessages.length === 0) throw new ChatParseError('The chat has no messages.');

  request.chat.messages = rawMessages.map((raw, i) => {
    const where = `Message ${i + 1}`;
    if (!isObject(raw)) throw new ChatParseError(`${where} is not an object with "role" and "text".`);
    const role = typeof raw.role === 'string' ? roleFromPrefix(raw.role) : undefined;
    if (role === undefined) throw new ChatParseError(`${where}: "role" must be customer, agent or bot.`);
    if (typeof raw.text !== 'string') throw new ChatParseError(`${where}: "text" must be a string.`);
    const message = { role, text: raw.text };
    if (typeof raw.id === 'string') message.id = raw.id;
    if (typeof raw.at === 'string') message.at = raw.at;
    return message;
  });
  return request;
}

function roleFromPrefix(prefix) {
  const word = prefix.trim().normalize('NFC');
  // Both foldings: plain lower-casing keeps "TEMSILCI" intact, Turkish lower-casing handles "MÜŞTERİ".
  return ROLE_ALIASES.get(word.toLowerCase()) ?? ROLE_ALIASES.get(word.toLocaleLowerCase('tr'));
}

function parseLineChat(text) {
  const messages = [];
  const startLines = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const match = /^\s*([\p{L}]+)\s*:(.*)$/u.exec(line);
    const role = match ? roleFromPrefix(match[1]) : undefined;
    if (role !== undefined) {
      messages.push({ role, text: match[2].trim() });
      startLines.push(i + 1);
      return;
    }
    const previous = messages.at(-1);
    if (previous === undefined) {
      throw new ChatParseError(
        `Line ${i + 1} does not start with "customer:", "agent:" or "bot:", and the chat is not JSON either.`,
      );
    }
    previous.text = previous.text === '' ? line.trim() : `${previous.text}\n${line.trim()}`;
  });
  const empty = messages.findIndex((message) => message.text === '');
  if (empty !== -1) throw new ChatParseError(`Line ${startLines[empty]}: the message has no text.`);
  // Pasted lines carry no timestamps; "yarın" and "tomorrow" resolve against the moment of analysis.
  return { chat: { messages }, referenceTime: new Date().toISOString() };
}
