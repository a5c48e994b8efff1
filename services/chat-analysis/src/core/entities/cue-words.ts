import { wordList } from './word-list.js';

/**
 * What a word says about the digits next to it. Identifier cues ("sipariş", "kargo takip", "fatura")
 * mean the digits are not a phone; phone cues ("tel", "arayın", "whatsapp") mean they are; filler
 * ("no", "numarası", "kodu") only sits between a cue and its value. Keys are folded (see foldKey).
 */
export type CueKind = 'order' | 'tracking' | 'account' | 'phone' | 'own-number' | 'filler';

const EXACT_WORDS: Readonly<Record<CueKind, string>> = {
  order: 'order orders',
  // Carriers count as tracking cues: "Aras Kargo 1234567890", "UPS 1Z…".
  tracking: 'track tracking shipment yurtici aras mng ptt surat ups dhl fedex tnt hepsijet sendeo express kolaygelsin',
  account: 'invoice iban account tc kimlik vergi kupon',
  phone: 'tel tlf gsm wp whatsup mobile cell call ara contact sms',
  'own-number': '',
  filler: 'no nolu nr num number code id is su sudur olan',
};

const EXACT: ReadonlyMap<string, CueKind> = new Map(
  (Object.entries(EXACT_WORDS) as [CueKind, string][]).flatMap(([kind, list]) =>
    wordList(list).map((word): [string, CueKind] => [word, kind]),
  ),
);

// Stems that take endings: "siparişim", "kargoya", "telefonumdan", "arayabilirsiniz", "numaramdan".
// "numaram" (my number) must be tried before "numara".
const PREFIXES: ReadonlyArray<readonly [string, CueKind]> = [
  ['siparis', 'order'],
  ['kargo', 'tracking'],
  ['takip', 'tracking'],
  ['gonderi', 'tracking'],
  ['fatura', 'account'],
  ['hesap', 'account'],
  ['barkod', 'account'],
  ['musteri', 'account'],
  ['uyelik', 'account'],
  ['telefon', 'phone'],
  ['phone', 'phone'],
  ['cep', 'phone'],
  ['whatsapp', 'phone'],
  ['mobil', 'phone'],
  ['aray', 'phone'],
  ['arar', 'phone'],
  ['ulas', 'phone'],
  ['iletisim', 'phone'],
  ['numaram', 'own-number'],
  ['numara', 'filler'],
  ['kod', 'filler'],
];

// Every prefix is at least three letters long, so its first three letters narrow the search to one or two.
const PREFIXES_BY_HEAD: ReadonlyMap<string, ReadonlyArray<readonly [string, CueKind]>> = PREFIXES.reduce(
  (index, entry) => index.set(entry[0].slice(0, 3), [...(index.get(entry[0].slice(0, 3)) ?? []), entry]),
  new Map<string, ReadonlyArray<readonly [string, CueKind]>>(),
);

export function cueOf(key: string): CueKind | undefined {
  const exact = EXACT.get(key);
  if (exact !== undefined) return exact;
  for (const [prefix, kind] of PREFIXES_BY_HEAD.get(key.slice(0, 3)) ?? []) if (key.startsWith(prefix)) return kind;
  return undefined;
}
