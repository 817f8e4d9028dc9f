import type { TenantId } from '../domain/ids.js';
import type { ReadContext, TransactionContext } from '../store/index.js';
import { resolveActor, type ResolvedActor } from './actors.js';
import type { ActorRef } from './context.js';

/*
 * Every action of the loop resolves its actor (the user with unit and roles: two queries), so resolved actors
 * are cached per store for a few seconds of real time. Changes made through this process (roles, disabling,
 * in accounts/admin.ts) drop the tenant's entries at once; other nodes see them within TTL_MS. The window is
 * narrow in practice: sessions and API tokens are authenticated against the user read afresh, and a change of
 * roles or a disabling ends the user's sessions. Administrative use cases call resolveActor and never read
 * this cache; a user not found or disabled is never cached.
 */
const TTL_MS = 5_000;

interface Entry {
  readonly resolved: ResolvedActor;
  readonly loadedAt: number;
}

const cache = new WeakMap<object, Map<TenantId, Map<string, Entry>>>();

const keyOf = (ref: ActorRef): string => ('username' in ref ? `name:${ref.username}` : `id:${ref.userId}`);

/**
 * The acting user as resolveActor gives it, from the cache of `owner` (one store, one cache) when fresh.
 * @throws AppError `user_not_found`, `user_disabled`.
 */
export async function actingActor(owner: object, ctx: ReadContext | TransactionContext, ref: ActorRef): Promise<ResolvedActor> {
  let byTenant = cache.get(owner);
  if (!byTenant) cache.set(owner, (byTenant = new Map()));
  let entries = byTenant.get(ref.tenantId);
  if (!entries) byTenant.set(ref.tenantId, (entries = new Map()));
  const key = keyOf(ref);
  const now = performance.now();
  const hit = entries.get(key);
  if (hit && now - hit.loadedAt < TTL_MS) return hit.resolved;
  const resolved = await resolveActor(ctx, ref);
  entries.set(key, { resolved, loadedAt: now });
  return resolved;
}

/** Drops the tenant's cached actors after a change to its users. */
export function forgetActors(owner: object, tenantId: TenantId): void {
  cache.get(owner)?.delete(tenantId);
}
