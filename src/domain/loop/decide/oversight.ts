import type { Item } from '../../item.js';
import { validateFieldPatch } from '../../ledger-types/fields.js';
import type { CommandOf } from '../commands.js';
import type { DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { forbidden, OPEN_STATUSES, type OpenStatus, requireLeader, requireReason, requireStatus, requireSupervisor } from '../guards.js';
import { emit } from './emit.js';

/** 撤销: a supervisor withdraws an open item, with a reason. */
export function decideCancel(item: Item, c: CommandOf<'CancelItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, OPEN_STATUSES, 'cancel', '撤销');
  requireSupervisor(ctx, item);
  const reason = requireReason(c.data.reason);
  // requireStatus has just checked that the status is an open one.
  return [emit(item.id, item, ctx, 'ItemCancelled', { reason, fromStatus: item.status as OpenStatus })];
}

/**
 * 修改在办事项: the supervisor corrects the title, requirement, priority or fields of an item its lead unit holds
 * (assigned or in progress). Not while a closure is under review, nor after: what was reviewed stays as it was. The
 * fields the lead unit fills at closure are not the supervisor's to write.
 */
export function decideEditItem(item: Item, c: CommandOf<'EditItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned', 'in_progress'], 'edit', '修改');
  requireSupervisor(ctx, item);
  const { fields, ...rest } = c.data;
  for (const name of Object.keys(fields ?? {})) {
    const f = ctx.ledgerType.fields.find((x) => x.name === name);
    if (f?.filledAt === 'closure') {
      throw forbidden(`${f.label.en} is filled in by the lead unit when it asks to close.`, `「${f.label.zh}」由牵头单位在申请办结时填写。`, { field: name });
    }
  }
  return [emit(item.id, item, ctx, 'ItemEdited', { ...rest, ...(fields && { fields: validateFieldPatch(ctx.ledgerType, item.fields, fields, 'draft') }) })];
}

/** 催办 (or 督办函, 通报): a reminder to the unit while it holds the item, by hand or from the sweep. */
export function decideUrge(item: Item, c: CommandOf<'UrgeItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned', 'in_progress'], 'urge', '催办');
  requireSupervisor(ctx, item);
  return [emit(item.id, item, ctx, 'ItemUrged', { kind: c.data.kind, note: c.data.note ?? null, automatic: c.data.automatic })];
}

/** 批示: a leader comments on an item in scope, at any point except after it was cancelled. */
export function decideInstruct(item: Item, c: CommandOf<'GiveInstruction'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['draft', 'assigned', 'in_progress', 'closing', 'closed'], 'comment on', '批示');
  requireLeader(ctx, item);
  return [emit(item.id, item, ctx, 'InstructionGiven', { text: c.data.text })];
}
