import { CodedError } from '../../domain/errors.js';
import type { ItemId } from '../../domain/ids.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { performAction } from './perform.js';
import type { ActionWarning } from './warnings.js';

/** The actions a ledger selection can take at once, by the command each item receives. */
export const BULK_ACTIONS = { assign: 'AssignItem', urge: 'UrgeItem', transfer: 'TransferItem', cancel: 'CancelItem' } as const;
export type BulkAction = keyof typeof BULK_ACTIONS;

/** At most this many items per request: a selection of the ledger, not a migration. */
export const BULK_LIMIT = 500;

export type BulkResult =
  | { readonly itemId: ItemId; readonly ok: true; readonly version: number; readonly status: string; readonly warnings: readonly ActionWarning[] }
  | { readonly itemId: ItemId; readonly ok: false; readonly code: string; readonly message: string; readonly messageZh: string };

/**
 * One action on each selected item, each by the same use case as a single action (performAction: its own
 * transaction, the same guards, the chain), so a refusal of one item leaves it untouched and does not stop the
 * others. Results come back one per item, in the order given.
 * @throws AppError `invalid_input` for an empty or oversized selection or a repeated id (nothing is done).
 */
export async function bulkAction(deps: AppDeps, ref: ActorRef, action: BulkAction, itemIds: readonly ItemId[], data: Record<string, unknown>): Promise<BulkResult[]> {
  if (itemIds.length === 0 || itemIds.length > BULK_LIMIT) {
    throw new AppError('invalid_input', `Select 1 to ${BULK_LIMIT} items.`, `请选择 1 至 ${BULK_LIMIT} 个事项。`, { count: itemIds.length });
  }
  if (new Set(itemIds).size !== itemIds.length) throw new AppError('invalid_input', 'An item is selected twice.', '所选事项有重复。');
  const results: BulkResult[] = [];
  for (const itemId of itemIds) {
    try {
      const r = await performAction(deps, ref, itemId, { type: BULK_ACTIONS[action], data });
      results.push({ itemId, ok: true, version: r.item.version, status: r.item.status, warnings: r.warnings ?? [] });
    } catch (e) {
      // Coded refusals are reported row by row; anything else (the database gone) stops the batch.
      if (!(e instanceof CodedError)) throw e;
      results.push({ itemId, ok: false, code: e.code, message: e.message, messageZh: e.messageZh });
    }
  }
  return results;
}
