/*
 * Reads of single items and of items by id for the API, within the reader's scope narrowed to an API token's
 * unit. The item list itself is `listItems` (app/items/queries.ts), the one list of the CLI, the API and the jobs.
 */
import type { ItemId, UnitId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import type { ActorRef, AppDeps } from '../context.js';
import { itemNotFound } from '../errors.js';
import { lightOf, readScope, viewingScope } from '../items/load.js';
import type { ItemRow } from '../items/queries.js';
import { maskItem } from '../personal.js';
import { itemVisible } from '../visibility.js';

/**
 * For a request made with an API token bound to `narrowTo`: refuses an item outside that unit's subtree with
 * the same answer as a missing one.
 * @throws AppError `item_not_found`.
 */
export async function requireInNarrowScope(deps: AppDeps, ref: ActorRef, itemId: ItemId, narrowTo: UnitId | undefined): Promise<void> {
  if (narrowTo === undefined) return;
  const read = deps.store.read;
  const units = readScope(await viewingScope(deps, read, ref), narrowTo);
  const item = await read.items.get(ref.tenantId, itemId);
  if (!item || (units !== null && !itemVisible(item, new Set(units)))) throw itemNotFound(itemId);
}

/** An item the actor just wrote, as a row (masked, with its light), even if the write took it out of their sight. */
export async function rowOf(deps: AppDeps, ref: ActorRef, item: Item): Promise<ItemRow> {
  const scope = await viewingScope(deps, deps.store.read, ref);
  return { item: maskItem(item), light: lightOf(deps, scope, item) };
}

/** Items by id as rows, keeping only those the actor may see (a drill-down never shows more than the list would). */
export async function rowsOf(deps: AppDeps, ref: ActorRef, ids: readonly ItemId[], narrowTo?: UnitId): Promise<ItemRow[]> {
  const scope = await viewingScope(deps, deps.store.read, ref);
  const units = readScope(scope, narrowTo);
  const allowed = units === null ? null : new Set(units);
  const items = await deps.store.read.items.getMany(ref.tenantId, ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  return items
    .filter((i) => allowed === null || itemVisible(i, allowed))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((i) => ({ item: maskItem(i), light: lightOf(deps, scope, i) }));
}
