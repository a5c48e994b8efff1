import type { CandidateSink } from './candidate.js';
import { dayNumber, formatDay, turkeyDay, yearOf } from './calendar.js';
import { alternation, MONTHS, takesSuffix, WEEKDAYS } from './calendar-words.js';
import type { MessageView } from './message-view.js';

const MONTH = alternation(MONTHS.keys());
// Every pattern runs on the folded text; the look-behinds start matches only at the edge of a number,
// so "1.250.000" or a run of digits is not re-entered at every position.
const DAY_MONTH_YEAR = /(?<![\p{L}\p{N}.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}]|[.,/-]\d)/gu;
const YEAR_MONTH_DAY = /(?<![\p{L}\p{N}.,/-])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\p{L}\p{N}]|[.,/-]\d)/gu;
const DAY_MONTH = /(?<![\p{L}\p{N}.,/-])(\d{1,2})([./])(\d{1,2})(?![\p{N}]|[.,/-]\d)/gu;
const DAY_NAMED_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d{1,2})(?:\\.|st|nd|rd|th)?(?:\\s{1,3}of)?\\s{1,3}(${MONTH})(\\p{L}*)(?:['’]\\p{L}+)?(?:,?\\s{1,3}(\\d{4})(?![\\p{L}\\p{N}]))?`,
  'dgu',
);
const NAMED_MONTH_DAY = new RegExp(
  `(?<![\\p{L}\\p{N}])(${MONTH})\\.?\\s{1,3}(\\d{1,2}(?:st|nd|rd|th)?)(?![\\p{L}\\p{N}]|[.,]\\d)(?:,?\\s{1,3}(\\d{4})(?![\\p{L}\\p{N}]))?`,
  'dgu',
);
// A day and month without a year reads as a date only when something says so: "15/03", "15.03'te",
// "15.03 tarihinde". A bare "12.50" is a price and "saat 10.05" a time.
const DATE_WORD_AFTER = /^(?:['’]\p{L}|\s{1,3}(?:tarih|gunu|gun\b))/u;
const TIME_WORD_BEFORE = /(?:saat|at)\s{0,2}$/;

// "12 Mart Çarşamba", "Friday, March 14": the weekday belongs to the date, not to a date of its own.
const WEEKDAY = alternation(WEEKDAYS.keys());
const WEEKDAY_AFTER = new RegExp(`,?\\s{1,3}(?:${WEEKDAY})(?![\\p{L}\\p{N}])`, 'uy');
const WEEKDAY_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${WEEKDAY}),?\\s{1,3}$`, 'u');

function fullYear(written: string): number {
  const year = Number(written);
  return written.length === 2 ? 2000 + year : year;
}

/** Day-first, as Turkish writes it, unless only month-first gives a real date (03/15/2025). */
function readDayMonth(first: number, second: number, year: number): number | undefined {
  if (first <= 12 && second > 12) return dayNumber(year, first, second);
  return dayNumber(year, second, first);
}

/**
 * Records a date, widened over a weekday written next to it. A date that does not exist (31.02.2025,
 * 29 Şubat 2025) is claimed as `void`, so its digits do not come out as numbers either.
 */
function push(
  view: MessageView,
  out: CandidateSink,
  start: number,
  end: number,
  day: number | undefined,
  confidence: number,
): void {
  if (day === undefined) {
    out.push({ type: 'void', start, end, normalized: '', confidence: 0.5 });
    return;
  }
  WEEKDAY_AFTER.lastIndex = end;
  const widenedEnd = WEEKDAY_AFTER.test(view.folded) ? WEEKDAY_AFTER.lastIndex : end;
  const before = WEEKDAY_BEFORE.exec(view.folded.slice(Math.max(0, start - 16), start));
  const widenedStart = before === null ? start : start - before[0].length;
  out.push({ type: 'date', start: widenedStart, end: widenedEnd, normalized: formatDay(day), confidence });
}

function numericDates(view: MessageView, referenceYear: number | undefined, out: CandidateSink): void {
  for (const match of view.folded.matchAll(DAY_MONTH_YEAR)) {
    const [whole, first = '', , second = '', year = ''] = match;
    const day = readDayMonth(Number(first), Number(second), fullYear(year));
    push(view, out, match.index, match.index + whole.length, day, year.length === 4 ? 0.95 : 0.85);
  }
  for (const match of view.folded.matchAll(YEAR_MONTH_DAY)) {
    const [whole, year = '', , month = '', day = ''] = match;
    push(view, out, match.index, match.index + whole.length, dayNumber(Number(year), Number(month), Number(day)), 0.95);
  }
  if (referenceYear === undefined) return;
  for (const match of view.folded.matchAll(DAY_MONTH)) {
    const [whole, first = '', separator, second = ''] = match;
    const end = match.index + whole.length;
    if (first.length + second.length < 3) continue;
    if (TIME_WORD_BEFORE.test(view.folded.slice(Math.max(0, match.index - 8), match.index))) continue;
    const cued = DATE_WORD_AFTER.test(view.folded.slice(end, end + 12));
    if (separator === '.' && !cued) continue;
    if (separator === '/' && !cued && /^\p{L}/u.test(view.folded.slice(end, end + 1))) continue;
    push(view, out, match.index, end, readDayMonth(Number(first), Number(second), referenceYear), cued ? 0.8 : 0.7);
  }
}

/** A written year when it is plausible, else the reference year and a span that stops before it. */
function resolveYear(yearText: string | undefined, referenceYear: number | undefined): number | undefined {
  const year = yearText === undefined ? undefined : Number(yearText);
  return year !== undefined && dayNumber(year, 1, 1) !== undefined ? year : referenceYear;
}

function namedMonthDates(view: MessageView, referenceYear: number | undefined, out: CandidateSink): void {
  for (const match of view.folded.matchAll(DAY_NAMED_MONTH)) {
    const [, dayText = '', monthName = '', letters = '', yearText] = match;
    if (!takesSuffix(monthName, letters)) continue;
    const year = resolveYear(yearText, referenceYear);
    if (year === undefined) continue;
    const hasYear = yearText !== undefined && year === Number(yearText);
    const end = (hasYear ? match.indices?.[4]?.[1] : match.indices?.[3]?.[1]) ?? match.index;
    const day = dayNumber(year, MONTHS.get(monthName) ?? 0, Number(dayText));
    push(view, out, match.index, end, day, hasYear ? 0.95 : 0.9);
  }
  for (const match of view.folded.matchAll(NAMED_MONTH_DAY)) {
    const [, monthName = '', dayText = '', yearText] = match;
    const year = resolveYear(yearText, referenceYear);
    if (year === undefined) continue;
    const hasYear = yearText !== undefined && year === Number(yearText);
    const end = (hasYear ? match.indices?.[3]?.[1] : match.indices?.[2]?.[1]) ?? match.index;
    const day = dayNumber(year, MONTHS.get(monthName) ?? 0, Number.parseInt(dayText, 10));
    push(view, out, match.index, end, day, hasYear ? 0.9 : 0.85);
  }
}

/**
 * Calendar dates written out: 12.03.2025, 2025-03-12, 12 Mart 2025, 3 Ocak'ta, March 12, 2025,
 * 12th of March. A missing year is the year of the message in Turkey; without a reference it is skipped.
 */
export function extractAbsoluteDates(view: MessageView, out: CandidateSink): void {
  if (!view.hasDigits) return;
  const referenceYear = view.referenceTime === undefined ? undefined : yearOf(turkeyDay(view.referenceTime));
  numericDates(view, referenceYear, out);
  namedMonthDates(view, referenceYear, out);
}
