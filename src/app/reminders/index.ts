import { DomainError } from '../../domain/errors.js';
import type { Instant, ItemId, LocalDate } from '../../domain/ids.js';
import type { Item, ItemStatus } from '../../domain/item.js';
import { deadlineReminder, recheckDue, supervisorCovers, type ItemEvent } from '../../domain/loop/index.js';
import { hasRole } from '../../domain/roles.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import { isCodedError } from '../../contracts/errors.js';
import type { ItemFilter } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { fold, toNewEvent } from '../items/events.js';
import { actingScope, lightOf, type ActingScope } from '../items/load.js';
import { ledgerTypesOf } from '../ledger-types/cache.js';

/*
 * What the day job writes because a day has come, not because anyone acted: 临期提醒 (DeadlineNear) to the lead
 * unit of an item whose deadline is near, and 回头看 (RecheckDue) on an item closed long enough ago. Each is an
 * event on the item's chain, so it reaches people by the notification rules like any action, and the record
 * shows it. Written once: the item remembers it, and each item is read again and written in a transaction of
 * its own that loses to any change since (a person acting meanwhile, or the same job on another node).
 */

export interface ReminderReport {
  readonly at: Instant;
  readonly today: LocalDate;
  /** Candidates read (items whose deadline falls in the window, or closed in the window). */
  readonly examined: number;
  /** Of those, items of units the acting supervisor does not supervise (left to their own supervisors). */
  readonly outOfScope: number;
  /** Items that got their event now, by number. */
  readonly written: readonly string[];
  /** Items another change got to first (they are looked at again on the next run). */
  readonly conflicts: number;
}

/** Candidates per page. */
const PAGE = 500;
/** How far ahead deadlines are looked at: beyond the longest warning window (60 working days) with holidays. */
const AHEAD_DAYS = 100;
/** How far back closures are looked at past the 回头看 delay: a job down for weeks still catches up. */
const CATCH_UP_DAYS = 60;

type Build = (item: Item, scope: ActingScope) => ItemEvent | null;

/** Writes the event `build` makes of the item as it is now, in a transaction of its own; false when none or lost. */
async function writeOne(deps: AppDeps, ref: ActorRef, itemId: ItemId, build: Build): Promise<boolean> {
  try {
    return await deps.store.transaction(async (tx) => {
      const scope = await actingScope(deps, tx, ref);
      const item = await tx.items.get(ref.tenantId, itemId);
      const event = item ? build(item, scope) : null;
      if (!item || !event) return false;
      await tx.items.update(item, fold(item, [event]), event.at);
      await tx.appendEvents(ref.tenantId, [toNewEvent(event)]);
      return true;
    });
  } catch (e) {
    if (isCodedError(e) && (e.code === 'version_conflict' || e.code === 'chain_conflict')) return false;
    throw e;
  }
}

/** Reads the candidates page by page and writes what `build` makes of each, in scope. */
async function sweep(deps: AppDeps, ref: ActorRef, filter: ItemFilter, build: Build): Promise<ReminderReport> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  if (!hasRole(scope.actor, 'supervisor')) throw new DomainError('forbidden', 'Only a supervisor runs the reminders.', '只有督办员可以执行提醒任务。');
  const written: string[] = [];
  let examined = 0;
  let outOfScope = 0;
  let conflicts = 0;
  let after: string | null = null;
  do {
    const page = await read.items.list(ref.tenantId, filter, { order: 'created_asc', limit: PAGE, after });
    after = page.nextCursor;
    for (const item of page.items) {
      examined += 1;
      if (!supervisorCovers(scope.ctx, scope.actor.unitId, item.ownerUnitId)) {
        outOfScope += 1;
        continue;
      }
      // A look outside any transaction first: most candidates have had their event already.
      if (!build(item, scope)) continue;
      if (await writeOne(deps, ref, item.id, build)) written.push(item.number);
      else conflicts += 1;
    }
  } while (after !== null);
  return { at: scope.ctx.now, today: toLocalDate(scope.ctx.now, scope.ctx.timeZone), examined, outOfScope, written, conflicts };
}

const byOf = (scope: ActingScope) => ({ userId: scope.actor.userId, unitId: scope.actor.unitId });

const OPEN: readonly ItemStatus[] = ['assigned', 'in_progress', 'closing'];

/**
 * 临期提醒: for every open item the acting supervisor supervises whose light is yellow because its deadline is
 * near, a DeadlineNear event (once per deadline), which the notification rules send to its lead unit.
 * @throws AppError `user_not_found`, `user_disabled`; DomainError `forbidden` unless the actor is a supervisor.
 */
export async function sendDeadlineReminders(deps: AppDeps, ref: ActorRef): Promise<ReminderReport> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const today = toLocalDate(scope.ctx.now, scope.ctx.timeZone);
  const filter: ItemFilter = { statuses: OPEN, deadlineFrom: today, deadlineTo: addDays(today, AHEAD_DAYS) };
  return sweep(deps, ref, filter, (item, s) => deadlineReminder(item, lightOf(deps, s.ctx, item), s.ctx.now, byOf(s)));
}

/**
 * 回头看: for every closed item of a type with `recheckAfterDays` that was closed that many days ago (or up to
 * CATCH_UP_DAYS more) and has had no 回头看 for that closure, a RecheckDue event: the item appears on its
 * supervisor's desk and the notification rules tell the owner and the lead. Items closed long before are left
 * alone: switching 回头看 on for a type does not flood the desk with its history.
 * @throws as sendDeadlineReminders.
 */
export async function scheduleRechecks(deps: AppDeps, ref: ActorRef): Promise<ReminderReport> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const types = [...ledgerTypesOf(deps, ref.tenantId).all.values()].filter((t) => t.recheckAfterDays !== undefined);
  const today = toLocalDate(scope.ctx.now, scope.ctx.timeZone);
  if (types.length === 0) return { at: scope.ctx.now, today, examined: 0, outOfScope: 0, written: [], conflicts: 0 };
  const longest = Math.max(...types.map((t) => t.recheckAfterDays!));
  const shortest = Math.min(...types.map((t) => t.recheckAfterDays!));
  // Closed before the end of the day `shortest` days ago, and not before the catch-up window of the longest delay.
  const filter: ItemFilter = {
    ledgerTypes: types.map((t) => t.key),
    statuses: ['closed'],
    closedFrom: new Date(Date.parse(scope.ctx.now) - (longest + CATCH_UP_DAYS + 1) * 86_400_000).toISOString(),
    closedBefore: new Date(Date.parse(scope.ctx.now) - (shortest - 1) * 86_400_000).toISOString(),
  };
  const delay = new Map(types.map((t) => [t.key, t.recheckAfterDays]));
  return sweep(deps, ref, filter, (item, s) => recheckDue(item, delay.get(item.ledgerType), toLocalDate(s.ctx.now, s.ctx.timeZone), s.ctx.timeZone, s.ctx.now, byOf(s)));
}
