const FOLD: Record<string, string> = {
  ı: 'i',
  İ: 'i',
  I: 'i',
  ç: 'c',
  Ç: 'c',
  ğ: 'g',
  Ğ: 'g',
  ö: 'o',
  Ö: 'o',
  ş: 's',
  Ş: 's',
  ü: 'u',
  Ü: 'u',
  â: 'a',
  Â: 'a',
  î: 'i',
  Î: 'i',
  û: 'u',
  Û: 'u',
};
const FOLDABLE = /[ıİIçÇğĞöÖşŞüÜâÂîÎûÛ]/g;

/**
 * Lookup key for a word or phrase: Turkish letters folded to ASCII, then lower-cased.
 * Customers often type without Turkish letters ("siparisim"), and `toLocaleLowerCase('tr-TR')`
 * turns English "I" into "ı", so lexicons are stored and matched in this folded form.
 */
export function foldKey(text: string): string {
  return text.replace(FOLDABLE, (c) => FOLD[c] ?? c).toLowerCase();
}
