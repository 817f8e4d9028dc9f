import { OPEN_STATUSES } from '../../domain/loop/guards.js';
import type { Item } from '../../domain/item.js';
import type { Evidence } from '../../store/index.js';
import { AccountError, roleRequired } from '../accounts/errors.js';
import { resolveActor } from '../actors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { actingScope, loadVisibleItem } from '../items/load.js';
import { itemLedgerType } from '../ledger-types/cache.js';
import { requireInNarrowScope } from '../search/search-items.js';
import { evidenceBytes } from './evidence.js';
import { EVIDENCE_WITHDRAWN, WITHDRAWN_EVIDENCE_READ, withdrawnEvidenceIds } from './withdrawn.js';

const notFound = (id: string) => new AccountError('evidence_not_found', `No file ${id} that you may see.`, `未找到文件 ${id}(或无权查看)。`);

/** Whether an action (a report, a closure request, a 回头看) or an evidence field of the item cites the file. */
function cited(deps: AppDeps, item: Item, evidenceId: string): boolean {
  if (item.evidence.includes(evidenceId)) return true;
  const fields = itemLedgerType(deps, item.tenantId, item.ledgerType).fields.filter((f) => f.kind === 'evidence');
  return fields.some((f) => {
    const v = item.fields[f.name];
    return Array.isArray(v) && v.includes(evidenceId);
  });
}

export interface Withdrawal {
  readonly evidenceId: string;
  readonly itemId: string;
  readonly fileName: string;
  readonly withdrawnAt: string;
}

/**
 * 撤回: the uploader takes back a file of an open item that nothing cites yet. A cited file stays: the record
 * of the report or closure request that cites it must keep what it cited. The withdrawal is an event on the
 * item's chain (who, when, which file, why); the row and the bytes are kept (see withdrawn.ts). `narrowTo`: the
 * unit an API token is bound to.
 * @throws AccountError `evidence_not_found` (no such file the actor may see, or withdrawn already),
 *   `evidence_withdraw_forbidden` (not the uploader), `evidence_item_closed` (item closed or cancelled),
 *   `evidence_cited` (an action or a field cites it).
 */
export async function withdrawEvidence(deps: AppDeps, ref: ActorRef, evidenceId: string, reason?: string, narrowTo?: string): Promise<Withdrawal> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const evidence = await tx.evidence.get(ref.tenantId, evidenceId);
    if (!evidence) throw notFound(evidenceId);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, evidence.itemId).catch(() => {
      throw notFound(evidenceId);
    });
    // An API token bound to a unit reaches only that unit's items.
    await requireInNarrowScope(deps, ref, item.id, narrowTo).catch(() => {
      throw notFound(evidenceId);
    });
    if (withdrawnEvidenceIds(await tx.events.listByItem(ref.tenantId, item.id, [EVIDENCE_WITHDRAWN])).has(evidenceId)) throw notFound(evidenceId);
    if (evidence.uploadedBy !== scope.actor.userId) {
      throw new AccountError('evidence_withdraw_forbidden', 'Only the person who uploaded a file withdraws it.', '只有上传人可以撤回该文件。');
    }
    if (!(OPEN_STATUSES as readonly string[]).includes(item.status)) {
      throw new AccountError('evidence_item_closed', 'The item is closed or cancelled: its files stay as they are.', '事项已办结或已撤销，其佐证材料不能再撤回。');
    }
    if (cited(deps, item, evidenceId)) {
      throw new AccountError(
        'evidence_cited',
        'A report or closure request on record cites this file, so it stays with the item.',
        '该文件已被进展报告或办结申请引用，须随事项保留，不能撤回。',
      );
    }
    const why = reason?.trim() ? reason.trim().slice(0, 500) : null;
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: item.id,
        type: EVIDENCE_WITHDRAWN,
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: scope.ctx.now,
        payload: { evidenceId, fileName: evidence.fileName, ...(why !== null && { reason: why }) },
      },
    ]);
    return { evidenceId, itemId: item.id, fileName: evidence.fileName, withdrawnAt: scope.ctx.now };
  });
}

/**
 * The bytes of a withdrawn file, for the auditor, who examines what was taken back (the files users still see
 * are work content, which the auditor does not read). Each read is recorded in the chain. A sealed file of an
 * erased case is `evidence_erased`.
 * @throws AccountError `role_required` (not the auditor), `evidence_not_found` (no such file, or not withdrawn),
 *   `evidence_erased`.
 */
export async function readWithdrawnEvidence(deps: AppDeps, ref: ActorRef, dataDir: string, evidenceId: string): Promise<{ evidence: Evidence; bytes: Buffer }> {
  const { actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('auditor')) throw roleRequired('auditor', '审计管理员');
  const evidence = await deps.store.read.evidence.get(ref.tenantId, evidenceId);
  if (!evidence) throw notFound(evidenceId);
  const events = await deps.store.read.events.listByItem(ref.tenantId, evidence.itemId, [EVIDENCE_WITHDRAWN]);
  if (!withdrawnEvidenceIds(events).has(evidenceId)) throw notFound(evidenceId);
  const bytes = await evidenceBytes(deps, dataDir, ref.tenantId, evidence);
  await deps.store.transaction(async (tx) => {
    await tx.appendEvents(ref.tenantId, [
      // Not on the item's chain of work (its timeline), but in the log: the auditor's read of what users no longer see.
      { itemId: null, type: WITHDRAWN_EVIDENCE_READ, actorUserId: actor.userId, actorUnitId: actor.unitId, at: nowInstant(deps), payload: { evidenceId, itemId: evidence.itemId } },
    ]);
  });
  return { evidence, bytes };
}
