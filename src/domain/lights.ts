/**
 * 预警 红黄绿灯: the warning light of an item, a pure function of (item, now, rules). The sweep that sends
 * reminders, the item lists and the statistics all call this one function.
 */
import type { Instant, LocalDate } from './ids.js';
import type { Cadence, Item } from './item.js';
import { DEFAULT_TIME_ZONE } from './time.js';
import { DomainError } from './errors.js';
import { DEFAULT_WARNING_RULES, listedRules, type WarningRules } from './warning-rules.js';
import { defaultWorkCalendar, type WorkCalendar } from './calendar.js';
import { MS_PER_DAY, instantMs, localWallMs, parseDay } from './calendar-days.js';
import type { ClosureOutcome } from './metrics/scoring.js';
import { acceptanceCheck, deadlineCheck, progressCheck, reportCheck, stageCheck, type CheckContext } from './lights-checks.js';

export type Light = 'red' | 'yellow' | 'green' | 'none';

/** Why a light is red or yellow; `level` is the colour this reason alone would give. */
export type LightReason =
  /** Past the end of the current deadline's day and not closed. */
  | { readonly code: 'overdue'; readonly level: 'red'; readonly deadline: LocalDate; readonly daysOverdue: number; readonly deadlineAt?: Instant }
  /** Within the warning window: `workingDaysLeft` working days after today up to the deadline. */
  | { readonly code: 'deadline_near'; readonly level: 'yellow'; readonly deadline: LocalDate; readonly workingDaysLeft: number }
  /** An ongoing item's next report (by its cadence) is due on or before today. */
  | { readonly code: 'report_due'; readonly level: 'yellow'; readonly cadence: Cadence; readonly dueOn: LocalDate }
  /** The report due on `dueOn` is still not made `reportLapse.redAfterWorkingDays` working days on (定期报送逾期). */
  | { readonly code: 'report_overdue'; readonly level: 'red'; readonly cadence: Cadence; readonly dueOn: LocalDate }
  /** Assigned and not accepted by the end of `acceptBy`. */
  | { readonly code: 'not_accepted'; readonly level: 'yellow'; readonly acceptBy: LocalDate }
  /** A closure stage not decided by the end of `decideBy`. */
  | { readonly code: 'stage_waiting'; readonly level: 'yellow'; readonly stageKey: string | null; readonly decideBy: LocalDate }
  /** Reported progress trails 序时进度 by more than the margin (both in percent, expected to one decimal). */
  | { readonly code: 'progress_lag'; readonly level: 'yellow'; readonly progress: number; readonly expected: number }
  /** A field the rules need does not parse: shown rather than silently skipped, so bad data gets fixed. */
  | { readonly code: 'unreadable_field'; readonly level: 'yellow'; readonly field: string };

export interface LightResult {
  readonly light: Light;
  readonly reasons: readonly LightReason[];
  /**
   * True when a working-day count reached a year the official calendar does not cover and Mon–Fri was used.
   * Lights must stay total — one item with a deadline in next year must not stop a sweep over all the others,
   * and a list must still show every row — so instead of raising `calendar_not_covered` (as time-limit
   * arithmetic does) the light is computed on Mon–Fri, which is off by at most the few holiday days of that
   * year, and flagged so the UI can say so and an administrator can add the year's holiday notice.
   */
  readonly calendarApproximate: boolean;
  /**
   * True when the open item's deadline falls in a year whose holiday notice is not known yet: working days up
   * to it are counted on the statutory holidays, so a deadline counted in working days may still move when the
   * notice is loaded. Absent (false) for items without a light.
   */
  readonly deadlineProvisional?: boolean;
  /**
   * A closed item's outcome (按期办结, or 超期办结 by N days), added by the readers that show items (`lightOf`):
   * a closed item has no light, and in lists its outcome stands where the light would.
   */
  readonly closure?: ClosureOutcome;
}

/** Warning rules plus per-stage waiting limits (a ledger type's `timeLimitWorkingDays` per closure stage). */
export interface LightRules extends WarningRules {
  readonly stageWaitByStage?: Readonly<Record<string, number>>;
}

/** The light of draft, closed and cancelled items: they are not running work, so they carry no warning. */
const NO_LIGHT: LightResult = Object.freeze({ light: 'none', reasons: Object.freeze([]), calendarApproximate: false });

export interface Clock {
  readonly nowMs: number;
  readonly nowWall: number;
  readonly today: number;
}

let lastClock: { key: string | number; zone: string; clock: Clock } | null = null;

/** Today and the local wall time, memoised for the last `now`: a sweep passes the same `now` a million times. */
function clockFor(now: Instant | Date, timeZone: string): Clock {
  const key = typeof now === 'string' ? now : instantMs(now);
  if (lastClock !== null && lastClock.key === key && lastClock.zone === timeZone) return lastClock.clock;
  const ms = instantMs(now);
  if (Number.isNaN(ms)) {
    throw new DomainError('validation_failed', `Not an instant: ${String(now)}`, `时间格式有误：${String(now)}`, { now: String(now) });
  }
  const nowWall = localWallMs(ms, timeZone);
  const clock = { nowMs: ms, nowWall, today: Math.floor(nowWall / MS_PER_DAY) };
  lastClock = { key, zone: timeZone, clock };
  return clock;
}

/** The fields of an item its light reads (the statistics load only these): every `Item` is one. */
export type LightItem = Pick<
  Item,
  'status' | 'currentDeadline' | 'deadlineAt' | 'assignedAt' | 'cadence' | 'lastReportAt' | 'plannedStart' | 'progress' | 'stageKey' | 'stageEnteredAt' | 'closureRequestedAt'
> &
  Partial<Pick<Item, 'listing'>>;

/**
 * The warning light of `item` at `now`.
 * - draft, closed, cancelled: `none` (closed late items are the statistics' business, not a warning).
 * - red: now is past the end of the current deadline's day (in `timeZone`), or past its instant when the time
 *   limit is in hours (`deadlineAt`), and the item is not closed.
 * - yellow: the deadline is at most `warnWorkingDays` working days after today (today not counted, so the
 *   deadline day itself is yellow); an in-progress item's report is due by its cadence (counted from the last
 *   report, else the assignment); an assigned item not accepted by the end of the `acceptWithinWorkingDays`-th
 *   working day after assignment; a closure stage not decided by the end of the `stageWaitWorkingDays`-th
 *   working day after it began; reported progress below 序时进度 by more than `progressLagPercent` (assigned and
 *   in-progress items).
 * - green: none of these.
 * - a listed item (挂牌督办) is held to `listedRules(rules)`: every yellow comes earlier.
 * Total over item data: never throws for any item state or malformed field (see `unreadable_field`).
 * Raises `validation_failed` only for an unparseable `now`, and RangeError for an unknown time zone.
 */
export function computeLight(
  item: LightItem,
  now: Instant | Date,
  rules: LightRules = DEFAULT_WARNING_RULES,
  calendar: WorkCalendar = defaultWorkCalendar(),
  timeZone: string = DEFAULT_TIME_ZONE,
): LightResult {
  const status = item.status;
  if (status !== 'assigned' && status !== 'in_progress' && status !== 'closing') return NO_LIGHT;
  const ctx: CheckContext = { item, clock: clockFor(now, timeZone), rules: item.listing ? listedRules(rules) : rules, calendar, timeZone, reasons: [], approximate: false };
  deadlineCheck(ctx);
  if (status === 'assigned') acceptanceCheck(ctx);
  if (status === 'in_progress') reportCheck(ctx);
  if (status === 'closing') stageCheck(ctx);
  else progressCheck(ctx);
  let light: Light = 'green';
  for (const r of ctx.reasons) {
    if (r.level === 'red') {
      light = 'red';
      break;
    }
    light = 'yellow';
  }
  const deadlineDay = item.currentDeadline === null ? Number.NaN : parseDay(item.currentDeadline);
  const deadlineProvisional = !Number.isNaN(deadlineDay) && !calendar.coversDayRange(deadlineDay, deadlineDay);
  return { light, reasons: ctx.reasons, calendarApproximate: ctx.approximate, ...(deadlineProvisional && { deadlineProvisional }) };
}

/** The parts of a ledger type the lights read (structural, so any ledger-type shape with these fields fits). */
export interface LightRulesSource {
  readonly warningRules: WarningRules;
  readonly closureStages: readonly { readonly key: string; readonly timeLimitWorkingDays?: number | undefined }[];
}

/** Light rules of a ledger type: its warning rules, with each closure stage's own time limit where it sets one. */
export function lightRulesFor(type: LightRulesSource): LightRules {
  const stageWaitByStage: Record<string, number> = {};
  for (const stage of type.closureStages) {
    if (stage.timeLimitWorkingDays !== undefined) stageWaitByStage[stage.key] = stage.timeLimitWorkingDays;
  }
  return { ...type.warningRules, stageWaitByStage };
}
