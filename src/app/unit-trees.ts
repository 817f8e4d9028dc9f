import type { TenantId } from '../domain/ids.js';
import { UnitTree } from '../domain/units.js';
import type { ReadContext, TransactionContext } from '../store/index.js';

/**
 * The unit tree of a tenant, cached per process: every action needs it for scope checks and it changes
 * rarely. Changes made through this process drop the entry at once; other nodes see them after `TTL_MS` of
 * real time (a monotonic clock: the use cases' injected clock may run faster, as in the demo and benchmarks).
 */
const TTL_MS = 30_000;

interface Entry {
  readonly tree: UnitTree;
  readonly loadedAt: number;
}

const cache = new WeakMap<object, Map<TenantId, Entry>>();

/** The tenant's unit tree; `owner` scopes the cache (one store, one cache). */
export async function unitTree(owner: object, ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<UnitTree> {
  let byTenant = cache.get(owner);
  if (!byTenant) cache.set(owner, (byTenant = new Map()));
  const nowMs = performance.now();
  const hit = byTenant.get(tenantId);
  if (hit && nowMs - hit.loadedAt < TTL_MS) return hit.tree;
  const tree = UnitTree.from(await ctx.units.list(tenantId));
  byTenant.set(tenantId, { tree, loadedAt: nowMs });
  return tree;
}

/** Drops the cached tree after a change to the tenant's units. */
export function forgetUnitTree(owner: object, tenantId: TenantId): void {
  cache.get(owner)?.delete(tenantId);
}
