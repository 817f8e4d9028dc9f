import { DomainError } from '../../domain/errors.js';
import type { UnitId } from '../../domain/ids.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { viewingScope, type ViewingScope } from '../items/load.js';

/** Who may do what with monitoring signals, resolved once per use case. */
export interface SignalsScope extends ViewingScope {
  /** The acting user's domain actor; null for the operator at the command line. */
  readonly actor: Actor | null;
}

/**
 * Resolves a reader or writer of signal data: the operator (everything of the tenant), or a user seeing
 * the units of its scope. Writers (configuring indicators, ingesting counts) must be supervisors.
 * @throws AppError `user_not_found`, `user_disabled`, `business_data_forbidden` (admin roles),
 *   `tenant_not_found`; DomainError `forbidden` for a writer without the supervisor role.
 */
export async function signalsScope(deps: AppDeps, ctx: ReadContext | TransactionContext, by: ViewerRef, mode: 'read' | 'write'): Promise<SignalsScope> {
  const scope = await viewingScope(deps, ctx, by);
  const actor = scope.acting?.actor ?? null;
  if (mode === 'write' && actor && !hasRole(actor, 'supervisor')) {
    throw new DomainError('forbidden', 'Only a supervisor may change monitoring data.', '只有督办员可以维护监测数据。');
  }
  return { ...scope, actor };
}

/** Whether the scope includes a unit (the operator's includes all). */
export const inScope = (scope: Pick<ViewingScope, 'visible'>, unitId: UnitId): boolean => scope.visible === null || scope.visible.has(unitId);

/** The actor's ids for an event row (null for the operator). */
export const eventActor = (scope: SignalsScope): { actorUserId: string | null; actorUnitId: string | null } => ({
  actorUserId: scope.actor?.userId ?? null,
  actorUnitId: scope.actor?.unitId ?? null,
});
