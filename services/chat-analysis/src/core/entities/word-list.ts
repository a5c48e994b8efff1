/** Splits a whitespace-separated list written in a template literal; lexicons stay readable that way. */
export function wordList(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}
