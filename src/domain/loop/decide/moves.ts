import { DomainError } from '../../errors.js';
import type { Item } from '../../item.js';
import type { CommandOf } from '../commands.js';
import { today, type DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { forbidden, invalid, requireLeadHandler, requireReason, requireStatus, requireSupervisor } from '../guards.js';
import { emit } from './emit.js';

/*
 * Work moves with its history (DESIGN.md "Organisation and roles"): 转办/改派 by a supervisor, 提级 by the lead
 * unit of a case, 退回 after 签收 with the supervisor's consent. Each needs a reason and lands on the timeline.
 */

/** Ledger types whose cases a lead unit may hand up (提级): disputes, appeals, hazards. */
const ESCALATABLE = new Set(['dispute', 'appeal', 'hazard']);

function requireInArea(item: Item, unitId: string, ctx: DecideContext): void {
  const unit = ctx.units.require(unitId);
  const area = ctx.units.areaOf(item.ownerUnitId);
  if (!ctx.units.isWithin(unitId, area.id)) {
    throw forbidden(`${unit.name} is outside ${area.name}, where this item is run.`, `「${unit.name}」不在「${area.name}」范围内,不能交办。`, { unitId });
  }
}

/**
 * A unit's own case (上报 without 立项) is run by the unit itself, which may be an area of its own (a community): it
 * goes up into the area around it (the street), as a case handed out from there would.
 */
function reachOfOwnCase(item: Item, ctx: DecideContext): string {
  const area = ctx.units.areaOf(item.ownerUnitId);
  const above = area.parentId;
  return above ? ctx.units.areaOf(above).id : area.id;
}

/** 转办/改派: a supervisor moves assigned or in-progress work to another lead unit; the deadline is kept or reset. */
export function decideTransfer(item: Item, c: CommandOf<'TransferItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned', 'in_progress'], 'transfer', '转办');
  requireSupervisor(ctx, item);
  const reason = requireReason(c.data.reason);
  const from = item.leadUnitId!;
  const lead = c.data.leadUnitId;
  if (lead === from) throw invalid('The item is already with that unit.', '事项已由该单位牵头办理。', { leadUnitId: lead });
  requireInArea(item, lead, ctx);
  const coUnitIds = (c.data.coUnitIds ?? item.coUnitIds).filter((u) => u !== lead);
  for (const u of coUnitIds) requireInArea(item, u, ctx);
  const deadline = c.data.deadline ?? item.currentDeadline;
  if (c.data.deadline !== undefined && c.data.deadline < today(ctx)) {
    throw new DomainError('deadline_in_past', `The deadline ${c.data.deadline} has already passed.`, `办理时限 ${c.data.deadline} 早于今天。`, { deadline: c.data.deadline });
  }
  return [
    emit(item.id, item, ctx, 'ItemMoved', {
      kind: 'transfer',
      fromUnitId: from,
      leadUnitId: lead,
      coUnitIds,
      reason,
      previousDeadline: item.currentDeadline,
      deadline,
      deadlineReset: c.data.deadline !== undefined && c.data.deadline !== item.currentDeadline,
    }),
  ];
}

/**
 * 提级: the lead unit of a dispute, appeal or hazard hands it to the unit directly above it, or to a named unit
 * above it (within the item's area); that unit receives it to accept. The deadline is kept.
 */
export function decideEscalate(item: Item, c: CommandOf<'EscalateItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned', 'in_progress'], 'escalate', '提级');
  requireLeadHandler(ctx, item);
  const reason = requireReason(c.data.reason);
  if (!ESCALATABLE.has(ctx.ledgerType.key)) {
    throw forbidden('Only disputes, appeals and hazards are handed up (提级).', '只有矛盾纠纷、诉求和隐患可以提级。', { ledgerType: ctx.ledgerType.key });
  }
  const from = item.leadUnitId!;
  const above = ctx.units.require(from).parentId;
  const to = c.data.toUnitId ?? above;
  if (to === null || to === undefined) throw invalid('There is no unit above yours.', '本单位没有上级单位。');
  if (to === from || !ctx.units.isWithin(from, to)) {
    const name = ctx.units.get(to)?.name ?? to;
    throw invalid(`${name} is not above your unit.`, `「${name}」不是本单位的上级单位。`, { toUnitId: to });
  }
  requireInArea(item.reported?.own ? { ...item, ownerUnitId: reachOfOwnCase(item, ctx) } : item, to, ctx);
  return [
    emit(item.id, item, ctx, 'ItemMoved', {
      kind: 'escalation',
      fromUnitId: from,
      leadUnitId: to,
      coUnitIds: item.coUnitIds.filter((u) => u !== to),
      reason,
      previousDeadline: item.currentDeadline,
      deadline: item.currentDeadline,
      deadlineReset: false,
    }),
  ];
}

/** 退回 after 签收: the lead unit asks the supervisor's consent; one request waits at a time. */
export function decideRequestReturn(item: Item, c: CommandOf<'RequestReturn'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'request a return of', '申请退回');
  requireLeadHandler(ctx, item);
  const reason = requireReason(c.data.reason);
  if (item.pendingReturn) throw new DomainError('invalid_transition', 'A return request is already waiting.', '已有退回申请待审批。');
  return [emit(item.id, item, ctx, 'ReturnRequested', { reason, fromUnitId: ctx.actor.unitId })];
}

/** The supervisor approves (the item becomes a draft, to be assigned again) or denies (with a reason) a return request. */
export function decideReturnRequest(item: Item, c: CommandOf<'DecideReturn'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'decide a return of', '审批退回');
  requireSupervisor(ctx, item);
  const pending = item.pendingReturn;
  if (!pending) throw new DomainError('invalid_transition', 'No return request is waiting.', '没有待审批的退回申请。');
  if (c.data.approve) return [emit(item.id, item, ctx, 'ReturnApproved', { fromUnitId: pending.fromUnitId, requestReason: pending.reason })];
  return [emit(item.id, item, ctx, 'ReturnDenied', { reason: requireReason(c.data.reason ?? '') })];
}
