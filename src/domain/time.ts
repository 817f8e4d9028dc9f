import type { Instant, LocalDate } from './ids.js';

/** The city's time zone when a tenant sets none (DESIGN.md: dates live in the city's zone). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD, which is what LocalDate is.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar date an instant falls on in the given zone. */
export function toLocalDate(at: Instant | Date, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  return formatterFor(timeZone).format(typeof at === 'string' ? new Date(at) : at);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Days from `a` to `b` (b − a) counting calendar days; both are LocalDates. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The LocalDate `n` calendar days after `date` (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at an instant, read as if it were UTC (so its difference to the instant is the offset). */
function wallClockMs(ms: number, timeZone: string): number {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    wallClocks.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/**
 * The instant a calendar date begins in the given zone (its local midnight), for ranges of days over instants
 * such as "events of 7 December". Two passes over the zone's offset, so a day that starts next to a daylight-
 * saving change still lands on its first instant.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Instant {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let t = midnightUtc - (wallClockMs(midnightUtc, timeZone) - midnightUtc);
  t = midnightUtc - (wallClockMs(t, timeZone) - t);
  return new Date(t).toISOString();
}
