import type { CandidateSink } from './candidate.js';
import {
  addMonths,
  endOfMonth,
  formatDay,
  shiftToWeekday,
  turkeyDay,
  weekdayInWeek,
  type WeekdayDirection,
} from './calendar.js';
import { alternation, takesSuffix, WEEKDAYS } from './calendar-words.js';
import type { MessageView } from './message-view.js';
import { phraseValue } from './numeric-phrases.js';

/** Words that name a day by its distance from today, in days. */
const DAY_OFFSETS: ReadonlyMap<string, number> = new Map([
  ['bugun', 0],
  ['bu gun', 0],
  ['today', 0],
  ['yarin', 1],
  ['tomorrow', 1],
  ['dun', -1],
  ['yesterday', -1],
  ['ertesi gun', 1],
  ['obur gun', 2],
  ['yarindan sonra', 2],
  ['day after tomorrow', 2],
  ['evvelsi gun', -2],
  ['onceki gun', -2],
  ['dunden onceki gun', -2],
  ['day before yesterday', -2],
  ['haftaya', 7],
  ['haftaya bugun', 7],
  ['gelecek hafta', 7],
  ['onumuzdeki hafta', 7],
  ['next week', 7],
  ['gecen hafta', -7],
  ['last week', -7],
]);

const MONTH_END_PHRASES = ['ay sonu', 'ay sonunda', 'ay sonuna', 'bu ay sonu', 'end of the month', 'end of month'];

const DAY_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(${alternation([...DAY_OFFSETS.keys(), ...MONTH_END_PHRASES].map((phrase) => phrase.replace(/ /g, '\\s{1,3}')))})(\\p{L}*)`,
  'gu',
);
const WEEKDAY = new RegExp(`(?<![\\p{L}\\p{N}])(${alternation(WEEKDAYS.keys())})(\\p{L}*)`, 'gu');
const UNIT_AFTER = /\s{1,3}(gun|hafta|ay|days?|weeks?|months?)\s{1,3}(sonra|once|evvel|ago|later)(?![\p{L}\p{N}])/uy;
const ENGLISH_UNIT_AFTER = /\s{1,3}(days?|weeks?|months?)(?![\p{L}\p{N}])/uy;
const ENGLISH_IN_BEFORE = /(?:^|[^\p{L}\p{N}])in\s{1,3}$/u;
const ARTICLE_SPAN =
  /(?<![\p{L}\p{N}])(?:in\s{1,3}an?\s{1,3}(week|month)|an?\s{1,3}(week|month)\s{1,3}ago)(?![\p{L}\p{N}])/gu;

// Read right to left from a weekday: which week, or which direction, the words before it point.
const WEEKDAY_MODIFIER =
  /(?:^|[^\p{L}\p{N}])(?<modifier>haftaya|gelecek\s{1,3}hafta|onumuzdeki\s{1,3}hafta|next\s{1,3}week|gecen\s{1,3}hafta|last\s{1,3}week|bu|this|coming|gelecek|onumuzdeki|next|gecen|last|previous|past|onceki)\s{1,3}$/du;
const WEEK_AHEAD = /^(?:haftaya|gelecek|onumuzdeki|next)\s{1,3}(?:hafta|week)$/u;
const WEEK_BEHIND = /^(?:gecen|last)\s{1,3}(?:hafta|week)$/u;
const DAY_PART_AFTER = /\s{1,3}(?:gunu|gun|sabah\p{L}*|aksam\p{L}*|ogle\p{L}*|gece\p{L}*)(?![\p{L}\p{N}])/uy;
// "Black Friday" is a sale, not a Friday.
const NOT_A_WEEKDAY_BEFORE = /(?:black|cyber)\s{1,3}$/u;
const GUNU_AFTER = /\s{1,3}gunu(?![\p{L}\p{N}])/uy;
const UNTIL_AFTER = /^\s{1,3}kadar(?![\p{L}\p{N}])/u;
const WEEKDAY_BEFORE = new RegExp(
  `(?:${alternation(WEEKDAYS.keys())})\\p{L}*\\s{0,2}(?:,|-|ve|veya|ya da|yada|or|and)?\\s{0,3}$`,
  'u',
);

function push(out: CandidateSink, start: number, end: number, day: number, confidence: number): void {
  out.push({ type: 'date', start, end, normalized: formatDay(day), confidence });
}

function dayWords(view: MessageView, today: number, out: CandidateSink): void {
  for (const match of view.folded.matchAll(DAY_WORD)) {
    const [whole, phraseText = '', letters = ''] = match;
    const phrase = phraseText.replace(/\s+/g, ' ');
    if (!takesSuffix(phrase.slice(phrase.lastIndexOf(' ') + 1), letters)) continue;
    const offset = DAY_OFFSETS.get(phrase);
    const day = offset === undefined ? endOfMonth(today) : today + offset;
    push(out, match.index, match.index + whole.length, day, offset === undefined ? 0.8 : 0.9);
  }
}

function unitShift(today: number, count: number, unit: string, backwards: boolean): number {
  const sign = backwards ? -1 : 1;
  if (unit.startsWith('ay') || unit.startsWith('month')) return addMonths(today, sign * count);
  return today + sign * count * (unit.startsWith('hafta') || unit.startsWith('week') ? 7 : 1);
}

function countedOffsets(view: MessageView, today: number, out: CandidateSink): void {
  const { folded } = view;
  for (const phrase of view.numerics) {
    const count =
      phrase.numeral !== undefined && !/^\d{1,3}$/.test(phrase.numeral) ? undefined : phraseValue(phrase, 'tr');
    if (count === undefined || !Number.isInteger(count) || count < 1 || count > 400) continue;
    UNIT_AFTER.lastIndex = phrase.end;
    const turkish = UNIT_AFTER.exec(folded);
    if (turkish !== null) {
      const backwards = turkish[2] !== 'sonra' && turkish[2] !== 'later';
      push(out, phrase.start, UNIT_AFTER.lastIndex, unitShift(today, count, turkish[1] ?? '', backwards), 0.85);
      continue;
    }
    if (!ENGLISH_IN_BEFORE.test(folded.slice(Math.max(0, phrase.start - 6), phrase.start))) continue;
    ENGLISH_UNIT_AFTER.lastIndex = phrase.end;
    const english = ENGLISH_UNIT_AFTER.exec(folded);
    if (english === null) continue;
    const start = folded.lastIndexOf('in', phrase.start);
    push(out, start, ENGLISH_UNIT_AFTER.lastIndex, unitShift(today, count, english[1] ?? '', false), 0.85);
  }
  if (!folded.includes('week') && !folded.includes('month')) return;
  for (const match of folded.matchAll(ARTICLE_SPAN)) {
    const unit = match[1] ?? match[2] ?? '';
    push(out, match.index, match.index + match[0].length, unitShift(today, 1, unit, match[1] === undefined), 0.85);
  }
}

/** Whether a bare "pazar" is Sunday: "pazar günü", "pazara kadar", "cumartesi veya pazar"; else a market. */
function isSunday(view: MessageView, start: number, end: number, letters: string): boolean {
  DAY_PART_AFTER.lastIndex = end;
  if (letters === '' && DAY_PART_AFTER.test(view.folded)) return true;
  if (letters === 'a' && UNTIL_AFTER.test(view.folded.slice(end, end + 10))) return true;
  return WEEKDAY_BEFORE.test(view.folded.slice(Math.max(0, start - 24), start));
}

function weekdays(view: MessageView, today: number, out: CandidateSink): void {
  const { folded } = view;
  for (const match of folded.matchAll(WEEKDAY)) {
    const [, name = '', letters = ''] = match;
    if (!takesSuffix(name, letters)) continue;
    if (NOT_A_WEEKDAY_BEFORE.test(folded.slice(Math.max(0, match.index - 8), match.index))) continue;
    const weekday = WEEKDAYS.get(name) ?? 0;
    const stemEnd = match.index + match[0].length;
    const lookback = Math.max(0, match.index - 24);
    const modifier = WEEKDAY_MODIFIER.exec(folded.slice(lookback, match.index));
    const modifierText = modifier?.groups?.['modifier']?.replace(/\s+/g, ' ');
    if (modifierText === undefined && name === 'pazar' && !isSunday(view, match.index, stemEnd, letters)) continue;

    let day: number;
    if (modifierText !== undefined && WEEK_AHEAD.test(modifierText)) day = weekdayInWeek(today, weekday, 1);
    else if (modifierText !== undefined && WEEK_BEHIND.test(modifierText)) day = weekdayInWeek(today, weekday, -1);
    else day = shiftToWeekday(today, weekday, directionOf(modifierText));

    GUNU_AFTER.lastIndex = stemEnd;
    const end = letters === '' && GUNU_AFTER.test(folded) ? GUNU_AFTER.lastIndex : stemEnd;
    const start = lookback + (modifier?.indices?.groups?.['modifier']?.[0] ?? match.index - lookback);
    push(out, start, end, day, modifierText === undefined ? 0.75 : 0.85);
  }
}

function directionOf(modifier: string | undefined): WeekdayDirection {
  switch (modifier) {
    case 'bu':
    case 'this':
    case 'coming':
      return 'upcoming';
    case 'gecen':
    case 'last':
    case 'previous':
    case 'past':
    case 'onceki':
      return 'previous';
    default:
      return 'next';
  }
}

/**
 * Dates relative to when the message was written, resolved on Turkey's calendar (UTC+3): bugün, yarın,
 * 3 gün sonra, haftaya salı, geçen pazartesi, in 3 days, next Monday. Skipped without a reference time.
 */
export function extractRelativeDates(view: MessageView, out: CandidateSink): void {
  if (view.referenceTime === undefined) return;
  const today = turkeyDay(view.referenceTime);
  dayWords(view, today, out);
  countedOffsets(view, today, out);
  weekdays(view, today, out);
}
