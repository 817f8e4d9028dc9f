/**
 * The rounds of an inspection plan: one per place and period of its cadence, each due on a working day of the
 * official calendar. Rounds are computed, never stored until recorded, so a plan needs no scheduler and a
 * calendar notice loaded later moves the rounds not yet recorded.
 */
import type { WorkCalendar } from '../calendar.js';
import { addMonthsDay, formatDay, isoWeekday, parseDay, yearOfDay } from '../calendar-days.js';
import { DomainError } from '../errors.js';
import type { LocalDate } from '../ids.js';
import { statutoryHolidays } from '../statutory-holidays.js';
import type { InspectionCadence, InspectionPlan, InspectionPlace } from './plan.js';

/** One period of a cadence: when its round opens (shows on the desk) and the working day it is due. */
export interface InspectionPeriod {
  /** First day of the period (a Monday, the 1st of a month, the first day of a holiday break). */
  readonly period: LocalDate;
  readonly opensOn: LocalDate;
  readonly dueOn: LocalDate;
}

/** A round: one place inspected in one period. Its id names plan, place and period, so it needs no table. */
export interface InspectionRound extends InspectionPeriod {
  readonly id: string;
  readonly planId: string;
  /** 1-based position of the place in the plan's list. */
  readonly placeNo: number;
  readonly place: InspectionPlace;
}

/** Working days before the holiday break that a 节前检查 round opens. */
export const HOLIDAY_ROUND_OPEN_WORKDAYS = 5;

/** The last working day in [from, to], or null when the span has none (a week inside 春节). */
function lastWorkday(calendar: WorkCalendar, from: number, to: number): number | null {
  for (let d = to; d >= from; d--) if (calendar.isWorkdayDay(d)) return d;
  return null;
}

/** Weekly: Monday to Sunday, due on the week's last working day (a 调休 Saturday counts). */
function weekly(calendar: WorkCalendar, from: number, to: number): InspectionPeriod[] {
  const out: InspectionPeriod[] = [];
  for (let monday = from - (isoWeekday(from) - 1); monday <= to; monday += 7) {
    const due = lastWorkday(calendar, monday, monday + 6);
    if (due !== null) out.push({ period: formatDay(monday), opensOn: formatDay(monday), dueOn: formatDay(due) });
  }
  return out;
}

/** Monthly: due on the month's last working day. */
function monthly(calendar: WorkCalendar, from: number, to: number): InspectionPeriod[] {
  const out: InspectionPeriod[] = [];
  const start = parseDay(`${formatDay(from).slice(0, 7)}-01`);
  for (let first = start; first <= to; first = addMonthsDay(first, 1)) {
    const due = lastWorkday(calendar, first, addMonthsDay(first, 1) - 1);
    if (due !== null) out.push({ period: formatDay(first), opensOn: formatDay(first), dueOn: formatDay(due) });
  }
  return out;
}

/**
 * Before holidays: one round per holiday break, due on the last working day before the break starts. A break is
 * the run of days off around a statutory holiday (weekend and 调休 included), so 中秋 and 国庆 in one break give
 * one round.
 */
function beforeHolidays(calendar: WorkCalendar, from: number, to: number): InspectionPeriod[] {
  const byStart = new Map<number, InspectionPeriod>();
  for (let year = yearOfDay(from); year <= yearOfDay(to) + 1; year++) {
    for (const h of statutoryHolidays(year)) {
      let start = parseDay(h.days[0]!);
      if (calendar.isWorkdayDay(start)) continue; // a notice may move a day off; no break, no round
      while (!calendar.isWorkdayDay(start - 1)) start--;
      const due = calendar.addWorkingDaysDay(start, -1);
      const opens = calendar.addWorkingDaysDay(due, -(HOLIDAY_ROUND_OPEN_WORKDAYS - 1));
      byStart.set(start, { period: formatDay(start), opensOn: formatDay(opens), dueOn: formatDay(due) });
    }
  }
  return [...byStart.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

const PERIODS: Record<InspectionCadence, (calendar: WorkCalendar, from: number, to: number) => InspectionPeriod[]> = {
  weekly,
  monthly,
  before_holidays: beforeHolidays,
};

/**
 * The periods of a cadence whose round is due within [from, to] (inclusive LocalDates).
 * @throws DomainError `validation_failed` for a malformed date.
 */
export function periodsDue(cadence: InspectionCadence, calendar: WorkCalendar, from: LocalDate, to: LocalDate): InspectionPeriod[] {
  const a = parseDay(from);
  const b = parseDay(to);
  if (Number.isNaN(a) || Number.isNaN(b)) {
    throw new DomainError('validation_failed', `Not a date written YYYY-MM-DD: ${Number.isNaN(a) ? from : to}`, `日期格式应为 YYYY-MM-DD：${Number.isNaN(a) ? from : to}`);
  }
  if (b < a) return [];
  // A period due in [a, b] may open a little before a: start the scan a month early and filter on the due day.
  return PERIODS[cadence](calendar, addMonthsDay(a, -1), b).filter((p) => p.dueOn >= from && p.dueOn <= to);
}

const compact = (date: LocalDate): string => date.replaceAll('-', '');

/** The id of a round: plan id, place number and the period's first day (`PLAN.3.20261207`). */
export function roundId(planId: string, placeNo: number, period: LocalDate): string {
  return `${planId}.${placeNo}.${compact(period)}`;
}

/** The parts of a round id, or null when the text is not one. The plan id may itself hold dots. */
export function parseRoundId(id: string): { planId: string; placeNo: number; period: LocalDate } | null {
  const m = /^(.+)\.([1-9]\d{0,5})\.(\d{4})(\d{2})(\d{2})$/.exec(id);
  if (!m) return null;
  const period = `${m[3]}-${m[4]}-${m[5]}`;
  if (Number.isNaN(parseDay(period))) return null;
  return { planId: m[1]!, placeNo: Number(m[2]), period };
}

/**
 * The plan's rounds due within [from, to], clipped to the plan's own span: every place in every period,
 * ordered by due day and then by place.
 */
export function planRounds(plan: InspectionPlan, calendar: WorkCalendar, from: LocalDate, to: LocalDate): InspectionRound[] {
  const lo = from > plan.startsOn ? from : plan.startsOn;
  const hi = plan.endsOn !== null && plan.endsOn < to ? plan.endsOn : to;
  const out: InspectionRound[] = [];
  for (const p of periodsDue(plan.cadence, calendar, lo, hi)) {
    plan.places.forEach((place, i) => out.push({ ...p, id: roundId(plan.id, i + 1, p.period), planId: plan.id, placeNo: i + 1, place }));
  }
  return out;
}

/**
 * The round a id names, when it is one of the plan's (right place number, a real period of its cadence, inside
 * the plan's span); null otherwise.
 */
export function roundOf(plan: InspectionPlan, calendar: WorkCalendar, id: string): InspectionRound | null {
  const parts = parseRoundId(id);
  if (!parts || parts.planId !== plan.id) return null;
  const place = plan.places[parts.placeNo - 1];
  if (!place) return null;
  // The period's round is due within about a month and a half of its first day (a holiday break's round before it).
  const start = parseDay(parts.period);
  const found = periodsDue(plan.cadence, calendar, formatDay(start - 40), formatDay(start + 40)).find((p) => p.period === parts.period);
  if (!found || found.dueOn < plan.startsOn || (plan.endsOn !== null && found.dueOn > plan.endsOn)) return null;
  return { ...found, id, planId: plan.id, placeNo: parts.placeNo, place };
}

/** Whether a round recorded on `recordedOn` (local date) was on time: on or before its due day. */
export const recordedOnTime = (round: Pick<InspectionPeriod, 'dueOn'>, recordedOn: LocalDate): boolean => recordedOn <= round.dueOn;
