/**
 * The working-day calendar: 法定节假日 and 调休 make-up days from the maintained package `chinese-days`, plus
 * the notices a city adds for years the package does not know yet. Built once into typed arrays so that every
 * question is a few array reads (a lights sweep asks millions of them).
 */
import { DomainError } from './errors.js';
import type { LocalDate } from './ids.js';
import { dayFromCivil, formatDay, isoWeekday, parseDay, weekdayOfOrdinal, weekdaysBefore, yearOfDay } from './calendar-days.js';
import { mergeOverrides, parseHolidayNotices, type HolidayNotice } from './calendar-notice.js';
import { STATUTORY_LAST_YEAR, statutoryDaysOff } from './statutory-holidays.js';

/** Working-day offsets beyond this are refused as input errors (a century either way). */
const MAX_OFFSET = 36_500;

export interface WorkCalendarOptions {
  /** Holiday notices (validated here): add a year the package does not cover, or correct one it does. */
  readonly notices?: unknown;
}

/**
 * Working days of the official calendar. A year whose notice is known (`coveredYears`) is counted on it; a later
 * year up to STATUTORY_LAST_YEAR, before its notice is published, on its statutory holidays and weekends
 * (statutory-holidays.ts): such an answer is provisional (`isProvisional`), never refused. The LocalDate methods
 * raise `calendar_not_covered` only before the first covered year or after STATUTORY_LAST_YEAR. The `…Day`
 * methods work on day numbers (see calendar-days.ts), never throw, and count Mon–Fri outside the table;
 * callers that must stay total (the lights) use them and check `coversDayRange` to flag the answer as
 * approximate.
 *
 * A year counts as covered once its notice is known. One residual risk is accepted knowingly: a notice may
 * also make a late-December day of the previous year a working day (the 2012 notice did so for 2011-12-31),
 * so the last days of the last covered year can still change when next year's notice arrives.
 */
export class WorkCalendar {
  /** Years whose official arrangement is known, ascending. */
  readonly coveredYears: readonly number[];
  /** The notices given to this calendar (validated), so a tenant's calendar can be built on an installation's. */
  readonly notices: readonly HolidayNotice[];
  /** Last year of the table: years after the last covered one up to here are provisional. */
  readonly lastYear: number;
  /** First day of the table (1 January of the first year). */
  private readonly t0: number;
  /** 1 for a working day, per day of the table. */
  private readonly work: Uint8Array;
  /** Working days in [t0, t0 + i), for i in 0..length. */
  private readonly cum: Int32Array;
  /** Day numbers of the table's working days, ascending. */
  private readonly workdays: Int32Array;
  /** Days of uncovered years in [t0, t0 + i), to test a range for coverage in O(1). */
  private readonly uncoveredCum: Int32Array;
  private readonly base: number;

  constructor(options: WorkCalendarOptions = {}) {
    const notices = options.notices === undefined ? [] : parseHolidayNotices(options.notices);
    const data = mergeOverrides(notices);
    const years = [...data.years].sort((a, b) => a - b);
    this.coveredYears = years;
    this.notices = notices;
    const firstYear = years[0] ?? 2004;
    const lastYear = Math.max(years[years.length - 1] ?? firstYear, STATUTORY_LAST_YEAR);
    this.lastYear = lastYear;
    this.t0 = dayFromCivil(firstYear, 1, 1);
    const length = dayFromCivil(lastYear + 1, 1, 1) - this.t0;
    const work = new Uint8Array(length);
    for (let i = 0; i < length; i++) work[i] = isoWeekday(this.t0 + i) <= 5 ? 1 : 0;
    const set = (d: LocalDate, v: number): void => {
      const i = parseDay(d) - this.t0;
      if (i >= 0 && i < length) work[i] = v;
    };
    const covered = new Set(years);
    // Provisional years first, so a notice's make-up day in late December of the year before wins over them.
    for (let y = firstYear; y <= lastYear; y++) if (!covered.has(y)) for (const d of statutoryDaysOff(y)) if (!covered.has(Number(d.slice(0, 4)))) set(d, 0);
    for (const d of data.holidays) set(d, 0);
    for (const d of data.workdays) set(d, 1);
    this.work = work;
    this.cum = new Int32Array(length + 1);
    this.uncoveredCum = new Int32Array(length + 1);
    let year = firstYear;
    let nextYearStart = dayFromCivil(firstYear + 1, 1, 1);
    for (let i = 0; i < length; i++) {
      if (this.t0 + i >= nextYearStart) nextYearStart = dayFromCivil(++year + 1, 1, 1);
      this.cum[i + 1] = (this.cum[i] ?? 0) + (work[i] ?? 0);
      this.uncoveredCum[i + 1] = (this.uncoveredCum[i] ?? 0) + (covered.has(year) ? 0 : 1);
    }
    this.workdays = new Int32Array(this.cum[length] ?? 0);
    for (let i = 0, k = 0; i < length; i++) if (work[i]) this.workdays[k++] = this.t0 + i;
    this.base = weekdaysBefore(this.t0);
  }

  // ---- day-number methods: total, Mon–Fri outside the covered years ----

  /** Number of working days before `day` (relative to a fixed origin); differences count working days. */
  workdaysBeforeDay(day: number): number {
    const i = day - this.t0;
    if (i < 0) return weekdaysBefore(day);
    const len = this.work.length;
    if (i <= len) return this.base + (this.cum[i] ?? 0);
    return this.base + (this.cum[len] ?? 0) + weekdaysBefore(day) - weekdaysBefore(this.t0 + len);
  }

  /** The working day with the given `workdaysBeforeDay` value. */
  private dayOfOrdinal(ordinal: number): number {
    const k = ordinal - this.base;
    if (k < 0) return weekdayOfOrdinal(ordinal);
    if (k < this.workdays.length) return this.workdays[k] ?? 0;
    return weekdayOfOrdinal(k - this.workdays.length + weekdaysBefore(this.t0 + this.work.length));
  }

  /** Whether `day` is a working day (Mon–Fri outside covered years). */
  isWorkdayDay(day: number): boolean {
    const i = day - this.t0;
    if (i >= 0 && i < this.work.length) return this.work[i] === 1;
    return isoWeekday(day) <= 5;
  }

  /**
   * The `n`-th working day after `day` (n > 0), before it (n < 0), or `day` itself (n = 0); `day` is never
   * counted, so the 1st working day after a Friday is the next working Monday (or a 调休 Saturday).
   */
  addWorkingDaysDay(day: number, n: number): number {
    if (n === 0) return day;
    return n > 0 ? this.dayOfOrdinal(this.workdaysBeforeDay(day + 1) + n - 1) : this.dayOfOrdinal(this.workdaysBeforeDay(day) + n);
  }

  /** Working days in (a, b] when a ≤ b, and minus those in (b, a] otherwise; inverse of `addWorkingDaysDay`. */
  workingDaysBetweenDays(a: number, b: number): number {
    return this.workdaysBeforeDay(b + 1) - this.workdaysBeforeDay(a + 1);
  }

  /** True when every day of [min(a,b), max(a,b)] lies in a covered year. */
  coversDayRange(a: number, b: number): boolean {
    const lo = Math.min(a, b) - this.t0;
    const hi = Math.max(a, b) - this.t0;
    if (!(lo >= 0 && hi < this.work.length)) return false;
    return this.uncoveredCum[hi + 1] === this.uncoveredCum[lo];
  }

  // ---- LocalDate methods: strict ----

  /** Whether the date is a working day. Raises `validation_failed` for a malformed date, `calendar_not_covered`. */
  isWorkday(date: LocalDate): boolean {
    const day = dayOf(date);
    this.requireCovered(day, day);
    return this.isWorkdayDay(day);
  }

  /**
   * The date `n` working days after `start` (before it when n < 0; `start` itself when n = 0). `start` is not
   * counted. Raises `validation_failed` (bad date, n not an integer within ±36500) or `calendar_not_covered`
   * when the span reaches a year no notice covers.
   */
  addWorkingDays(start: LocalDate, n: number): LocalDate {
    const day = dayOf(start);
    if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_OFFSET) {
      throw new DomainError('validation_failed', `Working-day offset must be an integer within ±${MAX_OFFSET}: ${n}`, `工作日数须为 ±${MAX_OFFSET} 以内的整数：${n}`, { n });
    }
    const result = this.addWorkingDaysDay(day, n);
    this.requireCovered(day, result);
    return formatDay(result);
  }

  /**
   * Working days after `a` up to and including `b` (negative when b is before a), so that
   * `addWorkingDays(a, workingDaysBetween(a, b))` is b or the last working day before it (for b ≥ a).
   * Raises `validation_failed` or `calendar_not_covered`.
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const da = dayOf(a);
    const db = dayOf(b);
    this.requireCovered(da, db);
    return this.workingDaysBetweenDays(da, db);
  }

  /** Whether the official arrangement of the date's year is known. */
  covers(date: LocalDate): boolean {
    const day = parseDay(date);
    return !Number.isNaN(day) && this.coversDayRange(day, day);
  }

  /**
   * Whether an answer about the span from `a` to `b` (either order) rests on a year whose notice is not known
   * yet: it is counted on the statutory holidays alone and may move when the notice is loaded.
   * Raises `validation_failed` for a malformed date.
   */
  isProvisional(a: LocalDate, b: LocalDate = a): boolean {
    return !this.coversDayRange(dayOf(a), dayOf(b));
  }

  /** `addWorkingDays` with whether the answer is provisional (see `isProvisional`). */
  addWorkingDaysMarked(start: LocalDate, n: number): { readonly date: LocalDate; readonly provisional: boolean } {
    const date = this.addWorkingDays(start, n);
    return { date, provisional: this.isProvisional(start, date) };
  }

  /** True when every day of the span lies in the table (covered or provisional years). */
  private inTable(a: number, b: number): boolean {
    const lo = Math.min(a, b) - this.t0;
    const hi = Math.max(a, b) - this.t0;
    return lo >= 0 && hi < this.work.length;
  }

  private requireCovered(a: number, b: number): void {
    if (this.inTable(a, b)) return;
    const first = this.coveredYears[0] ?? yearOfDay(this.t0);
    const lo = yearOfDay(Math.min(a, b));
    const year = lo < first ? lo : yearOfDay(Math.max(a, b));
    const range = `${first}–${this.lastYear}`;
    throw new DomainError(
      'calendar_not_covered',
      `The working-day calendar does not reach ${year} (it counts ${range}: known notices, then statutory holidays).`,
      `工作日历不含 ${year} 年（可计算 ${range} 年：已发布的节假日安排及法定节假日）。`,
      { year, coveredYears: this.coveredYears, lastYear: this.lastYear },
    );
  }
}

function dayOf(date: LocalDate): number {
  const day = parseDay(date);
  if (Number.isNaN(day)) {
    throw new DomainError('validation_failed', `Not a date written YYYY-MM-DD: ${String(date)}`, `日期格式应为 YYYY-MM-DD：${String(date)}`, { date });
  }
  return day;
}

let defaultCalendar: WorkCalendar | undefined;

/** The calendar of the package's data alone, built on first use and shared. */
export function defaultWorkCalendar(): WorkCalendar {
  defaultCalendar ??= new WorkCalendar();
  return defaultCalendar;
}

/**
 * The date `n` working days after `start` on the official calendar (see `WorkCalendar.addWorkingDays`).
 * Raises `validation_failed` or `calendar_not_covered`.
 */
export function addWorkingDays(start: LocalDate, n: number): LocalDate {
  return defaultWorkCalendar().addWorkingDays(start, n);
}

/** Whether `date` is a working day on the official calendar. Raises `validation_failed` or `calendar_not_covered`. */
export function isWorkday(date: LocalDate): boolean {
  return defaultWorkCalendar().isWorkday(date);
}

/** Working days in (a, b] on the official calendar (negative when b < a). Raises `validation_failed` or `calendar_not_covered`. */
export function workingDaysBetween(a: LocalDate, b: LocalDate): number {
  return defaultWorkCalendar().workingDaysBetween(a, b);
}
