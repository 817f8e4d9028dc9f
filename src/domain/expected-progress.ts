/**
 * 序时进度 (expected progress): the share of an item's planned span that has elapsed. The progress light compares
 * the reported progress with it.
 */
import type { Instant } from './ids.js';
import type { Item } from './item.js';
import { DEFAULT_TIME_ZONE } from './time.js';
import { MS_PER_DAY, instantMs, localWallMs, parseDay } from './calendar-days.js';

/** The fields 序时进度 reads. */
export type PlannedSpan = Pick<Item, 'plannedStart' | 'assignedAt' | 'currentDeadline'>;

/**
 * Start and end of the planned span as local wall-clock milliseconds: from the start of `plannedStart` (or the
 * assignment instant) to the end of the current deadline's day. Null when the item has no deadline or no start,
 * or a field does not parse.
 */
export function plannedSpanWallMs(item: PlannedSpan, timeZone: string): { start: number; end: number } | null {
  if (item.currentDeadline === null) return null;
  const deadline = parseDay(item.currentDeadline);
  if (Number.isNaN(deadline)) return null;
  let start: number;
  if (item.plannedStart !== null) {
    start = parseDay(item.plannedStart) * MS_PER_DAY;
  } else if (item.assignedAt !== null) {
    const ms = instantMs(item.assignedAt);
    start = Number.isNaN(ms) ? Number.NaN : localWallMs(ms, timeZone);
  } else {
    return null;
  }
  if (Number.isNaN(start)) return null;
  return { start, end: (deadline + 1) * MS_PER_DAY };
}

/** 序时进度 in percent for a span and a moment, all in local wall-clock milliseconds; clamped to 0–100. */
export function expectedProgressAt(span: { start: number; end: number }, nowWall: number): number {
  if (span.end <= span.start) return nowWall >= span.end ? 100 : 0; // a deadline before the start: all or nothing
  const share = (nowWall - span.start) / (span.end - span.start);
  return share <= 0 ? 0 : share >= 1 ? 100 : share * 100;
}

/**
 * 序时进度 of an item at `now`, in percent (0–100, not rounded): elapsed calendar time of the planned span
 * (plannedStart or assignedAt → end of the current deadline's day, in the city's zone) over its length.
 * Calendar time rather than working days, because plans are written in calendar terms (月底前, 年内).
 * Null when the item has no deadline or has neither a planned start nor an assignment. Never throws for item
 * data; throws RangeError only for an unknown time zone.
 */
export function expectedProgress(item: PlannedSpan, now: Instant | Date, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  const span = plannedSpanWallMs(item, timeZone);
  const nowMs = instantMs(now);
  if (span === null || Number.isNaN(nowMs)) return null;
  return expectedProgressAt(span, localWallMs(nowMs, timeZone));
}
