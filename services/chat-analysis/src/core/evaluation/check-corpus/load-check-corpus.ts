import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledChat } from '../labelled-chat.js';
import { CorpusFormatError, parseChat } from '../load-corpus.js';

const CHECK_CORPUS_FILE = /^check-corpus-[a-z0-9-]+\.json$/;
/** `chk-tr-001`: the part after `chk-` is an id of the dev-corpus form, whose prefix is the language. */
const CHECK_CHAT_ID = /^chk-((?:tr|en)-\d{3,})$/;

/**
 * The folder holding the `check-corpus-*.json` files. Like `defaultCorpusDir`, code running from
 * `dist/` reads the JSON from the matching `src/` folder, since `tsc` does not copy it.
 */
export function checkCorpusDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, here.replace(`${sep}dist${sep}`, `${sep}src${sep}`)];
  const found = candidates.find((dir) => existsSync(dir) && readdirSync(dir).some((f) => CHECK_CORPUS_FILE.test(f)));
  if (found === undefined) {
    throw new CorpusFormatError(`no check-corpus-*.json found in ${candidates.join(' or ')}`);
  }
  return found;
}

/**
 * Reads and validates every `check-corpus-*.json` of the folder, in file-name then file order.
 * `loadCorpus` only reads `dev-corpus-*.json` with `tr-001`-style ids, so this keeps the check
 * corpus apart from the development one: its ids carry a `chk-` prefix, and each chat is validated
 * by `parseChat` exactly as a dev-corpus chat is.
 */
export function loadCheckCorpus(dir: string = checkCorpusDir()): LabelledChat[] {
  const files = readdirSync(dir)
    .filter((f) => CHECK_CORPUS_FILE.test(f))
    .sort();
  if (files.length === 0) throw new CorpusFormatError(`no check-corpus-*.json in ${dir}`);
  const chats: LabelledChat[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!Array.isArray(raw)) throw new CorpusFormatError(`${file}: expected an array of chats`);
    raw.forEach((item: unknown, position) => {
      const where = `${file}[${position}]`;
      const id =
        typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined;
      const match = typeof id === 'string' ? CHECK_CHAT_ID.exec(id) : null;
      if (typeof id !== 'string' || match === null) {
        throw new CorpusFormatError(`${where}: bad id ${JSON.stringify(id)}, expected chk-tr-001 or chk-en-001`);
      }
      const chat: LabelledChat = { ...parseChat({ ...(item as object), id: match[1] }, where), id };
      if (ids.has(id)) throw new CorpusFormatError(`${file}: duplicate chat id ${id}`);
      ids.add(id);
      chats.push(chat);
    });
  }
  return chats;
}
