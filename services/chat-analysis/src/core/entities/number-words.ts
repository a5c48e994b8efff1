/**
 * Spelled-out numbers in Turkish and English, keyed by foldKey ("üç" → "uc"). Turkish builds numbers
 * additively ("iki bin beş yüz on iki" = 2512) and so does English once the teens are words of their own.
 */
type WordKind = 'unit' | 'teen' | 'ten' | 'hundred' | 'scale' | 'half';

interface NumberWord {
  readonly value: number;
  readonly kind: WordKind;
}

const word = (value: number, kind: WordKind): NumberWord => ({ value, kind });

// "sıfır" and "zero" are left out on purpose: "sıfır ürün" means a brand-new product, not zero of them.
const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = new Map([
  ['bir', word(1, 'unit')],
  ['iki', word(2, 'unit')],
  ['uc', word(3, 'unit')],
  ['dort', word(4, 'unit')],
  ['bes', word(5, 'unit')],
  ['alti', word(6, 'unit')],
  ['yedi', word(7, 'unit')],
  ['sekiz', word(8, 'unit')],
  ['dokuz', word(9, 'unit')],
  ['on', word(10, 'ten')],
  ['yirmi', word(20, 'ten')],
  ['otuz', word(30, 'ten')],
  ['kirk', word(40, 'ten')],
  ['elli', word(50, 'ten')],
  ['altmis', word(60, 'ten')],
  ['yetmis', word(70, 'ten')],
  ['seksen', word(80, 'ten')],
  ['doksan', word(90, 'ten')],
  ['yuz', word(100, 'hundred')],
  ['bin', word(1_000, 'scale')],
  ['milyon', word(1_000_000, 'scale')],
  ['milyar', word(1_000_000_000, 'scale')],
  ['bucuk', word(0.5, 'half')],
  ['one', word(1, 'unit')],
  ['two', word(2, 'unit')],
  ['three', word(3, 'unit')],
  ['four', word(4, 'unit')],
  ['five', word(5, 'unit')],
  ['six', word(6, 'unit')],
  ['seven', word(7, 'unit')],
  ['eight', word(8, 'unit')],
  ['nine', word(9, 'unit')],
  ['ten', word(10, 'teen')],
  ['eleven', word(11, 'teen')],
  ['twelve', word(12, 'teen')],
  ['thirteen', word(13, 'teen')],
  ['fourteen', word(14, 'teen')],
  ['fifteen', word(15, 'teen')],
  ['sixteen', word(16, 'teen')],
  ['seventeen', word(17, 'teen')],
  ['eighteen', word(18, 'teen')],
  ['nineteen', word(19, 'teen')],
  ['twenty', word(20, 'ten')],
  ['thirty', word(30, 'ten')],
  ['forty', word(40, 'ten')],
  ['fifty', word(50, 'ten')],
  ['sixty', word(60, 'ten')],
  ['seventy', word(70, 'ten')],
  ['eighty', word(80, 'ten')],
  ['ninety', word(90, 'ten')],
  ['hundred', word(100, 'hundred')],
  ['thousand', word(1_000, 'scale')],
  ['million', word(1_000_000, 'scale')],
  ['billion', word(1_000_000_000, 'scale')],
]);

/** Multipliers written after digits: "2 bin", "1,5 milyon", "10k", "3 million". */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['bin', 1_000],
  ['milyon', 1_000_000],
  ['milyar', 1_000_000_000],
  ['thousand', 1_000],
  ['million', 1_000_000],
  ['billion', 1_000_000_000],
  ['k', 1_000],
]);

export function isNumberWord(key: string): boolean {
  return NUMBER_WORDS.has(key);
}

/** The state of reading a number word by word; `accept` refuses words that cannot continue it. */
export class NumberWordReader {
  private total = 0;
  private group = 0;
  private lastKind: WordKind | undefined;
  private lastScale = Infinity;
  private words = 0;

  /** Adds a word if it continues the number ("iki yüz" yes, "iki üç" no); returns whether it did. */
  accept(key: string): boolean {
    const entry = NUMBER_WORDS.get(key);
    if (entry === undefined || !this.allows(entry)) return false;
    const last = this.lastKind;
    if (entry.kind === 'scale') {
      this.total += (this.group || 1) * entry.value;
      this.group = 0;
      this.lastScale = entry.value;
    } else if (entry.kind === 'hundred') {
      this.group = (this.group || 1) * entry.value;
    } else if (entry.kind === 'half' && last === 'scale') {
      // "bin buçuk" is one and a half thousand, not a thousand and a half.
      this.total += this.lastScale / 2;
    } else {
      this.group += entry.value;
    }
    this.lastKind = entry.kind;
    this.words += 1;
    return true;
  }

  private allows(entry: NumberWord): boolean {
    const last = this.lastKind;
    switch (entry.kind) {
      case 'scale':
        return entry.value < this.lastScale;
      case 'hundred':
        return this.group === 0 ? last !== 'half' : last === 'unit' && this.group < 10;
      case 'ten':
      case 'teen':
        return last === undefined || last === 'scale' || last === 'hundred';
      case 'unit':
        return last === undefined || last === 'scale' || last === 'hundred' || last === 'ten';
      case 'half':
        return last !== undefined && last !== 'half';
    }
  }

  get value(): number {
    return this.total + this.group;
  }

  get wordCount(): number {
    return this.words;
  }
}
