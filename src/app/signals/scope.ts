import { DomainError } from '../../domain/errors.js';
import type { UnitId } from '../../domain/ids.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import type { UnitTree } from '../../domain/units.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { viewingScope, type ViewingScope } from '../items/load.js';

/** Who may do what with monitoring signals, resolved once per use case. */
export interface SignalsScope extends ViewingScope {
  /** The acting user's domain actor; null for the operator at the command line. */
  readonly actor: Actor | null;
  /** Region units whose series the reader may see or write; null for all (the operator). */
  readonly regions: ReadonlySet<UnitId> | null;
}

/**
 * The regions an actor's signal work covers. A supervisor or leader covers its whole area (the 市疾控中心
 * covers the city and every district in it, as it may hand alarms to any of them); a handler its own unit
 * and what lies below it.
 */
export function regionsOf(actor: Actor, units: UnitTree, visible: ReadonlySet<UnitId>): Set<UnitId> {
  const out = new Set(visible);
  if (hasRole(actor, 'supervisor') || hasRole(actor, 'leader')) for (const u of units.subtree(units.areaOf(actor.unitId).id)) out.add(u.id);
  return out;
}

/**
 * Resolves a reader or writer of signal data: the operator (everything of the tenant), or a user seeing
 * the regions of its area. Writers (configuring indicators, ingesting counts) must be supervisors.
 * @throws AppError `user_not_found`, `user_disabled`, `business_data_forbidden` (admin roles),
 *   `tenant_not_found`; DomainError `forbidden` for a writer without the supervisor role.
 */
export async function signalsScope(deps: AppDeps, ctx: ReadContext | TransactionContext, by: ViewerRef, mode: 'read' | 'write'): Promise<SignalsScope> {
  const scope = await viewingScope(deps, ctx, by);
  const actor = scope.acting?.actor ?? null;
  if (mode === 'write' && actor && !hasRole(actor, 'supervisor')) {
    throw new DomainError('forbidden', 'Only a supervisor may change monitoring data.', '只有督办员可以维护监测数据。');
  }
  const regions = actor && scope.visible ? regionsOf(actor, scope.units, scope.visible) : null;
  return { ...scope, actor, regions };
}

/** Whether the scope covers a region (the operator's covers all). */
export const inScope = (scope: Pick<SignalsScope, 'regions'>, unitId: UnitId): boolean => scope.regions === null || scope.regions.has(unitId);

/** The actor's ids for an event row (null for the operator). */
export const eventActor = (scope: SignalsScope): { actorUserId: string | null; actorUnitId: string | null } => ({
  actorUserId: scope.actor?.userId ?? null,
  actorUnitId: scope.actor?.unitId ?? null,
});
