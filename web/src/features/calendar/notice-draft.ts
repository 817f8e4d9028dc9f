import type { CalKey } from '../../i18n/calendar-admin.js';
import { parseDateList } from './date-list.js';

/** What is wrong with a typed notice, as a text key of the tab and its values. */
export interface Problem {
  readonly field: 'holidays' | 'workdays';
  readonly key: CalKey;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface NoticeDraft {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
  readonly problems: readonly Problem[];
}

/**
 * Reads the two date fields of the form and checks them as the server will (days in the year — a make-up day
 * may fall in the December before, as in the 2012 notice — make-up days on weekends, no day in both lists), so
 * the clerk sees every problem at once and next to its field instead of the server's first one after sending.
 */
export function draftNotice(year: number, holidaysText: string, workdaysText: string): NoticeDraft {
  const off = parseDateList(holidaysText, year);
  const on = parseDateList(workdaysText, year);
  const problems: Problem[] = [];
  const first = `${year - 1}-12-01`;
  const last = `${year}-12-31`;
  const outside = (ds: readonly string[]) => ds.filter((d) => d < first || d > last);
  for (const [field, list] of [
    ['holidays', off],
    ['workdays', on],
  ] as const) {
    if (list.unreadable.length > 0) problems.push({ field, key: 'unreadable', values: { entries: list.unreadable.join('、') } });
    const away = outside(list.dates);
    if (away.length > 0) problems.push({ field, key: 'outsideYear', values: { year, dates: away.join('、') } });
  }
  const weekdays = on.dates.filter((d) => {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd >= 1 && wd <= 5;
  });
  if (weekdays.length > 0) problems.push({ field: 'workdays', key: 'weekday', values: { dates: weekdays.join('、') } });
  const offSet = new Set(off.dates);
  const both = on.dates.filter((d) => offSet.has(d));
  if (both.length > 0) problems.push({ field: 'workdays', key: 'both', values: { dates: both.join('、') } });
  return { holidays: off.dates, workdays: on.dates, problems };
}
