/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (as revised in 2024): what a year's days off are before the
 * State Council's notice for it is published. The notice adds 调休 (make-up working days and bridged breaks),
 * which no rule predicts; until it arrives a year is counted on these days plus weekends, and every deadline
 * counted on it is marked provisional.
 *
 * Lunar dates (除夕, 端午, 中秋) and the solar term 清明 come from the maintained package `chinese-days`.
 */
import chineseDays from 'chinese-days';
import { dayFromCivil, formatDay, parseDay } from './calendar-days.js';
import type { LocalDate } from './ids.js';

/** Years the package's lunar tables cover (1900–2100); the last lunar year ends early in 2101. */
export const STATUTORY_FIRST_YEAR = 1901;
export const STATUTORY_LAST_YEAR = 2099;

/** The days off of one statutory holiday of a year. */
export interface StatutoryHoliday {
  readonly name: string;
  readonly nameZh: string;
  readonly days: readonly LocalDate[];
}

/**
 * The package parses `YYYY-MM-DD` text as UTC midnight but reads it back with local getters, so west of UTC a
 * string shifts by a day. A Date built from local fields reads back unchanged in every zone, and the results it
 * formats are local too: pass and read only local-field dates.
 */
function lunarToSolar(year: number, month: number, day: number): number {
  const r = chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day) as unknown as string);
  return parseDay(r.date);
}

/**
 * 清明 of a year. The package computes the day of April as a number and formats it through a UTC-midnight
 * Date read with local getters: in a zone west of UTC that reads one day early, which is undone here.
 */
function qingming(year: number): number {
  const text = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const day = parseDay(text);
  const westOfUtc = new Date(Date.UTC(year, 3, 5)).getTimezoneOffset() > 0;
  return westOfUtc ? day + 1 : day;
}

const memo = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The statutory holidays of `year` (2024 revision: 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2, 端午 1,
 * 中秋 1, 国庆 3), without 调休. Empty outside STATUTORY_FIRST_YEAR..STATUTORY_LAST_YEAR.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_FIRST_YEAR || year > STATUTORY_LAST_YEAR) return [];
  const known = memo.get(year);
  if (known) return known;
  const span = (first: number, n: number): LocalDate[] => Array.from({ length: n }, (_, i) => formatDay(first + i));
  // 除夕 is the day before 正月初一, whether the twelfth month has 29 or 30 days.
  const springFestival = lunarToSolar(year, 1, 1);
  const result: StatutoryHoliday[] = [
    { name: "New Year's Day", nameZh: '元旦', days: span(dayFromCivil(year, 1, 1), 1) },
    { name: 'Spring Festival', nameZh: '春节', days: span(springFestival - 1, 4) },
    { name: 'Tomb-sweeping Day', nameZh: '清明节', days: span(qingming(year), 1) },
    { name: 'Labour Day', nameZh: '劳动节', days: span(dayFromCivil(year, 5, 1), 2) },
    { name: 'Dragon Boat Festival', nameZh: '端午节', days: span(lunarToSolar(year, 5, 5), 1) },
    { name: 'Mid-autumn Festival', nameZh: '中秋节', days: span(lunarToSolar(year, 8, 15), 1) },
    { name: 'National Day', nameZh: '国庆节', days: span(dayFromCivil(year, 10, 1), 3) },
  ];
  memo.set(year, result);
  return result;
}

/** Every statutory day off of `year`, ascending; 除夕 of a 春节 early in January may fall in December before. */
export function statutoryDaysOff(year: number): LocalDate[] {
  return [...new Set(statutoryHolidays(year).flatMap((h) => h.days))].sort();
}
