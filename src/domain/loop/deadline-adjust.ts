import type { WorkCalendar } from '../calendar.js';
import type { Instant } from '../ids.js';
import type { Item } from '../item.js';
import type { ActorRefSchema, DeadlineBasis } from './schemas.js';
import type { ItemEvent } from './events.js';
import type { z } from 'zod';

/** Open states whose deadline still matters. */
const OPEN = new Set(['assigned', 'in_progress', 'closing']);

/**
 * The DeadlineAdjusted event for an item whose deadline was counted in working days on a provisional year, now
 * that `calendar` knows the notice of `noticeYear`: the same count from the same date, on the new calendar. Null
 * when nothing moves — the item is not open, its deadline was not counted or not provisionally, it has been
 * changed since (an extension, a reopening: the deadline is no longer the counted one), or the count lands on
 * the same date. Pure; the caller appends the event.
 */
export function adjustedDeadline(
  item: Item,
  basis: DeadlineBasis | undefined,
  countedDeadline: string | null,
  calendar: WorkCalendar,
  noticeYear: number,
  at: Instant,
  by: z.output<typeof ActorRefSchema>,
): ItemEvent | null {
  if (!basis || !basis.provisional || !OPEN.has(item.status)) return null;
  if (countedDeadline === null || item.currentDeadline !== countedDeadline) return null;
  const { date, provisional } = calendar.addWorkingDaysMarked(basis.from, basis.workingDays);
  if (date === countedDeadline) return null;
  return {
    type: 'DeadlineAdjusted',
    itemId: item.id,
    version: item.version + 1,
    at,
    by,
    data: { previousDeadline: countedDeadline, deadline: date, noticeYear, basis: { ...basis, provisional } },
  };
}
