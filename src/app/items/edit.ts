import type { ItemId } from '../../domain/ids.js';
import type { ActorRef, AppDeps } from '../context.js';
import { performAction, type ActionResult } from './perform.js';

/**
 * 修改: a draft's edit before 交办 (EditDraft), or a supervisor's correction of an item at work (EditItem) — the
 * item's state picks the command, the loop's guards decide whether it is allowed. PATCH /items/:id, `luoshi item
 * edit` and the web's 修改 dialog call this, so none of them needs to know the state first. An item the actor may
 * not see is refused by performAction as not found, whichever command was picked.
 * @throws as performAction.
 */
export async function editItem(deps: AppDeps, ref: ActorRef, itemId: ItemId, data: Record<string, unknown>, expectedVersion?: number): Promise<ActionResult> {
  const current = await deps.store.read.items.get(ref.tenantId, itemId);
  const type = current && current.status !== 'draft' ? 'EditItem' : 'EditDraft';
  return performAction(deps, ref, itemId, { type, data, ...(expectedVersion !== undefined && { expectedVersion }) });
}
