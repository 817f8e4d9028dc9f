/**
 * Day numbers: a LocalDate as the count of days since 1970-01-01 (a Thursday). The working-day calendar and the
 * lights do their arithmetic on these integers, because parsing and formatting strings per item would be the
 * slowest part of a sweep over a million items.
 */
import type { Instant, LocalDate } from './ids.js';

const MS_PER_DAY = 86_400_000;
/** 1969-12-29, a Monday: Mon–Fri counting starts from here so the formula needs no offset per weekday. */
const MONDAY_ZERO = -3;

/** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, valid for any year). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/**
 * The day number of a `YYYY-MM-DD` LocalDate, or NaN when the text is not a real calendar date. Never throws:
 * the lights rely on that to stay total over malformed rows.
 */
export function parseDay(date: LocalDate): number {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') return Number.NaN;
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return Number.NaN;
  return dayFromCivil(y, m, d);
}

/** The calendar year a day number falls in. */
export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The `YYYY-MM-DD` LocalDate of a day number. */
export function formatDay(day: number): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  const r = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return r + 1;
}

/** Number of Mon–Fri days in [MONDAY_ZERO, day) — negative before it. Differences give Mon–Fri counts. */
export function weekdaysBefore(day: number): number {
  const m = day - MONDAY_ZERO;
  const weeks = Math.floor(m / 7);
  return weeks * 5 + Math.min(m - weeks * 7, 5);
}

/** The Mon–Fri day whose `weekdaysBefore` is `ordinal` (the inverse of `weekdaysBefore` on weekdays). */
export function weekdayOfOrdinal(ordinal: number): number {
  const weeks = Math.floor(ordinal / 5);
  return MONDAY_ZERO + weeks * 7 + (ordinal - weeks * 5);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
/** Offsets change only at whole quarter hours of UTC in every modern zone, so a quarter-hour bucket is exact. */
const BUCKET_MS = 15 * 60_000;
const CACHE_LIMIT = 200_000;

function zoneOffsetMs(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Local wall-clock milliseconds (as if the zone were UTC) of an epoch instant. Offsets are memoised per
 * quarter hour and zone: Intl formatting costs microseconds, a Map lookup tens of nanoseconds.
 * Throws RangeError for an unknown zone (the app validates a tenant's zone when it is configured).
 */
export function localWallMs(ms: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    offset = zoneOffsetMs(bucket * BUCKET_MS, timeZone);
    cache.set(bucket, offset);
  }
  return ms + offset;
}

const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * Epoch milliseconds of the canonical instant form `YYYY-MM-DDTHH:MM:SS.sssZ` (what toISOString writes and
 * every stored instant is) read digit by digit, or NaN when the string is not of that form with a year from 1000
 * and a day up to 28 (the rest is left to Date.parse). The statistics read hundreds of thousands of instants;
 * Date.parse was most of their time.
 */
function canonicalInstantMs(s: string): number {
  if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return Number.NaN;
  if (s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return Number.NaN;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  const milli = digit(s, 20) * 100 + two(s, 21);
  // Digits only (NaN fails every test), and fields within the range where Date.UTC and Date.parse agree.
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59 && milli >= 0)) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** Epoch milliseconds of an Instant or Date; NaN when unparseable. */
export function instantMs(at: Instant | Date): number {
  if (typeof at === 'string') {
    const fast = canonicalInstantMs(at);
    return Number.isNaN(fast) ? Date.parse(at) : fast;
  }
  return at instanceof Date ? at.getTime() : Number.NaN;
}

/** The day number `months` calendar months after `day`, clamped to the month's end (01-31 + 1 month → 02-28). */
export function addMonthsDay(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return dayFromCivil(year, month, Math.min(d.getUTCDate(), daysInMonth(year, month)));
}

/** The local day number (in `timeZone`) an instant falls on; NaN for an unparseable instant. */
export function localDayOf(at: Instant | Date, timeZone: string): number {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return Number.NaN;
  return Math.floor(localWallMs(ms, timeZone) / MS_PER_DAY);
}

export { MS_PER_DAY };
