import type { ItemId } from '../domain/ids.js';
import type { ActorRef, AppDeps } from './context.js';
import { AppError } from './errors.js';
import { actingScope, loadVisibleItem } from './items/load.js';
import { openItemFields, personalFieldsOf } from './personal.js';

/**
 * Reveals an item's personal fields to someone who handles the case, and records the read in the chain
 * (who, when, which fields, why) before returning anything: DESIGN.md asks that every read be logged.
 * Leaders and co-units see the masked values only.
 * @throws AppError `item_not_found`, `personal_data_forbidden` (no reason, or not the supervisor or the lead
 *   unit's handler).
 */
export async function revealPersonal(deps: AppDeps, ref: ActorRef, itemId: ItemId, reason: string): Promise<Record<string, unknown>> {
  const why = reason.trim();
  if (!why) throw new AppError('personal_data_forbidden', 'Say why you need the personal information.', '查看个人信息须说明理由。');
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
    const { actor } = scope;
    const handles =
      (actor.roles.includes('handler') && item.leadUnitId === actor.unitId) || (actor.roles.includes('supervisor') && scope.ctx.units.isWithin(item.ownerUnitId, actor.unitId));
    if (!handles) {
      throw new AppError('personal_data_forbidden', 'Only the supervisor or the lead unit handles this case.', '只有督办单位或牵头单位的经办人可以查看当事人信息。');
    }
    const names = personalFieldsOf(item);
    await tx.appendEvents(ref.tenantId, [
      { itemId, type: 'PersonalDataRead', actorUserId: actor.userId, actorUnitId: actor.unitId, at: scope.ctx.now, payload: { fields: names, reason: why } },
    ]);
    const opened = await openItemFields(tx, deps.store.crypto, item);
    return Object.fromEntries(names.map((n) => [n, opened[n]]));
  });
}
