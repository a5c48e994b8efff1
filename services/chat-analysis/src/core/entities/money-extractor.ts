import type { CandidateSink } from './candidate.js';
import type { MessageView } from './message-view.js';
import { phraseValue, type NumericPhrase } from './numeric-phrases.js';

interface Currency {
  readonly code: string;
  /** Words take Turkish endings ("liralık", "dolara"), and so does "TL" ("250 TLlik"); symbols and other codes take none. */
  readonly inflects: boolean;
  /** Subunits ("kuruş") count a hundredth of the currency. */
  readonly scale: number;
}

const currency = (code: string, inflects = false, scale = 1): Currency => ({ code, inflects, scale });

// Keys are folded (see foldKey); symbols are not touched by folding.
const CURRENCIES: ReadonlyMap<string, Currency> = new Map([
  ['₺', currency('TRY')],
  ['tl', currency('TRY', true)],
  ['try', currency('TRY')],
  ['lira', currency('TRY', true)],
  ['turk lirasi', currency('TRY', true)],
  ['kurus', currency('TRY', true, 0.01)],
  ['krs', currency('TRY', false, 0.01)],
  ['$', currency('USD')],
  ['us$', currency('USD')],
  ['usd', currency('USD')],
  ['dolar', currency('USD', true)],
  ['dollar', currency('USD')],
  ['dollars', currency('USD')],
  ['€', currency('EUR')],
  ['eur', currency('EUR')],
  ['euro', currency('EUR', true)],
  ['euros', currency('EUR')],
  ['avro', currency('EUR', true)],
  ['£', currency('GBP')],
  ['gbp', currency('GBP')],
  ['pound', currency('GBP')],
  ['pounds', currency('GBP')],
  ['sterlin', currency('GBP', true)],
  ['ingiliz sterlini', currency('GBP', true)],
]);

const CURRENCY_AFTER =
  /\s{0,2}(turk\s{1,2}lirasi|ingiliz\s{1,2}sterlini|euros?|eur|dollars?|dolar|pounds?|gbp|usd|us\$|tl|try|lira|kurus|krs|avro|sterlin|[₺$€£])(\p{L}*)/uy;
const CURRENCY_BEFORE = /(?:(?:^|[^\p{L}\p{N}])(tl|usd|eur|gbp)|(us\$|[₺$€£]))\s{0,2}$/u;
const SUBUNIT_AFTER = /\s{1,2}(\d{1,2})\s{0,2}(?:kurus|krs)(?![\p{L}\p{N}])/uy;
// Endings a currency word takes, folded: "liralık", "liraya", "doları", "dolardan", "lirası", "euroluk".
const ENDING = /^(?:l[iu][kg]\p{L}{0,4}|y?[aeiu]|[dt][ae]n?|s[iu]\p{L}{0,4}|l[ae]r\p{L}{0,4}|yl[ae]|n?[iu]n)$/u;

interface CurrencyMatch {
  readonly currency: Currency;
  readonly end: number;
}

function currencyAfter(view: MessageView, phraseEnd: number): CurrencyMatch | undefined {
  CURRENCY_AFTER.lastIndex = phraseEnd;
  const match = CURRENCY_AFTER.exec(view.folded);
  if (match === null) return undefined;
  const [whole, word = '', letters = ''] = match;
  const found = CURRENCIES.get(word.replace(/\s+/g, ' '));
  if (found === undefined) return undefined;
  if (letters.length > 0 && !(found.inflects && ENDING.test(letters))) return undefined;
  // "try" is only the currency code in capitals; lower-case it is the English verb.
  if (word === 'try' && view.text.slice(CURRENCY_AFTER.lastIndex - 3, CURRENCY_AFTER.lastIndex) !== 'TRY')
    return undefined;
  return { currency: found, end: phraseEnd + whole.length };
}

function currencyBefore(view: MessageView, phraseStart: number): { currency: Currency; start: number } | undefined {
  const from = Math.max(0, phraseStart - 6);
  const match = CURRENCY_BEFORE.exec(view.folded.slice(from, phraseStart));
  const word = match?.[1] ?? match?.[2];
  if (match === null || word === undefined) return undefined;
  const found = CURRENCIES.get(word);
  if (found === undefined) return undefined;
  return { currency: found, start: from + match.index + match[0].indexOf(word) };
}

/** "99 lira 90 kuruş": the kuruş belong to the same amount. */
function withSubunits(view: MessageView, amount: number, end: number, currency: Currency): [number, number] {
  if (currency.code !== 'TRY' || currency.scale !== 1) return [amount, end];
  SUBUNIT_AFTER.lastIndex = end;
  const match = SUBUNIT_AFTER.exec(view.folded);
  if (match === null || !Number.isInteger(amount)) return [amount, end];
  return [amount + Number(match[1]) / 100, SUBUNIT_AFTER.lastIndex];
}

function moneyFrom(view: MessageView, phrase: NumericPhrase, out: CandidateSink): void {
  const value = phraseValue(phrase, 'money');
  if (value === undefined || value <= 0) return;
  const after = currencyAfter(view, phrase.end);
  const before = after === undefined && phrase.numeral !== undefined ? currencyBefore(view, phrase.start) : undefined;
  const found = after ?? before;
  if (found === undefined) return;
  const start = before?.start ?? phrase.start;
  const [amount, end] = withSubunits(view, value * found.currency.scale, after?.end ?? phrase.end, found.currency);
  out.push({
    type: 'money',
    start,
    end,
    normalized: { amount: Math.round(amount * 100) / 100, currency: found.currency.code },
    confidence: phrase.numeral === undefined ? 0.85 : 0.95,
  });
}

/**
 * Amounts with a currency: 1.250,50 TL, ₺99, 99,90 lira, $20, 15 euro, 1,250.50 USD, 2 bin TL,
 * iki yüz lira. The currency is the ISO 4217 code; separators are read by shape (see parseNumeral).
 */
export function extractMoney(view: MessageView, out: CandidateSink): void {
  for (const phrase of view.numerics) moneyFrom(view, phrase, out);
}
