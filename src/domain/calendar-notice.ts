/**
 * Holiday notices: the official 法定节假日 and 调休 arrangement of one year. The maintained package
 * `chinese-days` supplies every year it knows; a city adds a year the package does not know yet from the
 * State Council's notice (国务院办公厅关于某年部分节假日安排的通知, usually published in November).
 */
import { z } from 'zod';
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DomainError } from './errors.js';
import { isoWeekday, parseDay, yearOfDay } from './calendar-days.js';
import type { LocalDate } from './ids.js';

const localDate = z.string().refine((s) => !Number.isNaN(parseDay(s)), { message: 'not a real date written YYYY-MM-DD' });

/**
 * One year's arrangement. `holidays` are the days off (the whole break, weekends inside it included);
 * `workdays` are the make-up working days (调休上班), always a Saturday or Sunday. A notice for year Y may name
 * a make-up day in December of Y − 1 (the 2012 notice made 2011-12-31 a working day), so such dates are allowed.
 */
export const HolidayNoticeSchema = z
  .object({
    year: z.number().int().min(1949).max(2200),
    holidays: z.array(localDate).min(1),
    workdays: z.array(localDate),
    /** The document it transcribes, e.g. 国办发明电〔2025〕7号. */
    source: z.string().max(200).optional(),
  })
  .superRefine((notice, ctx) => {
    const first = `${notice.year - 1}-12-01`;
    const last = `${notice.year}-12-31`;
    const off = new Set(notice.holidays);
    notice.holidays.forEach((d, i) => {
      if (d < first || d > last) ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${d} is outside ${notice.year}` });
    });
    notice.workdays.forEach((d, i) => {
      if (d < first || d > last) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is outside ${notice.year}` });
      if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is listed both as a holiday and as a workday` });
      const wd = isoWeekday(parseDay(d));
      if (!Number.isNaN(wd) && wd < 6) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is a weekday: make-up workdays fall on Saturday or Sunday` });
    });
  });
export type HolidayNotice = z.infer<typeof HolidayNoticeSchema>;

/**
 * Validates city-supplied notices. Throws DomainError `validation_failed` (naming the first problem) when one is
 * malformed, or when two notices are given for the same year.
 */
export function parseHolidayNotices(input: unknown): HolidayNotice[] {
  const result = z.array(HolidayNoticeSchema).safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    const what = issue ? issue.message : 'invalid';
    throw new DomainError('validation_failed', `Invalid holiday notice at ${where}: ${what}`, `节假日安排有误（${where}）：${what}`, {
      issues: result.error.issues,
    });
  }
  const seen = new Set<number>();
  for (const n of result.data) {
    if (seen.has(n.year)) {
      throw new DomainError('validation_failed', `Two holiday notices for ${n.year}`, `${n.year} 年的节假日安排重复提供`, { year: n.year });
    }
    seen.add(n.year);
  }
  return result.data;
}

/** Days off and make-up days by LocalDate, with the years they settle. */
export interface DayOverrides {
  readonly years: ReadonlySet<number>;
  readonly holidays: readonly LocalDate[];
  readonly workdays: readonly LocalDate[];
}

/**
 * The package's data merged with city notices. A notice for a year the package knows replaces the package's
 * entries dated in that year, so a city can correct a year as well as add one.
 */
export function mergeOverrides(notices: readonly HolidayNotice[]): DayOverrides {
  const replaced = new Set(notices.map((n) => n.year));
  const keep = (d: string): boolean => !replaced.has(Number(d.slice(0, 4)));
  const pkgHolidays = Object.keys(packageData.holidays).filter(keep);
  const pkgWorkdays = Object.keys(packageData.workdays).filter(keep);
  const years = new Set<number>();
  // A year is covered when its notice is known; every notice has holidays, and only holidays are counted because
  // a make-up day in December may belong to the next year's notice.
  for (const d of Object.keys(packageData.holidays)) years.add(yearOfDay(parseDay(d)));
  for (const n of notices) years.add(n.year);
  return {
    years,
    holidays: [...pkgHolidays, ...notices.flatMap((n) => n.holidays)],
    workdays: [...pkgWorkdays, ...notices.flatMap((n) => n.workdays)],
  };
}
