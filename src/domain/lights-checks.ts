/**
 * The individual warning rules behind `computeLight`. Each reads the item, appends its reasons and notes when
 * a working-day count had to fall back to Mon–Fri. They never throw: malformed fields become
 * `unreadable_field` reasons.
 */
import type { LightItem } from './lights.js';
import type { WorkCalendar } from './calendar.js';
import type { Clock, LightReason, LightRules } from './lights.js';
import { addMonthsDay, formatDay, instantMs, localWallMs, MS_PER_DAY, parseDay } from './calendar-days.js';
import { expectedProgressAt, plannedSpanWallMs } from './expected-progress.js';

export interface CheckContext {
  readonly item: LightItem;
  readonly clock: Clock;
  readonly rules: LightRules;
  readonly calendar: WorkCalendar;
  readonly timeZone: string;
  readonly reasons: LightReason[];
  approximate: boolean;
}

/** Local day of an instant field; NaN (and an `unreadable_field` reason) when set but unparseable. */
function dayField(ctx: CheckContext, field: 'assignedAt' | 'lastReportAt' | 'stageEnteredAt' | 'closureRequestedAt'): number {
  const value = ctx.item[field];
  if (value === null || value === undefined) return Number.NaN;
  const ms = instantMs(value);
  if (Number.isNaN(ms)) {
    ctx.reasons.push({ code: 'unreadable_field', level: 'yellow', field });
    return Number.NaN;
  }
  return Math.floor(localWallMs(ms, ctx.timeZone) / MS_PER_DAY);
}

function missing(ctx: CheckContext, field: string): void {
  ctx.reasons.push({ code: 'unreadable_field', level: 'yellow', field });
}

/*
 * Mon–Fri answers are flagged approximate only when the official arrangement could change the outcome. No
 * year's holidays shift a working-day count by 15 or a working-day limit by 31 calendar days within one
 * window, so a count or date farther than that from the threshold decides the same either way (a deadline
 * next summer is not "approximately green").
 */
const COUNT_MARGIN = 15;
const DATE_MARGIN = 31;

/** `n` working days after `from`, noting a Mon–Fri fallback that could matter for `today`. */
function workingDaysAfter(ctx: CheckContext, from: number, n: number): number {
  const to = ctx.calendar.addWorkingDaysDay(from, n);
  if (Math.abs(ctx.clock.today - to) <= DATE_MARGIN && !ctx.calendar.coversDayRange(from, to)) ctx.approximate = true;
  return to;
}

/** Red past the end of the deadline's day; yellow within the warning window. */
export function deadlineCheck(ctx: CheckContext): void {
  const raw = ctx.item.currentDeadline;
  if (raw === null) return; // ongoing work without a deadline: the report cadence warns instead
  const deadline = parseDay(raw);
  if (Number.isNaN(deadline)) return missing(ctx, 'currentDeadline');
  const today = ctx.clock.today;
  // A time limit in hours ends at its instant (a signal's 24 hours), not at the end of its day.
  const at = ctx.item.deadlineAt;
  const atMs = typeof at === 'string' ? instantMs(at) : Number.NaN;
  if (today > deadline || ctx.clock.nowMs > atMs) {
    ctx.reasons.push({ code: 'overdue', level: 'red', deadline: raw, daysOverdue: Math.max(0, today - deadline), ...(typeof at === 'string' && { deadlineAt: at }) });
    return;
  }
  const warn = ctx.rules.warnWorkingDays;
  const left = ctx.calendar.workingDaysBetweenDays(today, deadline);
  if (left <= warn + COUNT_MARGIN && !ctx.calendar.coversDayRange(today, deadline)) ctx.approximate = true;
  if (left <= warn) ctx.reasons.push({ code: 'deadline_near', level: 'yellow', deadline: raw, workingDaysLeft: left });
}

/** Yellow when an assigned item is still not accepted after its acceptance window. */
export function acceptanceCheck(ctx: CheckContext): void {
  const assigned = dayField(ctx, 'assignedAt');
  if (Number.isNaN(assigned)) {
    if (ctx.item.assignedAt === null) missing(ctx, 'assignedAt');
    return;
  }
  const acceptBy = workingDaysAfter(ctx, assigned, ctx.rules.acceptWithinWorkingDays);
  if (ctx.clock.today > acceptBy) ctx.reasons.push({ code: 'not_accepted', level: 'yellow', acceptBy: formatDay(acceptBy) });
}

/** Yellow when a closure stage has waited past its limit (per stage, else the rules' default). */
export function stageCheck(ctx: CheckContext): void {
  const field = ctx.item.stageEnteredAt !== null ? 'stageEnteredAt' : 'closureRequestedAt';
  const entered = dayField(ctx, field);
  if (Number.isNaN(entered)) {
    if (ctx.item[field] === null) missing(ctx, 'stageEnteredAt');
    return;
  }
  const key = ctx.item.stageKey ?? null;
  const limit = (key !== null ? ctx.rules.stageWaitByStage?.[key] : undefined) ?? ctx.rules.stageWaitWorkingDays;
  const decideBy = workingDaysAfter(ctx, entered, limit);
  if (ctx.clock.today > decideBy) ctx.reasons.push({ code: 'stage_waiting', level: 'yellow', stageKey: key, decideBy: formatDay(decideBy) });
}

const CADENCE_DAYS = { weekly: 7, biweekly: 14 } as const;
const CADENCE_MONTHS = { monthly: 1, quarterly: 3 } as const;

/**
 * The local day an item's next report is due by its cadence (calendar days and months from the last report, else
 * from the assignment); null without a cadence or a day to count from, NaN for a field that does not parse.
 */
export function reportDueDay(item: Pick<LightItem, 'cadence' | 'lastReportAt' | 'assignedAt'>, timeZone: string): number | null {
  const cadence = item.cadence;
  if (cadence === null || cadence === undefined) return null;
  const from = item.lastReportAt ?? item.assignedAt;
  if (from === null || from === undefined) return null;
  const ms = instantMs(from);
  if (Number.isNaN(ms)) return Number.NaN;
  const since = Math.floor(localWallMs(ms, timeZone) / MS_PER_DAY);
  switch (cadence) {
    case 'weekly':
    case 'biweekly':
      return since + CADENCE_DAYS[cadence];
    case 'monthly':
    case 'quarterly':
      return addMonthsDay(since, CADENCE_MONTHS[cadence]);
    default:
      return Number.NaN;
  }
}

/**
 * Yellow when an in-progress item with a report cadence is due to report; red once the report is
 * `reportLapse.redAfterWorkingDays` working days late (定期报送 escalates like a deadline).
 */
export function reportCheck(ctx: CheckContext): void {
  const cadence = ctx.item.cadence;
  if (cadence === null || cadence === undefined) return;
  const since = ctx.item.lastReportAt !== null ? dayField(ctx, 'lastReportAt') : dayField(ctx, 'assignedAt');
  if (Number.isNaN(since)) {
    if (ctx.item.lastReportAt === null && ctx.item.assignedAt === null) missing(ctx, 'assignedAt');
    return;
  }
  if (!(cadence in CADENCE_DAYS) && !(cadence in CADENCE_MONTHS)) return missing(ctx, 'cadence');
  const due = reportDueDay(ctx.item, ctx.timeZone)!;
  if (ctx.clock.today < due) return;
  const lapse = ctx.rules.reportLapse;
  const red = lapse ? workingDaysAfter(ctx, due, lapse.redAfterWorkingDays) : Number.POSITIVE_INFINITY;
  ctx.reasons.push(
    ctx.clock.today >= red ? { code: 'report_overdue', level: 'red', cadence, dueOn: formatDay(due) } : { code: 'report_due', level: 'yellow', cadence, dueOn: formatDay(due) },
  );
}

/** Yellow when reported progress trails 序时进度 by more than the margin. */
export function progressCheck(ctx: CheckContext): void {
  const span = plannedSpanWallMs(ctx.item, ctx.timeZone);
  if (span === null) return;
  const progress = ctx.item.progress;
  if (typeof progress !== 'number' || !Number.isFinite(progress)) return missing(ctx, 'progress');
  const expected = expectedProgressAt(span, ctx.clock.nowWall);
  if (expected - progress > ctx.rules.progressLagPercent) {
    ctx.reasons.push({ code: 'progress_lag', level: 'yellow', progress, expected: Math.round(expected * 10) / 10 });
  }
}
