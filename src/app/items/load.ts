import type { Instant, ItemId, TenantId, UnitId } from '../../domain/ids.js';
import type { UnitTree } from '../../domain/units.js';
import type { Item } from '../../domain/item.js';
import { computeLight, lightRulesFor, type LightItem, type LightResult } from '../../domain/lights.js';
import { closureOutcome } from '../../domain/metrics/scoring.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import type { DecideContext } from '../../domain/loop/index.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';
import { actingActor } from '../actor-cache.js';
import type { ResolvedActor } from '../actors.js';
import { isOperator, nowInstant, type ActorRef, type AppDeps, type ViewerRef } from '../context.js';
import { AppError, itemNotFound } from '../errors.js';
import { itemLedgerType, refreshLedgerTypes } from '../ledger-types/cache.js';
import { unitTree } from '../unit-trees.js';
import { calendarOf, refreshTenantCalendar } from '../calendar/tenant-calendar.js';
import { itemVisible, visibleUnits } from '../visibility.js';

/** Time zones of the tenants a store has seen: a tenant's zone is fixed when it is created, so it never goes stale. */
const zones = new WeakMap<object, Map<TenantId, string>>();

/**
 * The tenant's time zone (every date and deadline lives there), cached per store (`owner`).
 * @throws AppError `tenant_not_found`.
 */
export async function tenantZone(owner: object, ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<string> {
  let known = zones.get(owner);
  if (!known) zones.set(owner, (known = new Map()));
  const hit = known.get(tenantId);
  if (hit !== undefined) return hit;
  const t = await ctx.tenants.get(tenantId);
  if (!t) throw new AppError('tenant_not_found', `No tenant ${tenantId}.`, `租户 ${tenantId} 不存在。`, { tenantId });
  known.set(tenantId, t.timeZone);
  return t.timeZone;
}

export function ledgerTypeOf(deps: AppDeps, tenantId: TenantId, key: string): LedgerType {
  return itemLedgerType(deps, tenantId, key);
}

export interface ActingScope extends ResolvedActor {
  readonly tenantId: TenantId;
  readonly ctx: Omit<DecideContext, 'ledgerType'>;
  readonly visible: ReadonlySet<string>;
}

/** Resolves who acts, their unit tree and what they may see, with the clock read once. */
export async function actingScope(deps: AppDeps, ctx: ReadContext | TransactionContext, ref: ActorRef): Promise<ActingScope> {
  const now = nowInstant(deps);
  const [resolved, timeZone] = await Promise.all([
    actingActor(deps.store, ctx, ref),
    tenantZone(deps.store, ctx, ref.tenantId),
    refreshLedgerTypes(deps, ctx, ref.tenantId),
    refreshTenantCalendar(deps, ctx, ref.tenantId),
  ]);
  const units = await unitTree(deps.store, ctx, ref.tenantId);
  return { ...resolved, tenantId: ref.tenantId, ctx: { actor: resolved.actor, units, now, timeZone }, visible: visibleUnits(resolved.actor, units) };
}

/** What a reader sees: an actor's scope, or everything for the operator (`visible` null, no actor). */
export interface ViewingScope {
  readonly now: Instant;
  readonly timeZone: string;
  readonly units: UnitTree;
  readonly visible: ReadonlySet<string> | null;
  readonly acting: ActingScope | null;
}

/**
 * The units a reader's lists and reads are limited to: what they may see, narrowed to a unit's subtree when an
 * API token is bound to one (`narrowTo`). Null when that is every unit of the tenant (no scope condition needed).
 */
export function readScope(scope: ViewingScope, narrowTo?: UnitId): UnitId[] | null {
  let units = scope.visible === null ? null : [...scope.visible];
  if (narrowTo !== undefined) units = (units ?? scope.units.all().map((u) => u.id)).filter((u) => scope.units.isWithin(u, narrowTo));
  return units === null || units.length === scope.units.size ? null : units;
}

/**
 * An item's warning light at the reader's clock, in the tenant's time zone, by its ledger type's rules; for a
 * closed item, its outcome (按期 or 超期 by N days) as 考核 scores it, so every list and page says the same.
 * Counting lights (facets) passes only the light's fields of open items.
 */
export function lightOf(deps: AppDeps, scope: Pick<ViewingScope, 'now' | 'timeZone'>, item: (LightItem & Pick<Item, 'tenantId' | 'ledgerType'>) | Item): LightResult {
  const type = ledgerTypeOf(deps, item.tenantId, item.ledgerType);
  const light = computeLight(item, scope.now, lightRulesFor(type), calendarOf(deps, item.tenantId), scope.timeZone);
  const closure = 'closedAt' in item ? closureOutcome(item, scope.timeZone) : null;
  return closure ? { ...light, closure } : light;
}

export async function viewingScope(deps: AppDeps, ctx: ReadContext | TransactionContext, viewer: ViewerRef): Promise<ViewingScope> {
  if (!isOperator(viewer)) {
    const acting = await actingScope(deps, ctx, viewer);
    return { now: acting.ctx.now, timeZone: acting.ctx.timeZone, units: acting.ctx.units, visible: acting.visible, acting };
  }
  const now = nowInstant(deps);
  const [timeZone] = await Promise.all([
    tenantZone(deps.store, ctx, viewer.tenantId),
    refreshLedgerTypes(deps, ctx, viewer.tenantId),
    refreshTenantCalendar(deps, ctx, viewer.tenantId),
  ]);
  return { now, timeZone, units: await unitTree(deps.store, ctx, viewer.tenantId), visible: null, acting: null };
}

/**
 * Loads an item the reader may see.
 * @throws AppError `item_not_found` when it does not exist or lies outside the reader's scope (never told apart).
 */
export async function loadVisibleItem(ctx: ReadContext | TransactionContext, scope: { visible: ReadonlySet<string> | null }, tenantId: TenantId, id: ItemId): Promise<Item> {
  const item = await ctx.items.get(tenantId, id);
  if (!item || (scope.visible !== null && !itemVisible(item, scope.visible))) throw itemNotFound(id);
  return item;
}
