/**
 * The escalation ladder after a deadline passes: 催办 → 督办函 → 通报 (rules.escalation, per ledger type).
 * `dueEscalation` is pure: the sweep asks it which step is due now, takes that step (one node only) and records
 * it, and the next sweep moves one rung up.
 */
import type { Instant, LocalDate } from './ids.js';
import type { Item } from './item.js';
import { DEFAULT_TIME_ZONE } from './time.js';
import { DomainError } from './errors.js';
import { DEFAULT_WARNING_RULES, type EscalationKind, type WarningRules } from './warning-rules.js';
import { defaultWorkCalendar, type WorkCalendar } from './calendar.js';
import { MS_PER_DAY, formatDay, instantMs, localWallMs, parseDay } from './calendar-days.js';
import { reportDueDay } from './lights-checks.js';

/** A step already taken for the item (an automatic one by the sweep, or a 催办 by hand). */
export interface EscalationTaken {
  readonly kind: EscalationKind;
  readonly at: Instant;
}

export interface DueEscalation {
  readonly kind: EscalationKind;
  /** Position of the step in `rules.escalation`. */
  readonly index: number;
  /** The local day from which the step is due. */
  readonly dueFrom: LocalDate;
  /** The due day was counted on Mon–Fri because the calendar does not cover its year (see lights). */
  readonly calendarApproximate: boolean;
}

/** Only running work that the lead unit owes escalates; in `closing` the verifier holds the item, not the unit. */
const ESCALATING = new Set<string>(['assigned', 'in_progress']);

/**
 * The escalation step due for `item` at `now`, or null when none is.
 * - Only assigned and in-progress items past the end of their current deadline's day escalate.
 * - Step k (`afterWorkingDays` = a_k) is due from the day after expiry when a_k = 0, else from the a_k-th
 *   working day after the deadline — and never sooner than a_k − a_{k−1} working days after the previous step
 *   was actually taken ("督办函 5 working days after the 催办", even when the sweep was late).
 * - Steps are taken in order; a step counts as taken when `taken` holds one of its kind recorded after the
 *   current deadline expired. Steps taken before an approved extension therefore do not count against the new
 *   deadline: the ladder starts again.
 * Never throws for item data; raises `validation_failed` for an unparseable `now`.
 */
export function dueEscalation(
  item: Item,
  now: Instant | Date,
  taken: readonly EscalationTaken[],
  rules: WarningRules = DEFAULT_WARNING_RULES,
  calendar: WorkCalendar = defaultWorkCalendar(),
  timeZone: string = DEFAULT_TIME_ZONE,
): DueEscalation | null {
  const nowMs = instantMs(now);
  if (Number.isNaN(nowMs)) {
    throw new DomainError('validation_failed', `Not an instant: ${String(now)}`, `时间格式有误：${String(now)}`, { now: String(now) });
  }
  if (!ESCALATING.has(item.status) || item.currentDeadline === null) return null;
  const deadline = parseDay(item.currentDeadline);
  const today = Math.floor(localWallMs(nowMs, timeZone) / MS_PER_DAY);
  if (Number.isNaN(deadline) || today <= deadline) return null;

  const expiredWall = (deadline + 1) * MS_PER_DAY;
  const takenDays = taken
    .map((t) => ({ kind: t.kind, wall: localWallMs(instantMs(t.at), timeZone) }))
    .filter((t) => t.wall >= expiredWall) // NaN (unparseable) fails this too
    .sort((a, b) => a.wall - b.wall);

  let previous: { day: number; after: number } | null = null;
  for (const [index, step] of rules.escalation.entries()) {
    const done = takenDays.findIndex((t) => t.kind === step.kind);
    if (done >= 0) {
      const [t] = takenDays.splice(done, 1);
      previous = { day: Math.floor((t?.wall ?? expiredWall) / MS_PER_DAY), after: step.afterWorkingDays };
      continue;
    }
    let due = step.afterWorkingDays === 0 ? deadline + 1 : calendar.addWorkingDaysDay(deadline, step.afterWorkingDays);
    let covered = calendar.coversDayRange(deadline, due);
    const gap = previous === null ? 0 : step.afterWorkingDays - previous.after;
    if (previous !== null && gap > 0) {
      const afterPrevious = calendar.addWorkingDaysDay(previous.day, gap);
      covered &&= calendar.coversDayRange(previous.day, afterPrevious);
      due = Math.max(due, afterPrevious);
    }
    if (today < due) return null;
    return { kind: step.kind, index, dueFrom: formatDay(due), calendarApproximate: !covered };
  }
  return null;
}

/** A 定期报送 lapse the sweep urges: the report due on `dueOn`, urged from `urgeFrom` on. */
export interface DueReportUrge {
  readonly dueOn: LocalDate;
  readonly urgeFrom: LocalDate;
}

/**
 * 定期报送逾期: the automatic 催办 due for an in-progress item whose report by its cadence is still not made
 * `rules.reportLapse.urgeAfterWorkingDays` working days after the day it fell due — unless a 催办 (by hand or
 * automatic) was taken since that day. A report made moves the due day on, so the next lapse is urged again.
 * Null otherwise, and for rules without `reportLapse`. Never throws for item data.
 */
export function dueReportUrge(
  item: Item,
  now: Instant | Date,
  taken: readonly EscalationTaken[],
  rules: WarningRules = DEFAULT_WARNING_RULES,
  calendar: WorkCalendar = defaultWorkCalendar(),
  timeZone: string = DEFAULT_TIME_ZONE,
): DueReportUrge | null {
  const lapse = rules.reportLapse;
  if (item.status !== 'in_progress' || !lapse) return null;
  const due = reportDueDay(item, timeZone);
  const nowMs = instantMs(now);
  if (due === null || Number.isNaN(due) || Number.isNaN(nowMs)) return null;
  const today = Math.floor(localWallMs(nowMs, timeZone) / MS_PER_DAY);
  const from = calendar.addWorkingDaysDay(due, lapse.urgeAfterWorkingDays);
  if (today < from) return null;
  const dueWall = due * MS_PER_DAY;
  if (taken.some((t) => t.kind === 'urge' && localWallMs(instantMs(t.at), timeZone) >= dueWall)) return null;
  return { dueOn: formatDay(due), urgeFrom: formatDay(from) };
}
