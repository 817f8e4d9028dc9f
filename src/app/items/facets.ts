import type { UnitId } from '../../domain/ids.js';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/item.js';
import type { Light } from '../../domain/lights.js';
import { LIT_STATUSES, type ItemGroupCount } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { lightOf, viewingScope } from './load.js';
import { listItems, searchOf, type ItemListQuery } from './queries.js';

export const FACETS = ['state', 'light', 'ledger', 'unit'] as const;
export type Facet = (typeof FACETS)[number];

const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'none'];

/** Counts of a list's items, per facet asked for; `total` is the list's length whatever was asked. */
export interface ItemFacets {
  readonly total: number;
  readonly state?: Readonly<Record<ItemStatus, number>>;
  readonly light?: Readonly<Record<Light, number>>;
  /** Per ledger type key, the types with items only. */
  readonly ledger?: Readonly<Record<string, number>>;
  /** Per lead unit, the units with items only; items without a lead unit yet are `noLeadUnit`. */
  readonly unit?: { readonly counts: Readonly<Record<UnitId, number>>; readonly noLeadUnit: number };
}

export type ItemFacetQuery = Omit<ItemListQuery, 'sort' | 'limit' | 'after' | 'awaitingIntake'>;

function tally(groups: readonly ItemGroupCount[], by: ReadonlySet<Facet>, lights?: Record<Light, number>): ItemFacets {
  const state = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  const ledger: Record<string, number> = {};
  const unit: Record<UnitId, number> = {};
  let noLead = 0;
  let total = 0;
  for (const g of groups) {
    total += g.count;
    state[g.status] += g.count;
    ledger[g.ledgerType] = (ledger[g.ledgerType] ?? 0) + g.count;
    if (g.leadUnitId === null) noLead += g.count;
    else unit[g.leadUnitId] = (unit[g.leadUnitId] ?? 0) + g.count;
  }
  return {
    total,
    ...(by.has('state') && { state }),
    ...(by.has('light') && lights && { light: lights }),
    ...(by.has('ledger') && { ledger }),
    ...(by.has('unit') && { unit: { counts: unit, noLeadUnit: noLead } }),
  };
}

/**
 * How many items a list query matches, per state, warning light, ledger type and lead unit (those in `by`):
 * the same scope and filters as listItems (searchOf), so a unit's user counts exactly what their list shows.
 * The database groups and counts; only the light, computed at the reader's clock, needs the rows of the items
 * that can have one (assigned, in progress, closing), and only their light's fields. With a light filter the
 * other facets come from those rows too, since a light is not a column the database could filter on.
 * @throws AppError `business_data_forbidden` for admin roles; StoreError `invalid_input` (bad date).
 */
export async function itemFacets(deps: AppDeps, viewer: ViewerRef, q: ItemFacetQuery = {}, by: ReadonlySet<Facet> = new Set(FACETS), narrowTo?: UnitId): Promise<ItemFacets> {
  if (q.listed || q.recheck || q.reportDue) return countListed(deps, viewer, q, by, narrowTo);
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const search = searchOf(scope, q, narrowTo);
  const wanted = q.lights ? new Set(q.lights) : null;
  const needRows = by.has('light') || wanted !== null;
  if (!needRows) return tally(await read.itemSearch.groupCounts(viewer.tenantId, search), by);
  const [groups, rows] = await Promise.all([read.itemSearch.groupCounts(viewer.tenantId, search), read.itemSearch.lightRows(viewer.tenantId, search)]);
  const lights = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  // Items that can have a light, grouped as the database groups, by the light each has now.
  const lit: ItemGroupCount[] = [];
  for (const r of rows) {
    const light = lightOf(deps, scope, { ...r, tenantId: viewer.tenantId }).light;
    if (wanted && !wanted.has(light)) continue;
    lights[light] += 1;
    lit.push({ status: r.status, ledgerType: r.ledgerType, leadUnitId: r.leadUnitId, count: 1 });
  }
  // The rest have no light (`none`): the database's groups of the states that cannot have one.
  const unlit = groups.filter((g) => !LIT_STATUSES.includes(g.status));
  const none = wanted === null || wanted.has('none') ? unlit : [];
  for (const g of none) lights.none += g.count;
  return tally([...lit, ...none], by, lights);
}

/**
 * Counts of a list filtered by what only the item's record holds (挂牌督办, 回头看, 定期报送): the list's own rows, read
 * page by page, so the counts are those of exactly the rows the list shows. Such items are few.
 */
async function countListed(deps: AppDeps, viewer: ViewerRef, q: ItemFacetQuery, by: ReadonlySet<Facet>, narrowTo?: UnitId): Promise<ItemFacets> {
  const groups: ItemGroupCount[] = [];
  const lights = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  let after: string | null = null;
  do {
    const page = await listItems(deps, viewer, { ...q, limit: 200, after }, narrowTo);
    for (const { item, light } of page.items) {
      lights[light.light] += 1;
      groups.push({ status: item.status, ledgerType: item.ledgerType, leadUnitId: item.leadUnitId, count: 1 });
    }
    after = page.nextCursor;
  } while (after !== null);
  return tally(groups, by, lights);
}
