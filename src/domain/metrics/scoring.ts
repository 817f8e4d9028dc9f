/**
 * How one item stands for 考核 at a moment: whether it is due (应办结), closed, closed on time, overdue. The
 * deadline rates are counts over these classes, so they always partition the same way.
 */
import type { LocalDate } from '../ids.js';
import type { Item } from '../item.js';
import { MS_PER_DAY, instantMs, localWallMs, parseDay } from '../calendar-days.js';

/**
 * The deadline an item is scored against: the original deadline, unless an extension was approved, then the
 * current one. An item that goes overdue without an approved extension keeps its original deadline for
 * scoring even if a later date is agreed for chasing (DESIGN.md, scoring rule). Null for items without any.
 */
export function scoringDeadline(item: Pick<Item, 'originalDeadline' | 'currentDeadline' | 'counters'>): LocalDate | null {
  if (item.counters.extensionsGranted > 0) return item.currentDeadline ?? item.originalDeadline;
  return item.originalDeadline ?? item.currentDeadline;
}

/**
 * The fields of an item the metrics read (the statistics load only these): every `Item` is one.
 */
export type MetricItem = Pick<
  Item,
  | 'id'
  | 'status'
  | 'ledgerType'
  | 'leadUnitId'
  | 'originalDeadline'
  | 'currentDeadline'
  | 'counters'
  | 'assignedAt'
  | 'acceptedAt'
  | 'closedAt'
  | 'rating'
  | 'deadlineAt'
  | 'moves'
  | 'originalLeadUnitId'
  | 'recheck'
>;

/**
 * The unit an item is scored for in 考核: its first lead unit, kept through 转办 and 提级 (a case handed up still
 * counts for the unit it was given to), else its lead unit.
 */
export function scoredUnit(item: Pick<MetricItem, 'leadUnitId' | 'originalLeadUnitId'>): string | null {
  return item.originalLeadUnitId ?? item.leadUnitId;
}

export interface Standing {
  /** 应办结: counted in the deadline rates. */
  readonly due: boolean;
  readonly closed: boolean;
  /** Closed on or before the end of the scoring deadline's day. */
  readonly onTime: boolean;
  /** Due and not closed on time: open past the scoring deadline, or closed after it. */
  readonly overdue: boolean;
}

const OUT: Standing = Object.freeze({ due: false, closed: false, onTime: false, overdue: false });

/** Whether the item is handed-out work that counts for 考核: assigned at some point and not withdrawn or back in draft. */
export function isScored(item: Pick<Item, 'status' | 'assignedAt'>): boolean {
  return item.status !== 'draft' && item.status !== 'cancelled' && item.assignedAt !== null;
}

/** The local day an instant falls on, NaN for null or unparseable. */
export function localDay(at: string | null, timeZone: string): number {
  if (at === null) return Number.NaN;
  const ms = instantMs(at);
  return Number.isNaN(ms) ? Number.NaN : Math.floor(localWallMs(ms, timeZone) / MS_PER_DAY);
}

/**
 * The standing of `item` at local day `today`. Draft and cancelled items, and items without a deadline
 * (ongoing work with only a report cadence), are outside the deadline rates. A closed item whose closing
 * instant is unknown cannot prove it was on time and counts as closed late.
 */
export function standing(item: MetricItem, today: number, timeZone: string, nowMs?: number): Standing {
  if (!isScored(item)) return OUT;
  // A time limit in hours (and no extension since, which would have set a date): due and on time by the instant.
  const atMs = typeof item.deadlineAt === 'string' ? instantMs(item.deadlineAt) : Number.NaN;
  if (!Number.isNaN(atMs) && nowMs !== undefined) {
    const closed = item.status === 'closed';
    if (!closed && !(nowMs > atMs)) return OUT;
    const closedMs = closed && item.closedAt !== null ? instantMs(item.closedAt) : Number.NaN;
    const onTime = closed && closedMs <= atMs;
    return { due: true, closed, onTime, overdue: !onTime };
  }
  const raw = scoringDeadline(item);
  const deadline = raw === null ? Number.NaN : parseDay(raw);
  if (Number.isNaN(deadline)) return OUT;
  const closed = item.status === 'closed';
  const due = closed || today > deadline;
  if (!due) return OUT;
  const closedDay = closed ? localDay(item.closedAt, timeZone) : Number.NaN;
  const onTime = closed && closedDay <= deadline;
  return { due: true, closed, onTime, overdue: !onTime };
}

/** How a closed item ended against its scoring deadline: 按期办结, or 超期办结 by so many calendar days. */
export interface ClosureOutcome {
  readonly onTime: boolean;
  /** Calendar days (in the city) from the deadline day to the closing day; 0 on time, null when unknowable. */
  readonly daysLate: number | null;
}

/**
 * The outcome of a closed item as 考核 scores it (the same deadline and rule as `standing`), for every place that
 * shows a closed item: lists, the item page, cards, drill-downs and the export. Null for items that are not closed
 * or have no deadline (ongoing work with a report cadence): they are 已办结 without 按期 or 超期.
 */
export function closureOutcome(item: MetricItem, timeZone: string): ClosureOutcome | null {
  if (item.status !== 'closed') return null;
  const s = standing(item, Number.POSITIVE_INFINITY, timeZone, Number.POSITIVE_INFINITY);
  if (!s.due) return null;
  if (s.onTime) return { onTime: true, daysLate: 0 };
  const closedDay = localDay(item.closedAt, timeZone);
  const at = typeof item.deadlineAt === 'string' ? localDay(item.deadlineAt, timeZone) : Number.NaN;
  const raw = scoringDeadline(item);
  const deadlineDay = Number.isNaN(at) ? (raw === null ? Number.NaN : parseDay(raw)) : at;
  // Late by hours on the deadline day itself still reads "1 day" late: never 超期 0 天.
  return { onTime: false, daysLate: Number.isNaN(closedDay) || Number.isNaN(deadlineDay) ? null : Math.max(1, closedDay - deadlineDay) };
}
