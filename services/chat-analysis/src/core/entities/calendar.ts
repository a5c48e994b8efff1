/**
 * Calendar days as whole numbers (days since 1970-01-01), so relative dates are integer arithmetic
 * and never touch the wall clock or the host's time zone.
 */
const DAY_MS = 86_400_000;
// Turkey has kept UTC+3 all year since 2016, so "today" for a Turkish shopper is the UTC+3 calendar day.
const TURKEY_OFFSET_MS = 3 * 3_600_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** The calendar day in Turkey at an epoch-millisecond instant. */
export function turkeyDay(epochMs: number): number {
  return Math.floor((epochMs + TURKEY_OFFSET_MS) / DAY_MS);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day number of a date, or undefined when no such date exists (31.02) or the year is implausible. */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function parts(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function yearOf(day: number): number {
  return parts(day).year;
}

/** ISO calendar date, YYYY-MM-DD. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The same day of the month `months` later, clamped to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const { year, month, day: dayOfMonth } = parts(day);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const clamped = Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth));
  return Date.UTC(targetYear, targetMonth - 1, clamped) / DAY_MS;
}

export function endOfMonth(day: number): number {
  const { year, month } = parts(day);
  return Date.UTC(year, month - 1, daysInMonth(year, month)) / DAY_MS;
}

/**
 * How a weekday name points from today: `upcoming` counts today ("bu cuma" on a Friday is today),
 * `next` starts tomorrow ("pazartesi", "next Monday"), `previous` looks back ("geçen pazartesi").
 */
export type WeekdayDirection = 'upcoming' | 'next' | 'previous';

export function shiftToWeekday(today: number, weekday: number, direction: WeekdayDirection): number {
  const ahead = (weekday - weekdayOf(today) + 7) % 7;
  if (direction === 'upcoming') return today + ahead;
  if (direction === 'next') return today + (ahead === 0 ? 7 : ahead);
  const behind = (weekdayOf(today) - weekday + 7) % 7;
  return today - (behind === 0 ? 7 : behind);
}

/** The given weekday in the Monday-based week `weeks` away from today's ("haftaya salı" = weeks 1). */
export function weekdayInWeek(today: number, weekday: number, weeks: number): number {
  const monday = today - ((weekdayOf(today) + 6) % 7);
  return monday + weeks * 7 + ((weekday + 6) % 7);
}
