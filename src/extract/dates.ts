import chineseDays from 'chinese-days';
import type { LocalDate } from '../domain/ids.js';

/** `YYYY-MM-DD` of a year, month (1-12) and day. */
export function ymd(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parts(date: LocalDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function endOfMonth(y: number, m: number): LocalDate {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return ymd(yy, mm, lastDayOfMonth(yy, mm));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Same day `n` months later, clamped to the month's end (01-31 + 1 month → 02-28/29). */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  return ymd(yy, mm, Math.min(d, lastDayOfMonth(yy, mm)));
}

/** The Sunday that ends the (Monday-first) week of `date`. */
export function sundayOfWeek(date: LocalDate): LocalDate {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, dow === 0 ? 0 : 7 - dow);
}

/** A festival's date in a Gregorian year: fixed (元旦), lunar (春节, 端午, 中秋) or a solar term (清明). */
export function festivalDate(year: number, rule: { solar?: string; lunar?: string; term?: string; month?: number }): LocalDate | null {
  if (rule.solar) return `${year}-${rule.solar}`;
  if (year < 1901 || year > 2099) return null;
  if (rule.lunar) return chineseDays.getSolarDateFromLunar(`${year}-${rule.lunar}`).date;
  if (rule.term && rule.month) {
    return chineseDays.getSolarTermDate(year, rule.month, rule.term as Parameters<typeof chineseDays.getSolarTermDate>[2]);
  }
  return null;
}
