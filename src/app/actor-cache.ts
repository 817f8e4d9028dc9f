import type { TenantId } from '../domain/ids.js';
import type { ReadContext, TransactionContext } from '../store/index.js';
import { resolveActor, type ResolvedActor } from './actors.js';
import type { ActorRef } from './context.js';

/*
 * Every action of the loop resolves its actor (the user with unit and roles: two queries), so resolved actors
 * are cached per store for a few seconds of real time. Changes made through this process (roles, disabling,
 * in accounts/admin.ts) drop the tenant's entries at once; other nodes see them within TTL_MS. The window is
 * narrow in practice: a change of roles or a disabling ends the user's sessions, and the HTTP layer reuses an
 * authenticated session for the same few seconds at most (src/api/principal-cache.ts). Administrative use
 * cases call resolveActor and never read this cache; a user not found or disabled is never cached. A server on
 * PostgreSQL also hears changes made elsewhere (store.onAccountsChanged) and calls forgetAllActors.
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

/** Drops every cached actor of the store: who may do what changed somewhere (another node, the command line). */
export function forgetAllActors(owner: object): void {
  cache.delete(owner);
}

/** Drops the tenant's cached actors (and display names) after a change to its users. */
export function forgetActors(owner: object, tenantId: TenantId): void {
  cache.get(owner)?.delete(tenantId);
  names.get(owner)?.delete(tenantId);
}

/*
 * Display names of a tenant's users, for timelines ("who did this" reads better than a user id). Names change
 * rarely (there is no rename yet), so the whole tenant is read at once and kept NAMES_TTL_MS of real time; a
 * user not in the map (created since) is read alone and added.
 */
const NAMES_TTL_MS = 60_000;

interface Names {
  readonly byId: Map<string, string | null>;
  readonly loadedAt: number;
}

const names = new WeakMap<object, Map<TenantId, Names>>();

/** Display names of the given users (null for an id that names no user), from the cache of `owner` when fresh. */
export async function userNames(owner: object, ctx: ReadContext | TransactionContext, tenantId: TenantId, ids: Iterable<string>): Promise<ReadonlyMap<string, string | null>> {
  let byTenant = names.get(owner);
  if (!byTenant) names.set(owner, (byTenant = new Map()));
  let known = byTenant.get(tenantId);
  const now = performance.now();
  if (!known || now - known.loadedAt >= NAMES_TTL_MS) {
    const users = await ctx.users.list(tenantId);
    known = { byId: new Map(users.map((u) => [u.id, u.displayName])), loadedAt: now };
    byTenant.set(tenantId, known);
  }
  for (const id of ids) {
    if (known.byId.has(id)) continue;
    const user = await ctx.users.get(tenantId, id);
    known.byId.set(id, user?.displayName ?? null);
  }
  return known.byId;
}
