import type { ItemId, LocalDate, UnitId } from '../../domain/ids.js';
import type { Item, ItemStatus } from '../../domain/item.js';
import { computeLight, lightRulesFor, type Light, type LightResult } from '../../domain/lights.js';
import type { ItemSort, Page } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { actingScope, ledgerTypeOf, type ActingScope } from '../items/load.js';
import { maskItem } from '../personal.js';
import { itemNotFound } from '../errors.js';
import { itemVisible } from '../visibility.js';

export interface ItemSearchQuery {
  readonly ledgerTypes?: readonly string[];
  readonly statuses?: readonly ItemStatus[];
  readonly leadUnitIds?: readonly UnitId[];
  readonly lights?: readonly Light[];
  readonly parentId?: ItemId | null;
  readonly deadlineFrom?: LocalDate;
  readonly deadlineTo?: LocalDate;
  readonly text?: string;
  readonly sort?: ItemSort;
  readonly limit?: number;
  readonly after?: string | null;
}

export interface SearchRow {
  readonly item: Item;
  readonly light: LightResult;
}

/** Rows looked at per round while filtering by light, which is computed rather than stored. */
const SCAN_PAGE = 500;

/** The light of an item for this reader's clock and city. */
export function lightFor(deps: AppDeps, scope: ActingScope, item: Item): LightResult {
  const type = ledgerTypeOf(deps, item.tenantId, item.ledgerType);
  return computeLight(item, scope.ctx.now, lightRulesFor(type), deps.calendar, scope.ctx.timeZone);
}

/**
 * The units an actor's reads are limited to: what they may see, narrowed to a unit's subtree when an API token
 * is bound to one. Null when that is every unit of the tenant (the list then needs no scope condition).
 */
export function readScope(scope: ActingScope, narrowTo?: UnitId): UnitId[] | null {
  let units = [...scope.visible];
  if (narrowTo !== undefined) units = units.filter((u) => scope.ctx.units.isWithin(u, narrowTo));
  return units.length === scope.ctx.units.size ? null : units;
}

/**
 * Searches the items the actor may see (and, for a token, its unit's subtree): filters, free text, sort and
 * keyset pages, each row with its light; personal fields masked. Nothing outside the scope is counted or
 * returned.
 * @throws AppError `business_data_forbidden` for admin roles; StoreError `invalid_input` (bad cursor or date).
 */
export async function searchItems(deps: AppDeps, ref: ActorRef, q: ItemSearchQuery, narrowTo?: UnitId): Promise<Page<SearchRow>> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  const units = readScope(scope, narrowTo);
  const filter = {
    unitScope: units ?? undefined,
    ledgerTypes: q.ledgerTypes,
    statuses: q.statuses,
    leadUnitIds: q.leadUnitIds,
    parentId: q.parentId,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    text: q.text,
  };
  const limit = q.limit ?? 50;
  const row = (i: Item): SearchRow => ({ item: maskItem(i), light: lightFor(deps, scope, i) });
  if (!q.lights) {
    const page = await read.itemSearch.search(ref.tenantId, filter, { limit, after: q.after ?? null, sort: q.sort });
    return { items: page.items.map(row), nextCursor: page.nextCursor };
  }
  const wanted = new Set(q.lights);
  const rows: SearchRow[] = [];
  let after = q.after ?? null;
  for (;;) {
    const page = await read.itemSearch.search(ref.tenantId, filter, { limit: Math.min(SCAN_PAGE, limit), after, sort: q.sort });
    for (const i of page.items) {
      const r = row(i);
      if (wanted.has(r.light.light)) rows.push(r);
    }
    after = page.nextCursor;
    // The cursor handed back is the store's, so the next call resumes right after the last row looked at.
    if (after === null || rows.length >= limit) return { items: rows, nextCursor: after };
  }
}

/**
 * For a request made with an API token bound to `narrowTo`: refuses an item outside that unit's subtree with
 * the same answer as a missing one.
 * @throws AppError `item_not_found`.
 */
export async function requireInNarrowScope(deps: AppDeps, ref: ActorRef, itemId: ItemId, narrowTo: UnitId | undefined): Promise<void> {
  if (narrowTo === undefined) return;
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  const units = readScope(scope, narrowTo);
  const item = await read.items.get(ref.tenantId, itemId);
  if (!item || (units !== null && !itemVisible(item, new Set(units)))) throw itemNotFound(itemId);
}

/** An item the actor just wrote, as a row (masked, with its light), even if the write took it out of their sight. */
export async function rowOf(deps: AppDeps, ref: ActorRef, item: Item): Promise<SearchRow> {
  const scope = await actingScope(deps, deps.store.read, ref);
  return { item: maskItem(item), light: lightFor(deps, scope, item) };
}

/** Items by id as rows, keeping only those the actor may see (a drill-down never shows more than the list would). */
export async function rowsOf(deps: AppDeps, ref: ActorRef, ids: readonly ItemId[], narrowTo?: UnitId): Promise<SearchRow[]> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const units = readScope(scope, narrowTo);
  const allowed = units === null ? null : new Set(units);
  const items = await deps.store.read.items.getMany(ref.tenantId, ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  return items
    .filter((i) => allowed === null || itemVisible(i, allowed))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((i) => ({ item: maskItem(i), light: lightFor(deps, scope, i) }));
}
