import type { CueKind } from './cue-words.js';
import type { MessageView } from './message-view.js';
import { breaksClause, onlySpacesBetween, tokenBefore, tokenFrom } from './token-scan.js';

export const isIdentifierCue = (kind: CueKind | undefined): boolean =>
  kind === 'order' || kind === 'tracking' || kind === 'account';

const WINDOW = 5;

/**
 * The cue governing digits that start at `offset`, read backwards within the clause. An identifier cue
 * counts only as the nearest word past filler ("sipariş no 123…"); a phone cue anywhere in the window
 * counts ("whatsapp'tan yazın 0532…"); failing both, "numaram" or plain filler right before.
 */
export function cueBefore(view: MessageView, offset: number): CueKind | undefined {
  const { tokens, text } = view;
  let boundary = offset;
  let nearestWord: CueKind | 'word' | undefined;
  let filler: CueKind | undefined;
  for (let i = tokenBefore(tokens, offset), seen = 0; i >= 0 && seen < WINDOW; i -= 1, seen += 1) {
    const token = tokens[i];
    if (token === undefined || breaksClause(text, token.end, boundary)) break;
    boundary = token.start;
    const kind = view.cues[i];
    if (kind === 'filler' || kind === 'own-number') {
      if (nearestWord === undefined && filler !== 'own-number') filler = kind;
      continue;
    }
    nearestWord ??= kind ?? 'word';
    if (nearestWord !== 'word' && isIdentifierCue(nearestWord)) return nearestWord;
    if (kind === 'phone') return 'phone';
  }
  return filler;
}

/** The cue right after digits ending at `offset`: "… numaralı siparişim", "… numaramdan arayın". */
export function cueAfter(view: MessageView, offset: number): CueKind | undefined {
  const { tokens, text } = view;
  let boundary = offset;
  for (let i = tokenFrom(tokens, offset), seen = 0; i < tokens.length && seen < 3; i += 1, seen += 1) {
    const token = tokens[i];
    if (token === undefined || breaksClause(text, boundary, token.start)) break;
    boundary = token.end;
    const kind = view.cues[i];
    if (kind === 'own-number') return 'phone';
    if (kind !== undefined && kind !== 'filler') return kind;
  }
  return undefined;
}

const IDENTIFIER_GAP = /^[\s:#=.\-–"'*]{1,4}$/;

/**
 * Where the value of the cue at token `index` starts: past filler and further cues of a kind `chains`
 * accepts ("kargo takip no: …", "sipariş numaram #…"). Includes a '#' written right before the value.
 */
function valueStartAfter(view: MessageView, index: number, chains: (kind: CueKind) => boolean): number | undefined {
  const { tokens, text } = view;
  for (let i = index + 1; i <= index + 4; i += 1) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    if (token === undefined || previous === undefined) return undefined;
    if (!IDENTIFIER_GAP.test(text.slice(previous.end, token.start))) return undefined;
    const kind = view.cues[i];
    if (kind !== undefined && (kind === 'filler' || kind === 'own-number' || chains(kind))) continue;
    return text[token.start - 1] === '#' ? token.start - 1 : token.start;
  }
  return undefined;
}

// A value is one alphanumeric word, maybe hyphenated ("TY-12345678"), or digits in short groups
// ("123 456 789"); each part is bounded, so a run of junk is not rescanned.
const VALUE =
  /#?(?:\d{2,4}(?: \d{2,4}){1,5}(?![\p{L}\p{N}])|[A-Za-z0-9]{1,24}(?:-[A-Za-z0-9]{1,24}){0,4}(?![\p{L}\p{N}]|-[A-Za-z0-9]))/uy;
const VALUE_BEFORE = /#?[A-Za-z0-9]{1,24}(?:-[A-Za-z0-9]{1,24}){0,4}$/;
const REVERSE_CUES: ReadonlySet<string> = new Set(['numarali', 'nolu', "no'lu", 'no’lu']);

/** A written identifier: its span, its canonical form for shape checks (uppercase, without '#', '-' or spaces) and its normalised form (uppercase as written, hyphens kept, without a leading '#' or spaces). */
export interface IdentifierValue {
  readonly start: number;
  readonly end: number;
  readonly canonical: string;
  readonly normalized: string;
}

function identifierValue(start: number, end: number, written: string): IdentifierValue {
  const upper = written.toUpperCase();
  return {
    start,
    end,
    canonical: upper.replace(/[#\s-]/g, ''),
    normalized: upper.replace(/^#/, '').replace(/\s/g, ''),
  };
}

function valueAt(text: string, start: number): IdentifierValue | undefined {
  VALUE.lastIndex = start;
  const match = VALUE.exec(text);
  if (match === null) return undefined;
  return identifierValue(start, VALUE.lastIndex, match[0]);
}

function valueEndingAt(text: string, end: number): IdentifierValue | undefined {
  const match = VALUE_BEFORE.exec(text.slice(Math.max(0, end - 64), end));
  if (match === null) return undefined;
  const start = end - match[0].length;
  if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) return undefined;
  return identifierValue(start, end, match[0]);
}

/** How one identifier type reads its cues and which written values it accepts. */
export interface IdentifierRule {
  readonly kind: 'order' | 'tracking';
  /** Whether a canonical value has this identifier's shape. */
  readonly accepts: (canonical: string) => boolean;
}

/**
 * Identifiers announced by a cue: after it ("sipariş no: 123456", "kargo takip kodu #AB123…") or
 * before a reverse cue ("123456 numaralı siparişim"). Calls `found` with each accepted value.
 */
export function findCuedIdentifiers(
  view: MessageView,
  rule: IdentifierRule,
  found: (value: IdentifierValue) => void,
): void {
  const { tokens, text } = view;
  const chains = (kind: CueKind): boolean => kind === rule.kind;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (view.cues[i] === rule.kind) {
      const start = valueStartAfter(view, i, chains);
      const value = start === undefined ? undefined : valueAt(text, start);
      if (value !== undefined && rule.accepts(value.canonical)) found(value);
    } else if (REVERSE_CUES.has(token.key)) {
      const next = tokens[i + 1];
      const previous = tokens[i - 1];
      if (next === undefined || previous === undefined || view.cues[i + 1] !== rule.kind) continue;
      if (!onlySpacesBetween(text, previous.end, token.start)) continue;
      const value = valueEndingAt(text, previous.end);
      if (value !== undefined && rule.accepts(value.canonical)) found(value);
    }
  }
}
