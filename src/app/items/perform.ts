import type { ItemId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { decide, type ItemEvent } from '../../domain/loop/index.js';
import type { StoredEvent, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { sealEvents } from '../personal.js';
import { withDefaultDeadline } from './deadlines.js';
import { fold, toNewEvent } from './events.js';
import { actingScope, ledgerTypeOf, loadVisibleItem, type ActingScope } from './load.js';

export interface ActionResult {
  readonly item: Item;
  readonly events: readonly StoredEvent[];
}

/**
 * Applies one action of the loop to an item, in one transaction: load the item the actor may see, decide,
 * seal personal fields, write the projection with a version check and append the events to the chain.
 * `command` is the loop's command without `itemId` (it is set from `itemId`), e.g.
 * `{ type: 'AcceptItem', data: {} }`, optionally with `expectedVersion`.
 * @throws AppError `item_not_found`, `user_not_found`, `user_disabled`; DomainError from `decide`
 *   (`invalid_transition`, `forbidden`, `validation_failed`, `reason_required`, …); StoreError
 *   `version_conflict` when another action won the race. Nothing is written when it throws.
 */
export async function performAction(deps: AppDeps, ref: ActorRef, itemId: ItemId, command: Record<string, unknown>): Promise<ActionResult> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
    return performInTransaction(deps, tx, scope, item, command);
  });
}

/** performAction on an item already loaded, inside a transaction the caller holds. */
export async function performInTransaction(deps: AppDeps, tx: TransactionContext, scope: ActingScope, item: Item, command: Record<string, unknown>): Promise<ActionResult> {
  const type = ledgerTypeOf(deps, scope.tenantId, item.ledgerType);
  const input = withDefaultDeadline({ ...command, itemId: item.id }, type, scope.ctx.now, scope.ctx.timeZone, deps.calendar);
  const decided = decide(item, input, { ...scope.ctx, ledgerType: type });
  const events: ItemEvent[] = await sealEvents(tx, deps.store.crypto, type, scope.tenantId, decided, scope.ctx.now);
  const next = fold(item, events);
  await tx.items.update(item, next, scope.ctx.now);
  const stored = await tx.appendEvents(scope.tenantId, events.map(toNewEvent));
  return { item: next, events: stored };
}
