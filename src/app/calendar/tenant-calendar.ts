import { defaultWorkCalendar, WorkCalendar } from '../../domain/calendar.js';
import type { HolidayNotice } from '../../domain/calendar-notice.js';
import type { TenantId } from '../../domain/ids.js';
import { parseHolidayNotices } from '../../domain/calendar-notice.js';
import type { ReadContext, StoredHolidayNotice, TransactionContext } from '../../store/index.js';
import type { AppDeps } from '../context.js';

/*
 * Each tenant's working-day calendar: the installation's (the package's years and LUOSHI_HOLIDAYS) plus the
 * holiday notices its admin loaded, which win for their year. Cached per store like the ledger types: a load
 * in this process replaces the entry at once; other nodes read the stored notices again after TTL_MS.
 */

export const CALENDAR_TTL_MS = 5_000;

interface Entry {
  readonly calendar: WorkCalendar;
  /** Years and load times of the stored notices the calendar was built from. */
  readonly key: string;
  readonly loadedAt: number;
}

const caches = new WeakMap<object, Map<TenantId, Entry>>();

function entries(owner: object): Map<TenantId, Entry> {
  let known = caches.get(owner);
  if (!known) caches.set(owner, (known = new Map()));
  return known;
}

/** The installation's calendar (AppDeps.calendar, or the package's alone). */
export const baseCalendar = (deps: AppDeps): WorkCalendar => deps.calendar ?? defaultWorkCalendar();

/**
 * The calendar of the installation with `stored` notices over it (a stored year replaces the installation's).
 * @throws DomainError `validation_failed` when a stored notice is malformed (they are validated when loaded).
 */
export function calendarWith(base: WorkCalendar, stored: readonly HolidayNotice[]): WorkCalendar {
  if (stored.length === 0) return base;
  const years = new Set(stored.map((n) => n.year));
  return new WorkCalendar({ notices: [...base.notices.filter((n) => !years.has(n.year)), ...stored] });
}

const keyOf = (stored: readonly StoredHolidayNotice[]): string => stored.map((n) => `${n.year}@${n.loadedAt}`).join(',');

/** Puts the calendar built from the notices read just now into the cache (rebuilt only when they changed). */
export function rememberTenantCalendar(deps: AppDeps, tenantId: TenantId, stored: readonly StoredHolidayNotice[]): WorkCalendar {
  const known = entries(deps.store);
  const key = keyOf(stored);
  const hit = known.get(tenantId);
  const calendar = hit && hit.key === key ? hit.calendar : calendarWith(baseCalendar(deps), parseHolidayNotices(stored.map((n) => n.notice)));
  known.set(tenantId, { calendar, key, loadedAt: performance.now() });
  return calendar;
}

/**
 * Makes sure the tenant's cached calendar is at most CALENDAR_TTL_MS old, reading its notices when not. Every
 * use case that counts working days calls it first (via actingScope and viewingScope).
 */
export async function refreshTenantCalendar(deps: AppDeps, ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<WorkCalendar> {
  const hit = entries(deps.store).get(tenantId);
  if (hit && performance.now() - hit.loadedAt < CALENDAR_TTL_MS) return hit.calendar;
  return rememberTenantCalendar(deps, tenantId, await ctx.holidayNotices.list(tenantId));
}

/** The tenant's calendar as last refreshed; the installation's before the first refresh. */
export function calendarOf(deps: AppDeps, tenantId: TenantId): WorkCalendar {
  return caches.get(deps.store)?.get(tenantId)?.calendar ?? baseCalendar(deps);
}
