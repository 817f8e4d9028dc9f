import { DomainError } from '../errors.js';
import type { Item } from '../item.js';
import { parseCommand, type Command } from './commands.js';
import type { DecideContext } from './context.js';
import { decideCancel, decideEditItem, decideInstruct, decideUrge } from './decide/oversight.js';
import { decideConfirmRecheck, decidePassStage, decideRejectClosure, decideReopen, decideRequestClosure } from './decide/closure.js';
import { decideAccept, decideAssign, decideCreate, decideEditDraft, decideReturn } from './decide/intake.js';
import { decideApproveExtension, decideCoUnitReport, decideDenyExtension, decideReport, decideRequestExtension } from './decide/work.js';
import type { ItemEvent } from './events.js';
import { decideList, decideUnlist } from './decide/listing.js';
import { decideEscalate, decideRequestReturn, decideReturnRequest, decideTransfer } from './decide/moves.js';

function checkTarget(item: Item | null, c: Command, ctx: DecideContext): Item | null {
  if (c.type === 'CreateItem') {
    if (item) throw new DomainError('invalid_transition', `Item ${c.itemId} already exists.`, `事项 ${c.itemId} 已存在。`, { itemId: c.itemId });
    return null;
  }
  if (!item) throw new DomainError('invalid_transition', `Item ${c.itemId} does not exist yet.`, `事项 ${c.itemId} 不存在。`, { itemId: c.itemId });
  if (item.id !== c.itemId) throw new DomainError('validation_failed', `The command is for ${c.itemId}, not ${item.id}.`, `指令所指事项 ${c.itemId} 与当前事项 ${item.id} 不符。`);
  if (item.ledgerType !== ctx.ledgerType.key) {
    throw new DomainError(
      'validation_failed',
      `Item ${item.id} is a ${item.ledgerType}, not a ${ctx.ledgerType.key}.`,
      `事项 ${item.id} 的台账类型与 ${ctx.ledgerType.key} 不符。`,
    );
  }
  if (c.expectedVersion !== undefined && c.expectedVersion !== item.version) {
    throw new DomainError('version_conflict', `The item changed meanwhile (version ${item.version}, expected ${c.expectedVersion}).`, '事项已被他人修改,请刷新后重试。', {
      expected: c.expectedVersion,
      actual: item.version,
    });
  }
  return item;
}

/**
 * The loop's decision: given the item (null before it exists), a command and the context, the events that
 * record the action. Pure: reads no clock, writes nothing; the caller appends the events and folds them with
 * `evolve`. Checks run in this order: command shape, target, state, who may act, then the data.
 * @throws DomainError `validation_failed` (malformed command, bad fields or dates), `invalid_transition`
 *   (wrong state), `forbidden` (role or unit scope), `reason_required`, `deadline_in_past`, `deadline_passed`,
 *   `extension_pending`, `no_pending_extension`, `notice_period_running`, `unit_not_found`, `version_conflict`.
 *   A refused action produces no events.
 */
export function decide(item: Item | null, input: unknown, ctx: DecideContext): ItemEvent[] {
  return decideCommand(item, parseCommand(input), ctx);
}

/**
 * `decide` for a command already parsed (its defaults filled): for callers that build commands in code, such
 * as `availableActions`, which would otherwise pay a schema parse per probe on every item page.
 */
export function decideCommand(item: Item | null, c: Command, ctx: DecideContext): ItemEvent[] {
  const target = checkTarget(item, c, ctx);
  if (c.type === 'CreateItem') return decideCreate(c, ctx);
  const it = target!;
  switch (c.type) {
    case 'EditDraft':
      return decideEditDraft(it, c, ctx);
    case 'EditItem':
      return decideEditItem(it, c, ctx);
    case 'AssignItem':
      return decideAssign(it, c, ctx);
    case 'AcceptItem':
      return decideAccept(it, c, ctx);
    case 'ReturnItem':
      return decideReturn(it, c, ctx);
    case 'ReportProgress':
      return decideReport(it, c, ctx);
    case 'ReportAsCoUnit':
      return decideCoUnitReport(it, c, ctx);
    case 'RequestExtension':
      return decideRequestExtension(it, c, ctx);
    case 'ApproveExtension':
      return decideApproveExtension(it, c, ctx);
    case 'DenyExtension':
      return decideDenyExtension(it, c, ctx);
    case 'RequestClosure':
      return decideRequestClosure(it, c, ctx);
    case 'PassStage':
      return decidePassStage(it, c, ctx);
    case 'RejectClosure':
      return decideRejectClosure(it, c, ctx);
    case 'ReopenItem':
      return decideReopen(it, c, ctx);
    case 'ConfirmRecheck':
      return decideConfirmRecheck(it, c, ctx);
    case 'CancelItem':
      return decideCancel(it, c, ctx);
    case 'UrgeItem':
      return decideUrge(it, c, ctx);
    case 'GiveInstruction':
      return decideInstruct(it, c, ctx);
    case 'TransferItem':
      return decideTransfer(it, c, ctx);
    case 'EscalateItem':
      return decideEscalate(it, c, ctx);
    case 'RequestReturn':
      return decideRequestReturn(it, c, ctx);
    case 'DecideReturn':
      return decideReturnRequest(it, c, ctx);
    case 'ListItem':
      return decideList(it, c, ctx);
    case 'UnlistItem':
      return decideUnlist(it, c, ctx);
    default: {
      const never: never = c;
      throw new Error(`unhandled command ${JSON.stringify(never)}`);
    }
  }
}
