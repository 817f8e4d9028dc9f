import { parseHolidayNotices } from '../../domain/calendar-notice.js';
import type { HolidayNotice } from '../../domain/calendar-notice.js';
import type { ItemId, TenantId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { adjustedDeadline, type DeadlineBasis, type ItemEvent } from '../../domain/loop/index.js';
import type { TransactionContext } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import { roleRequired } from '../accounts/errors.js';
import { isOperator, nowInstant, type ActorRef, type AppDeps, type ViewerRef } from '../context.js';
import { fold, fromStored, isLoopEvent, toNewEvent } from '../items/events.js';
import { calendarWith, baseCalendar, rememberTenantCalendar } from './tenant-calendar.js';
import type { WorkCalendar } from '../../domain/calendar.js';

export interface DeadlineMove {
  readonly itemId: ItemId;
  /** The item's number (文号), which the system admin may read — never its title (三权分立). */
  readonly number: string;
  readonly previousDeadline: string;
  readonly deadline: string;
}

export interface NoticeLoaded {
  readonly year: number;
  /** Whether the tenant had a notice for the year before (this one replaces it). */
  readonly replaced: boolean;
  /** Open items whose provisional deadline moved, each with a DeadlineAdjusted event on its record. */
  readonly moved: readonly DeadlineMove[];
}

const OPEN = ['assigned', 'in_progress', 'closing'] as const;

/** The working-day count an item's deadline came from, and the deadline it gave, from its record. */
function countedFrom(events: readonly ItemEvent[]): { basis: DeadlineBasis | undefined; deadline: string | null } {
  let found: { basis: DeadlineBasis | undefined; deadline: string | null } = { basis: undefined, deadline: null };
  for (const e of events) {
    if (e.type === 'ItemAssigned') found = { basis: e.data.deadlineBasis, deadline: e.data.deadline };
    if (e.type === 'DeadlineAdjusted') found = { basis: e.data.basis, deadline: e.data.deadline };
  }
  return found;
}

/**
 * Counts again, on the new calendar, the deadlines counted on a provisional year: an open item whose deadline
 * lies from December before the notice's year on (a notice may move late-December days) and still is the one
 * counted gets a DeadlineAdjusted event naming the old and the new date.
 */
async function adjustDeadlines(
  tx: TransactionContext,
  tenantId: TenantId,
  calendar: WorkCalendar,
  year: number,
  at: string,
  by: { userId: string; unitId: string },
): Promise<DeadlineMove[]> {
  const moved: DeadlineMove[] = [];
  let after: string | null = null;
  do {
    const page = await tx.items.list(tenantId, { statuses: [...OPEN], deadlineFrom: `${year - 1}-12-01` }, { limit: 500, after });
    for (const item of page.items) {
      const events = (await tx.events.listByItem(tenantId, item.id)).filter(isLoopEvent).map(fromStored);
      const { basis, deadline } = countedFrom(events);
      const event = adjustedDeadline(item, basis, deadline, calendar, year, at, by);
      if (!event || event.type !== 'DeadlineAdjusted') continue;
      const next: Item = fold(item, [event]);
      await tx.items.update(item, next, at);
      await tx.appendEvents(tenantId, [toNewEvent(event)]);
      moved.push({ itemId: item.id, number: item.number, previousDeadline: event.data.previousDeadline, deadline: event.data.deadline });
    }
    after = page.nextCursor;
  } while (after !== null);
  return moved;
}

/**
 * Loads the State Council's holiday notice of a year into the tenant's calendar (system admin: the calendar is
 * configuration, like units). Stored in the database and recorded on the chain in one transaction, with the
 * provisional deadlines it moves; from then on the year counts on the notice and nothing counted in it is
 * provisional. Loading a year again replaces its notice.
 * @throws AccountError `role_required`; DomainError `validation_failed` (a malformed notice: dates outside the
 *   year, a make-up day on a weekday, a day both off and on).
 */
export async function loadHolidayNotice(deps: AppDeps, ref: ActorRef, input: unknown): Promise<NoticeLoaded> {
  const resolved = await resolveActor(deps.store.read, ref);
  if (!resolved.actor.roles.includes('system_admin')) throw roleRequired('system_admin', '系统管理员');
  const [notice] = parseHolidayNotices([input]) as [HolidayNotice];
  const at = nowInstant(deps);
  const by = { userId: resolved.user.id, unitId: resolved.user.unitId };
  const result = await deps.store.transaction(async (tx) => {
    const before = await tx.holidayNotices.list(ref.tenantId);
    await tx.holidayNotices.put(ref.tenantId, notice.year, notice, at, resolved.user.id);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'HolidayNoticeLoaded', actorUserId: by.userId, actorUnitId: by.unitId, at, payload: { ...notice, source: notice.source ?? null } },
    ]);
    const stored = await tx.holidayNotices.list(ref.tenantId);
    const calendar = calendarWith(baseCalendar(deps), parseHolidayNotices(stored.map((n) => n.notice)));
    const moved = await adjustDeadlines(tx, ref.tenantId, calendar, notice.year, at, by);
    return { year: notice.year, replaced: before.some((n) => n.year === notice.year), moved, stored };
  });
  rememberTenantCalendar(deps, ref.tenantId, result.stored);
  return { year: result.year, replaced: result.replaced, moved: result.moved };
}

/** The notices a tenant's admin loaded, by year (what `luoshi calendar` lists). */
export async function listHolidayNotices(deps: AppDeps, ref: ViewerRef): Promise<{ year: number; loadedAt: string; source: string | null }[]> {
  if (!isOperator(ref)) await resolveActor(deps.store.read, ref);
  const stored = await deps.store.read.holidayNotices.list(ref.tenantId);
  return parseHolidayNotices(stored.map((n) => n.notice)).map((n, i) => ({ year: n.year, loadedAt: stored[i]!.loadedAt, source: n.source ?? null }));
}
