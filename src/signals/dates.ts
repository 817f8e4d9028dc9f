/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC), the way R's Date class does it.
 * Pure: every Date here is built from explicit arguments.
 */
import { SignalsError } from './errors.js';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a calendar date; month and day may overflow (31 Feb → 3 Mar), as in R's POSIXlt. */
export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Year, month (1–12) and day of a day number. */
export function ymdFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Parses YYYY-MM-DD strictly (no overflow); returns the day number or null when invalid. */
export function parseIsoDay(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const n = dayFromYmd(year, month, day);
  const back = ymdFromDay(n);
  return back.year === year && back.month === month && back.day === day ? n : null;
}

/** Formats a day number as YYYY-MM-DD. */
export function formatIsoDay(dayNumber: number): string {
  const { year, month, day } = ymdFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Weekday as R's format(d, "%w"): 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The same calendar date `years` years later (negative: earlier); 29 Feb falls on 1 Mar, as in R. */
export function addYears(dayNumber: number, years: number): number {
  const { year, month, day } = ymdFromDay(dayNumber);
  return dayFromYmd(year + years, month, day);
}

/** The same day of the month `months` months later (negative: earlier), overflowing as R's seq.Date. */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = ymdFromDay(dayNumber);
  return dayFromYmd(year, month + months, day);
}

/** Monday of ISO week `week` of ISO year `year`, or null if that week does not exist. */
export function isoWeekMonday(year: number, week: number): number | null {
  if (!Number.isInteger(week) || week < 1 || week > 53) return null;
  const jan4 = dayFromYmd(year, 1, 4);
  const mondayWeek1 = jan4 - ((weekday(jan4) + 6) % 7);
  const monday = mondayWeek1 + (week - 1) * 7;
  return isoWeekOf(monday).year === year ? monday : null;
}

/** ISO year and week of a day number. */
export function isoWeekOf(dayNumber: number): { year: number; week: number } {
  const thursday = dayNumber - ((weekday(dayNumber) + 6) % 7) + 3;
  const year = ymdFromDay(thursday).year;
  const jan1 = dayFromYmd(year, 1, 1);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** Parses the dates of a date-indexed series into day numbers; they must be valid and increasing. */
export function parseSeriesDates(dates: readonly string[]): Int32Array {
  const out = new Int32Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    const text = dates[i] ?? '';
    const n = parseIsoDay(text);
    if (n === null) {
      throw new SignalsError('invalid_series', `date ${i + 1} is not a valid YYYY-MM-DD date: "${text}"`, `第 ${i + 1} 个日期无效：“${text}”`, { index: i + 1 });
    }
    if (i > 0 && n <= (out[i - 1] ?? 0)) {
      throw new SignalsError('duplicate_period', `dates must increase: ${text} does not come after ${dates[i - 1]}`, `日期必须递增：${text} 未晚于 ${dates[i - 1]}`, {
        index: i + 1,
      });
    }
    out[i] = n;
  }
  return out;
}
