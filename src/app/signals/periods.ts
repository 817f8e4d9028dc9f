/**
 * Calendar arithmetic of count periods: a day (YYYY-MM-DD) or an ISO week (YYYY-Www, starting on Monday).
 * Pure; dates are LocalDates of the city.
 */
import type { LocalDate } from '../../domain/ids.js';
import { addDays, daysBetween } from '../../domain/time.js';
import type { SignalFrequency } from '../../store/index.js';

/** Day of the week, 1 = Monday … 7 = Sunday. */
function isoWeekday(date: LocalDate): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the ISO week of `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The ISO week of `date`, written YYYY-Www (the year is the one of its Thursday). */
export function isoWeekLabel(date: LocalDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The start of the latest period that is over by the end of `date`: the day itself, or the Monday of the
 * latest week whose Sunday is on or before it.
 */
export function latestCompletePeriodStart(frequency: SignalFrequency, date: LocalDate): LocalDate {
  return frequency === 'day' ? date : mondayOf(addDays(date, -6));
}

/** Whole periods from the period starting at `start` to the one starting at `latest` (0 when the same). */
export function periodsBetween(frequency: SignalFrequency, start: LocalDate, latest: LocalDate): number {
  const days = daysBetween(start, latest);
  return frequency === 'day' ? days : Math.floor(days / 7);
}
