import type { ItemId } from '../../domain/ids.js';
import type { ItemSource, Priority } from '../../domain/item.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { decide, type CommandInput } from '../../domain/loop/index.js';
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
    if (type.perEntity) await assertNoPlanFor(tx, tenantId, input.parentId, type, input.fields?.[type.perEntity.field]);
  }
  return recordCreation(deps, tx, scope, type, {
    type: 'CreateItem',
    itemId: deps.newId(),
    data: {
      tenantId,
      ledgerType: type.key,
      number: await mintNumber(tx, scope, type),
      title: input.title,
      content: input.content,
      source: input.source,
      fields: input.fields,
      priority: input.priority,
      ownerUnitId: input.ownerUnitId ?? scope.actor.unitId,
      parentId: input.parentId ?? null,
      weight: input.weight ?? null,
    },
  });
}

/**
 * 一校一方案: one plan per entity under a campaign. Refuses a second item of a per-entity type naming the same
 * entity under the same parent (cancelled plans do not count: a withdrawn plan may be made again).
 * @throws AppError `duplicate_entity`.
 */
export async function assertNoPlanFor(tx: TransactionContext, tenantId: string, parentId: ItemId, type: LedgerType, entity: unknown): Promise<void> {
  const per = type.perEntity;
  if (!per || typeof entity !== 'string' || !entity.trim()) return;
  const name = entity.trim();
  const clash = (await tx.items.children(tenantId, parentId)).find(
    (c) => c.ledgerType === type.key && c.status !== 'cancelled' && String(c.fields[per.field] ?? '').trim() === name,
  );
  if (clash) {
    throw new AppError(
      'duplicate_entity',
      `The campaign already has a plan for ${name} (${clash.number}).`,
      `该专项已有「${name}」的方案(${clash.number}),同一${per.entity.zh}只能有一个方案。`,
      {
        entity: name,
        itemId: clash.id,
      },
    );
  }
}

/** The next number of the type's ledger this year in the city (督办〔2026〕0012号), taken in the caller's transaction. */
export async function mintNumber(tx: TransactionContext, scope: ActingScope, type: LedgerType): Promise<string> {
  const year = Number(toLocalDate(scope.ctx.now, scope.ctx.timeZone).slice(0, 4));
  const sequence = await tx.numbers.next(scope.tenantId, type.key, year);
  return formatItemNumber({ prefix: type.numberPrefix, year, sequence });
}

/**
 * Records a CreateItem command the caller built (id and number minted): the loop decides it, personal fields are
 * sealed, the projection is inserted and the events appended, all in the caller's transaction.
 * @throws DomainError from `decide`; StoreError from the insert.
 */
export async function recordCreation(deps: AppDeps, tx: TransactionContext, scope: ActingScope, type: LedgerType, command: CommandInput): Promise<ActionResult> {
  const decided = decide(null, command, { ...scope.ctx, ledgerType: type });
  const events = await sealEvents(tx, deps.store.crypto, type, scope.tenantId, decided, scope.ctx.now);
  const item = fold(null, events);
  await tx.items.insert(item, scope.ctx.now);
  const stored = await tx.appendEvents(scope.tenantId, events.map(toNewEvent));
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
