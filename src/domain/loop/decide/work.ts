import { DomainError } from '../../errors.js';
import type { Item } from '../../item.js';
import type { CommandOf } from '../commands.js';
import { today, type DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { invalid, requireCoUnitHandler, requireLeadHandler, requireReason, requireStatus, requireSupervisor } from '../guards.js';
import { emit } from './emit.js';

/** 进展反馈: the lead unit reports text, percent and evidence. */
export function decideReport(item: Item, c: CommandOf<'ReportProgress'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'report on', '报送进展');
  requireLeadHandler(ctx, item);
  return [emit(item.id, item, ctx, 'ProgressReported', c.data)];
}

/** 配合单位反馈: a co-unit reports; the state does not change. */
export function decideCoUnitReport(item: Item, c: CommandOf<'ReportAsCoUnit'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'report on', '报送配合情况');
  requireCoUnitHandler(ctx, item);
  const { text, evidence, contact } = c.data;
  return [emit(item.id, item, ctx, 'CoUnitReported', { unitId: ctx.actor.unitId, text, evidence, contact: contact ?? null })];
}

function noExtensionDeadline(): DomainError {
  return invalid('This ongoing item has no deadline to extend.', '该事项为长期事项,没有可延期的办理时限。');
}

/**
 * 延期申请: only the lead unit, only before the current deadline has passed in the city's time zone (the
 * deadline day itself still counts), one pending request at a time, for a later date, with a reason.
 */
export function decideRequestExtension(item: Item, c: CommandOf<'RequestExtension'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'request an extension of', '申请延期');
  requireLeadHandler(ctx, item);
  const current = item.currentDeadline;
  if (current === null) throw noExtensionDeadline();
  if (item.pendingExtension) {
    throw new DomainError('extension_pending', 'An extension request is already waiting for a decision.', '已有一项延期申请待审批。', {
      requestedDeadline: item.pendingExtension.requestedDeadline,
    });
  }
  const now = today(ctx);
  if (now > current) {
    throw new DomainError('deadline_passed', `The deadline ${current} has passed: extensions must be requested before it.`, `办理时限 ${current} 已过,延期须在到期前申请。`, {
      deadline: current,
      today: now,
    });
  }
  const reason = requireReason(c.data.reason);
  if (c.data.deadline <= current) {
    throw invalid(`The new deadline must be after ${current}.`, `申请的新时限须晚于 ${current}。`, { deadline: c.data.deadline });
  }
  return [emit(item.id, item, ctx, 'ExtensionRequested', { deadline: c.data.deadline, reason })];
}

function requirePending(item: Item): NonNullable<Item['pendingExtension']> {
  if (!item.pendingExtension) throw new DomainError('no_pending_extension', 'No extension request is waiting.', '没有待审批的延期申请。');
  return item.pendingExtension;
}

/**
 * Approve the pending extension: the current deadline moves (to the date asked, or another later date the
 * supervisor grants); the original deadline is kept for scoring.
 */
export function decideApproveExtension(item: Item, c: CommandOf<'ApproveExtension'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'approve an extension of', '批准延期');
  requireSupervisor(ctx, item);
  const pending = requirePending(item);
  const previous = item.currentDeadline;
  if (previous === null) throw noExtensionDeadline();
  const deadline = c.data.deadline ?? pending.requestedDeadline;
  if (deadline <= previous) throw invalid(`The new deadline must be after ${previous}.`, `新的办理时限须晚于 ${previous}。`, { deadline });
  const now = today(ctx);
  if (deadline < now) {
    throw new DomainError('deadline_in_past', `The new deadline ${deadline} has already passed; grant a later date.`, `新的办理时限 ${deadline} 已过,请另定日期。`, {
      deadline,
      today: now,
    });
  }
  return [emit(item.id, item, ctx, 'ExtensionApproved', { deadline, previousDeadline: previous, requestedDeadline: pending.requestedDeadline, note: c.data.note ?? null })];
}

/** Deny the pending extension, with a reason; the deadline stays. */
export function decideDenyExtension(item: Item, c: CommandOf<'DenyExtension'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'deny an extension of', '驳回延期');
  requireSupervisor(ctx, item);
  const pending = requirePending(item);
  const reason = requireReason(c.data.reason);
  return [emit(item.id, item, ctx, 'ExtensionDenied', { reason, requestedDeadline: pending.requestedDeadline })];
}
