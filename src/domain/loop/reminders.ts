import type { LightResult } from '../lights.js';
import type { Instant, LocalDate } from '../ids.js';
import type { Item } from '../item.js';
import { addDays, toLocalDate } from '../time.js';
import type { EventOf } from './events.js';
import type { ActorRefSchema } from './schemas.js';
import type { z } from 'zod';

/*
 * Events that time writes, not a person: the day job looks at each item and, when a day has come, appends one
 * of these on the chain (like DeadlineAdjusted). Each is written once — the item remembers it — so running the
 * job twice, or on two nodes, tells nobody twice. Pure: the caller reads the item and appends the event.
 */

type By = z.output<typeof ActorRefSchema>;

/**
 * 临期提醒: the DeadlineNear event for an item whose light is yellow because its deadline is near (the lights'
 * `deadline_near` reason, so a listed item is reminded earlier, as it turns yellow earlier), unless its lead was
 * reminded of this deadline already. A deadline moved by an extension or a 转办 is reminded of again.
 */
export function deadlineReminder(item: Item, light: LightResult, at: Instant, by: By): EventOf<'DeadlineNear'> | null {
  const near = light.reasons.find((r) => r.code === 'deadline_near');
  if (!near || near.code !== 'deadline_near' || item.remindedFor === near.deadline) return null;
  return { type: 'DeadlineNear', itemId: item.id, version: item.version + 1, at, by, data: { deadline: near.deadline, workingDaysLeft: near.workingDaysLeft } };
}

/** The city day a 回头看 falls due: `afterDays` calendar days after the day of closure. */
export function recheckDueOn(closedAt: Instant, afterDays: number, timeZone: string): LocalDate {
  return addDays(toLocalDate(closedAt, timeZone), afterDays);
}

/**
 * 回头看: the RecheckDue event for an item closed `afterDays` or more days ago (city days) that has had no 回头看
 * for this closure (an item reopened and closed again gets a new one). Null otherwise, or for a type without
 * 回头看 (`afterDays` undefined).
 */
export function recheckDue(item: Item, afterDays: number | undefined, today: LocalDate, timeZone: string, at: Instant, by: By): EventOf<'RecheckDue'> | null {
  if (afterDays === undefined || item.status !== 'closed' || item.closedAt === null) return null;
  if (item.recheck && item.recheck.closedAt === item.closedAt) return null;
  const dueOn = recheckDueOn(item.closedAt, afterDays, timeZone);
  if (dueOn > today) return null;
  return { type: 'RecheckDue', itemId: item.id, version: item.version + 1, at, by, data: { closedAt: item.closedAt, dueOn, afterDays } };
}
