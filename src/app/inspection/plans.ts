import { validatePlan, type InspectionPlan } from '../../domain/inspection/index.js';
import { supervisorCovers } from '../../domain/loop/guards.js';
import { hasRole } from '../../domain/roles.js';
import { DomainError } from '../../domain/errors.js';
import { toLocalDate } from '../../domain/time.js';
import type { ReadContext, StoredInspectionPlan, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { actingScope, viewingScope, type ViewingScope } from '../items/load.js';

/** What `inspection plan add` takes: the plan (see PlanInputSchema) with its first day optional (today). */
export type AddPlanInput = Record<string, unknown>;

const planNotFound = (id: string): AppError =>
  new AppError('inspection_plan_not_found', `No inspection plan ${id} that you may see.`, `未找到检查计划 ${id}(或无权查看)。`, { planId: id });

/**
 * Adds an inspection plan. A supervisor whose area holds the inspecting unit sets it up, as they would assign
 * an item to that unit; the plan is an act on the record (`InspectionPlanAdded`) with its whole content, so the
 * checklist a round was recorded against can always be shown from the chain.
 * @throws DomainError `validation_failed` (bad plan), `unit_not_found`, `forbidden`.
 */
export async function addInspectionPlan(deps: AppDeps, ref: ActorRef, input: AddPlanInput): Promise<StoredInspectionPlan> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const { actor, units, now, timeZone } = scope.ctx;
    const plan = validatePlan(deps.newId(), { ...input, startsOn: input.startsOn ?? toLocalDate(now, timeZone) });
    units.require(plan.unitId);
    if (!hasRole(actor, 'supervisor') || !supervisorCovers(scope.ctx, actor.unitId, plan.unitId)) {
      throw new DomainError('forbidden', "Only a supervisor of the inspecting unit's area sets up its inspection plans.", '只有检查单位所在区域的督办员可以制定检查计划。', {
        unitId: plan.unitId,
      });
    }
    const stored: StoredInspectionPlan = { ...plan, createdBy: actor.userId, createdAt: now };
    await tx.inspections.insertPlan(ref.tenantId, stored);
    await tx.appendEvents(ref.tenantId, [{ itemId: null, type: 'InspectionPlanAdded', actorUserId: actor.userId, actorUnitId: actor.unitId, at: now, payload: { ...plan } }]);
    return stored;
  });
}

/** Whether a reader may see a plan: its inspecting unit is among the units they see (the items' rule). */
export const planVisible = (scope: Pick<ViewingScope, 'visible'>, plan: InspectionPlan): boolean => scope.visible === null || scope.visible.has(plan.unitId);

/**
 * A plan the reader may see.
 * @throws AppError `inspection_plan_not_found` when it does not exist or lies outside the scope (never told apart).
 */
export async function loadVisiblePlan(
  ctx: ReadContext | TransactionContext,
  scope: Pick<ViewingScope, 'visible'>,
  tenantId: string,
  planId: string,
): Promise<StoredInspectionPlan> {
  const plan = await ctx.inspections.getPlan(tenantId, planId);
  if (!plan || !planVisible(scope, plan)) throw planNotFound(planId);
  return plan;
}

/** The plans the viewer may see: their own unit's as an inspector, their area's as a supervisor. */
export async function listInspectionPlans(deps: AppDeps, viewer: ViewerRef): Promise<StoredInspectionPlan[]> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  return read.inspections.listPlans(viewer.tenantId, scope.visible === null ? null : [...scope.visible]);
}
