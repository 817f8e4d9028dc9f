import type { Item } from '../../item.js';
import type { CommandOf } from '../commands.js';
import type { DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { OPEN_STATUSES, type OpenStatus, requireLeader, requireReason, requireStatus, requireSupervisor } from '../guards.js';
import { emit } from './emit.js';

/** 撤销: a supervisor withdraws an open item, with a reason. */
export function decideCancel(item: Item, c: CommandOf<'CancelItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, OPEN_STATUSES, 'cancel', '撤销');
  requireSupervisor(ctx, item);
  const reason = requireReason(c.data.reason);
  // requireStatus has just checked that the status is an open one.
  return [emit(item.id, item, ctx, 'ItemCancelled', { reason, fromStatus: item.status as OpenStatus })];
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
