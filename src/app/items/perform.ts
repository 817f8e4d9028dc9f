import type { ItemId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { personalFieldNames, type LedgerType } from '../../domain/ledger-types/index.js';
import { decide, type ItemEvent } from '../../domain/loop/index.js';
import type { StoredEvent, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { sealEvents } from '../personal.js';
import { assertNoOpenObjection } from '../public/objection-state.js';
import { decisionOf, signDecision } from '../signatures/decisions.js';
import { withDefaultDeadline } from './deadlines.js';
import { calendarOf } from '../calendar/tenant-calendar.js';
import { fold, fromStored, isLoopEvent, toNewEvent } from './events.js';
import { handoverWarnings, type ActionWarning } from './warnings.js';
import { unitTree } from '../unit-trees.js';
import { actingScope, ledgerTypeOf, loadVisibleItem, type ActingScope } from './load.js';

export interface ActionResult {
  readonly item: Item;
  readonly events: readonly StoredEvent[];
  /** What the actor should know though the action was carried out (work handed to a unit nobody can act for). */
  readonly warnings?: readonly ActionWarning[];
}

/** Actions that hand work to units: their result says when a receiving unit has no active handler. */
const HANDOVERS = new Set(['AssignItem', 'TransferItem', 'EscalateItem']);

/**
 * Applies one action of the loop to an item, in one transaction: load the item the actor may see, decide,
 * seal personal fields, write the projection with a version check and append the events to the chain.
 * `command` is the loop's command without `itemId` (it is set from `itemId`), e.g.
 * `{ type: 'AcceptItem', data: {} }`, optionally with `expectedVersion`.
 * @throws AppError `item_not_found`, `user_not_found`, `user_disabled`; DomainError from `decide`
 *   (`invalid_transition`, `forbidden`, `validation_failed`, `reason_required`, …); StoreError
 *   `version_conflict` when another action won the race. Nothing is written when it throws.
 */
export async function performAction(deps: AppDeps, ref: ActorRef, itemId: ItemId, command: Record<string, unknown>, signing: SigningInput = {}): Promise<ActionResult> {
  const result = await performOnce(deps, ref, itemId, command, signing);
  if (!HANDOVERS.has(String(command.type))) return result;
  const read = deps.store.read;
  const events = result.events.filter(isLoopEvent).map(fromStored);
  return { ...result, warnings: await handoverWarnings(read, ref.tenantId, await unitTree(deps.store, read, ref.tenantId), events) };
}

async function performOnce(deps: AppDeps, ref: ActorRef, itemId: ItemId, command: Record<string, unknown>, signing: SigningInput): Promise<ActionResult> {
  const atOnce = await performAtOnce(deps, ref, itemId, command);
  if (atOnce) return atOnce;
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
    return performInTransaction(deps, tx, scope, item, command, signing);
  });
}

/** How a decision that is signed (审签, 销号) gets its signature: the person's passphrase, for this request only. */
export interface SigningInput {
  readonly passphrase?: string;
}

/**
 * PostgreSQL: the action read and decided outside a transaction and written by one statement that checks the
 * item's version (store.changeItemAtOnce), two round trips instead of five. Undefined, with nothing written,
 * where the store cannot (SQLite; see changeItemAtOnce) or the ledger type has personal fields (sealing them may
 * create the case key, which takes a transaction): performAction then runs the action in a transaction. A
 * refused action is refused here as there, before anything is written.
 */
async function performAtOnce(deps: AppDeps, ref: ActorRef, itemId: ItemId, command: Record<string, unknown>): Promise<ActionResult | undefined> {
  if (deps.store.dialect !== 'postgres') return undefined;
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  const item = await loadVisibleItem(read, scope, ref.tenantId, itemId);
  const type = ledgerTypeOf(deps, scope.tenantId, item.ledgerType);
  if (personalFieldNames(type).length > 0) return undefined;
  const events = decideAction(deps, scope, type, item, command);
  // A decision that may be signed (审签, 销号) needs the transaction: the signing key is looked up in it; so does
  // passing a 公示, refused while an objection is open.
  if (decisionOf(events) || events.some((e) => e.type === 'StagePassed')) return undefined;
  const next = fold(item, events);
  const stored = await deps.store.changeItemAtOnce(item, next, events.map(toNewEvent), scope.ctx.now);
  return stored && { item: next, events: stored };
}

/** The events of the action (personal fields not sealed yet): defaults filled in, then the loop decides. */
function decideAction(deps: AppDeps, scope: ActingScope, type: LedgerType, item: Item, command: Record<string, unknown>): ItemEvent[] {
  const input = withDefaultDeadline({ ...command, itemId: item.id }, type, scope.ctx.now, scope.ctx.timeZone, calendarOf(deps, scope.tenantId));
  return decide(item, input, { ...scope.ctx, ledgerType: type, calendar: calendarOf(deps, scope.tenantId) });
}

/** performAction on an item already loaded, inside a transaction the caller holds. */
export async function performInTransaction(
  deps: AppDeps,
  tx: TransactionContext,
  scope: ActingScope,
  item: Item,
  command: Record<string, unknown>,
  signing: SigningInput = {},
): Promise<ActionResult> {
  const type = ledgerTypeOf(deps, scope.tenantId, item.ledgerType);
  const decided = decideAction(deps, scope, type, item, command);
  // 公示 is not passed while an objection (异议) to it is open.
  if (decided.some((e) => e.type === 'StagePassed') && type.closureStages.find((s) => s.key === item.stageKey)?.publicNoticeDays !== undefined) {
    await assertNoOpenObjection(tx, item);
  }
  const events: ItemEvent[] = await sealEvents(tx, deps.store.crypto, type, scope.tenantId, decided, scope.ctx.now);
  const next = fold(item, events);
  const rows = events.map(toNewEvent);
  const decision = decisionOf(events);
  if (decision) {
    const signed = await signDecision(deps.store.crypto, tx, scope.tenantId, decision.decision, toNewEvent(decision.event), signing.passphrase);
    if (signed) rows.splice(rows.findIndex((r) => r.type === decision.event.type) + 1, 0, signed);
  }
  await tx.items.update(item, next, scope.ctx.now);
  const stored = await tx.appendEvents(scope.tenantId, rows);
  return { item: next, events: stored };
}
