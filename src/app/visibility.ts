import type { UnitId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import type { Actor } from '../domain/roles.js';
import type { UnitTree } from '../domain/units.js';
import { AppError } from './errors.js';

const BUSINESS_ROLES = ['supervisor', 'leader', 'handler'] as const;

/** Visible units by unit and business roles, per tree: a tree is rebuilt on every change, so entries never go stale. */
const memo = new WeakMap<UnitTree, Map<string, ReadonlySet<UnitId>>>();

/**
 * The units whose items an actor may see (an item is visible when its owner, lead or a co-unit is among
 * them) — the one rule of lists, search, stats, exports, the desk and webhooks. A supervisor serves the area
 * its unit belongs to (the 督查室 of a city sits in a party or government office, yet supervises the whole city)
 * and sees every unit of that area at every level below: the city's supervisor sees the districts, a district's
 * supervisor its district only. A leader sees its unit's subtree — an area leader the whole area, a department
 * leader its department — and the units above it up to its area; a handler sees its own unit only. DESIGN.md:
 * "a unit sees the items it leads or co-handles; nobody sees another unit's items by guessing an id".
 * @throws AppError `business_data_forbidden` for the admin roles (三权分立: they never read business data).
 */
export function visibleUnits(actor: Actor, tree: UnitTree): ReadonlySet<UnitId> {
  const roles = actor.roles.filter((r): r is (typeof BUSINESS_ROLES)[number] => (BUSINESS_ROLES as readonly string[]).includes(r));
  if (roles.length === 0) {
    throw new AppError('business_data_forbidden', 'Administrators and auditors do not read business data.', '管理员与审计员不能查看业务数据(三权分立)。');
  }
  const area = roles.includes('supervisor');
  const wide = area || roles.includes('leader');
  let byActor = memo.get(tree);
  if (!byActor) memo.set(tree, (byActor = new Map()));
  const key = `${area ? 'area' : wide ? 'wide' : 'own'}:${actor.unitId}`;
  const known = byActor.get(key);
  if (known) return known;
  const units = area ? areaUnits(actor.unitId, tree) : computeVisible(actor.unitId, wide, tree);
  byActor.set(key, units);
  return units;
}

/** Every unit of the area `unitId` belongs to (see `supervisorCovers` in the loop: the same rule). */
function areaUnits(unitId: UnitId, tree: UnitTree): ReadonlySet<UnitId> {
  if (!tree.has(unitId)) return new Set([unitId]);
  return new Set(tree.subtree(tree.areaOf(unitId).id).map((u) => u.id));
}

function computeVisible(unitId: UnitId, wide: boolean, tree: UnitTree): ReadonlySet<UnitId> {
  const units = new Set<UnitId>([unitId]);
  if (wide) {
    for (const u of tree.subtree(unitId)) units.add(u.id);
    // Like `supervisesOwner` in the loop: units above the actor's own, up to and including its area, whose
    // items it supervises from inside (a 督查室 under 市委办公室 supervises the city's items); never beyond the area.
    const area = tree.areaOf(unitId).id;
    for (const u of tree.path(unitId).reverse()) {
      units.add(u.id);
      if (u.id === area) break;
    }
  }
  return units;
}

/** Whether an item is visible through the given units. */
export function itemVisible(item: Item, units: ReadonlySet<UnitId>): boolean {
  if (units.has(item.ownerUnitId)) return true;
  if (item.leadUnitId !== null && units.has(item.leadUnitId)) return true;
  return item.coUnitIds.some((u) => units.has(u));
}
