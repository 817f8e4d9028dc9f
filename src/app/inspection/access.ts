import type { InspectionPlan } from '../../domain/inspection/index.js';
import { DomainError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { ActingScope } from '../items/load.js';

/**
 * Who records a round (and takes its photos): an inspector of the inspecting unit — a handler there, or a
 * supervisor who sits in it. A supervisor of the area sees the round but does not record for the unit.
 * @throws DomainError `forbidden`.
 */
export function requireInspector(scope: ActingScope, plan: InspectionPlan): void {
  const { actor } = scope;
  if (actor.unitId !== plan.unitId || !(hasRole(actor, 'handler') || hasRole(actor, 'supervisor'))) {
    throw new DomainError('forbidden', 'Only an inspector of the inspecting unit records its rounds.', '只有检查单位的检查人员可以填报检查结果。', { unitId: plan.unitId });
  }
}
