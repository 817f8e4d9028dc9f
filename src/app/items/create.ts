import type { ItemId } from '../../domain/ids.js';
import type { ItemSource, Priority } from '../../domain/item.js';
import { decide } from '../../domain/loop/index.js';
import { formatItemNumber } from '../../domain/numbering.js';
import { toLocalDate } from '../../domain/time.js';
import type { TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { sealEvents } from '../personal.js';
import { itemVisible } from '../visibility.js';
import { fold, fromStored, isLoopEvent, toNewEvent } from './events.js';
import { activeLedgerType } from '../ledger-types/cache.js';
import { actingScope, type ActingScope } from './load.js';
import { performInTransaction, type ActionResult } from './perform.js';
import { handoverWarnings } from './warnings.js';
import { unitTree } from '../unit-trees.js';

export interface CreateItemInput {
  readonly ledgerType: string;
  readonly title: string;
  readonly content?: string;
  readonly source?: ItemSource;
  readonly fields?: Record<string, unknown>;
  readonly priority?: Priority;
  /** The unit that runs the item; the creating supervisor's unit by default. */
  readonly ownerUnitId?: string;
  readonly parentId?: ItemId | null;
  readonly weight?: number | null;
}

/**
 * 立项: records a draft item with a fresh id and the next number of its ledger and year (督办〔2026〕0012号).
 * @throws AppError `parent_not_found` (no such parent the actor may see); DomainError from `decide`
 *   (`forbidden` unless a supervisor of the owner unit, `validation_failed` for bad fields,
 *   `ledger_type_not_found`).
 */
export async function createItem(deps: AppDeps, ref: ActorRef, input: CreateItemInput): Promise<ActionResult> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const created = await createItemInTransaction(deps, tx, scope, input);
    return created.item.reported?.own ? startOwnCase(deps, tx, scope, created) : created;
  });
}

/**
 * A unit's own case (上报 of a type that needs no 立项): handed to the reporting unit at once with the type's time
 * limit, and taken (签收) in the same step when the reporter is one of its handlers, so the work starts now.
 */
async function startOwnCase(deps: AppDeps, tx: TransactionContext, scope: ActingScope, created: ActionResult): Promise<ActionResult> {
  const assigned = await performInTransaction(deps, tx, scope, created.item, { type: 'AssignItem', data: { leadUnitId: created.item.ownerUnitId } });
  if (!scope.actor.roles.includes('handler')) return { item: assigned.item, events: [...created.events, ...assigned.events] };
  const accepted = await performInTransaction(deps, tx, scope, assigned.item, { type: 'AcceptItem', data: {} });
  return { item: accepted.item, events: [...created.events, ...assigned.events, ...accepted.events] };
}

/** createItem inside a transaction the caller holds (a readout's confirmation creates a whole tree in one). */
export async function createItemInTransaction(deps: AppDeps, tx: TransactionContext, scope: ActingScope, input: CreateItemInput): Promise<ActionResult> {
  const { tenantId } = scope;
  const type = activeLedgerType(deps, tenantId, input.ledgerType);
  if (input.parentId) {
    const parent = await tx.items.get(tenantId, input.parentId);
    if (!parent || !itemVisible(parent, scope.visible)) {
      throw new AppError('parent_not_found', `No parent item ${input.parentId} that you may see.`, `未找到上级事项 ${input.parentId}(或无权查看)。`);
    }
  }
  const year = Number(toLocalDate(scope.ctx.now, scope.ctx.timeZone).slice(0, 4));
  const sequence = await tx.numbers.next(tenantId, type.key, year);
  const itemId = deps.newId();
  const decided = decide(
    null,
    {
      type: 'CreateItem',
      itemId,
      data: {
        tenantId,
        ledgerType: type.key,
        number: formatItemNumber({ prefix: type.numberPrefix, year, sequence }),
        title: input.title,
        content: input.content,
        source: input.source,
        fields: input.fields,
        priority: input.priority,
        ownerUnitId: input.ownerUnitId ?? scope.actor.unitId,
        parentId: input.parentId ?? null,
        weight: input.weight ?? null,
      },
    },
    { ...scope.ctx, ledgerType: type },
  );
  const events = await sealEvents(tx, deps.store.crypto, type, tenantId, decided, scope.ctx.now);
  const item = fold(null, events);
  await tx.items.insert(item, scope.ctx.now);
  const stored = await tx.appendEvents(tenantId, events.map(toNewEvent));
  return { item, events: stored };
}

/**
 * 立项 and 交办 in one step: the draft and its assignment (`assign`: the AssignItem data — lead, co-units, deadline
 * or working days) in one transaction, so a refused assignment leaves no draft behind. Warns like an assignment.
 * @throws as createItem and performAction (AssignItem).
 */
export async function createAndAssign(deps: AppDeps, ref: ActorRef, input: CreateItemInput, assign: Record<string, unknown>): Promise<ActionResult> {
  const result = await deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const created = await createItemInTransaction(deps, tx, scope, input);
    const assigned = await performInTransaction(deps, tx, scope, created.item, { type: 'AssignItem', data: assign });
    return { item: assigned.item, events: [...created.events, ...assigned.events] };
  });
  const read = deps.store.read;
  const events = result.events.filter(isLoopEvent).map(fromStored);
  return { ...result, warnings: await handoverWarnings(read, ref.tenantId, await unitTree(deps.store, read, ref.tenantId), events) };
}
