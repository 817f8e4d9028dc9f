import type { ItemId } from '../domain/ids.js';
import { deleteBlob, isSealedBlob } from '../store/index.js';
import type { ActorRef, AppDeps } from './context.js';
import { AppError } from './errors.js';
import { actingScope, loadVisibleItem } from './items/load.js';

/**
 * Erases a case's personal information (PIPL Art. 47) by destroying its case key: every sealed value of
 * the item, in the projection and in every event, reads as erased from then on, while the chain, which
 * covers only ciphertext, still verifies. A supervisor of the owner unit does it, with a reason. The case's
 * evidence files, sealed under the same key, become unreadable with it; with `dataDir` their stored blobs are
 * also removed (each one no other record refers to), so not even the ciphertext stays on disk.
 * @throws AppError `item_not_found`, `personal_data_forbidden`.
 */
export async function erasePersonal(deps: AppDeps, ref: ActorRef, itemId: ItemId, reason: string, dataDir?: string): Promise<boolean> {
  const why = reason.trim();
  if (!why) throw new AppError('personal_data_forbidden', 'Say why the personal information is erased.', '删除个人信息须说明理由。');
  const destroyed = await deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
    const { actor } = scope;
    if (!actor.roles.includes('supervisor') || !scope.ctx.units.isWithin(item.ownerUnitId, actor.unitId)) {
      throw new AppError('personal_data_forbidden', 'Only a supervisor of the owner unit erases personal information.', '只有督办单位的督办员可以删除个人信息。');
    }
    const destroyed = await tx.destroyCaseKey(ref.tenantId, itemId, scope.ctx.now);
    if (destroyed) {
      await tx.appendEvents(ref.tenantId, [
        { itemId, type: 'PersonalDataErased', actorUserId: actor.userId, actorUnitId: actor.unitId, at: scope.ctx.now, payload: { reason: why } },
      ]);
    }
    return destroyed;
  });
  if (dataDir !== undefined) {
    // After the commit: a blob removed before a rollback would leave a live record without its file. The key
    // is gone already, so a crash between the two leaves only unreadable ciphertext, removed by the next erase.
    for (const e of await deps.store.read.evidence.listByItem(ref.tenantId, itemId)) {
      if (isSealedBlob(e.storageKey) && (await deps.store.read.evidence.countByStorageKey(e.storageKey)) <= 1) deleteBlob(dataDir, e.storageKey);
    }
  }
  return destroyed;
}
