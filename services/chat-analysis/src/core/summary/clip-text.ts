const ELLIPSIS = '…';

/** Whitespace runs collapsed to one space, ends trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Shortens text to at most `max` characters, cutting at a word boundary and marking the cut with an
 * ellipsis; a single word longer than the limit is cut inside the word.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const cut = text.lastIndexOf(' ', room);
  const end = cut > room / 2 ? cut : room;
  return `${text.slice(0, end).replace(/[\s,;:.!?-]+$/u, '')}${ELLIPSIS}`;
}
