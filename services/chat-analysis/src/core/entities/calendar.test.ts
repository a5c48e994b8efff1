import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayNumber,
  endOfMonth,
  formatDay,
  shiftToWeekday,
  turkeyDay,
  weekdayInWeek,
  weekdayOf,
} from './calendar.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('calendar', () => {
  it('takes the calendar day in Turkey (UTC+3), not in UTC', () => {
    expect(formatDay(turkeyDay(Date.parse('2025-03-11T20:59:59Z')))).toBe('2025-03-11');
    expect(formatDay(turkeyDay(Date.parse('2025-03-11T21:00:00Z')))).toBe('2025-03-12');
    expect(formatDay(turkeyDay(Date.parse('2025-03-11T22:30:00Z')))).toBe('2025-03-12');
  });

  it('refuses dates that do not exist', () => {
    expect(dayNumber(2025, 2, 31)).toBeUndefined();
    expect(dayNumber(2025, 2, 29)).toBeUndefined();
    expect(dayNumber(2024, 2, 29)).toBe(day('2024-02-29'));
    expect(dayNumber(2025, 13, 1)).toBeUndefined();
    expect(dayNumber(2025, 1, 0)).toBeUndefined();
    expect(dayNumber(1234, 1, 1)).toBeUndefined();
  });

  it('numbers weekdays like Date#getUTCDay', () => {
    expect(weekdayOf(day('2025-03-12'))).toBe(3);
    expect(weekdayOf(day('1969-12-28'))).toBe(0);
  });

  it('points weekday names forwards, strictly forwards or backwards', () => {
    const wednesday = day('2025-03-12');
    expect(formatDay(shiftToWeekday(wednesday, 3, 'upcoming'))).toBe('2025-03-12');
    expect(formatDay(shiftToWeekday(wednesday, 3, 'next'))).toBe('2025-03-19');
    expect(formatDay(shiftToWeekday(wednesday, 5, 'next'))).toBe('2025-03-14');
    expect(formatDay(shiftToWeekday(wednesday, 1, 'previous'))).toBe('2025-03-10');
    expect(formatDay(shiftToWeekday(wednesday, 3, 'previous'))).toBe('2025-03-05');
  });

  it('finds a weekday in another Monday-based week', () => {
    expect(formatDay(weekdayInWeek(day('2025-03-12'), 2, 1))).toBe('2025-03-18');
    expect(formatDay(weekdayInWeek(day('2025-03-16'), 0, 1))).toBe('2025-03-23');
    expect(formatDay(weekdayInWeek(day('2025-03-12'), 5, -1))).toBe('2025-03-07');
  });

  it('adds months and clamps to the end of the month', () => {
    expect(formatDay(addMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(formatDay(addMonths(day('2025-12-15'), 2))).toBe('2026-02-15');
    expect(formatDay(addMonths(day('2025-03-12'), -3))).toBe('2024-12-12');
    expect(formatDay(endOfMonth(day('2024-02-10')))).toBe('2024-02-29');
  });
});
