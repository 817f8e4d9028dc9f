import { DomainError } from '../../errors.js';
import type { Item } from '../../item.js';
import type { ClosureStage } from '../../ledger-types/definition.js';
import { applyFieldPatch, validateFieldPatch } from '../../ledger-types/fields.js';
import { nextStage, type StageAt } from '../../ledger-types/stages.js';
import { addDays, toLocalDate } from '../../time.js';
import type { CommandOf } from '../commands.js';
import { today, type DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { hasRole } from '../../roles.js';
import { forbidden, invalid, requireLeadHandler, requireLeader, requireReason, requireStatus, requireSupervisor } from '../guards.js';
import { emit } from './emit.js';

const ref = (s: StageAt) => ({ stageIndex: s.index, stageKey: s.stage.key });

/** 申请办结: the lead unit asks to close, with evidence and the fields its type fills at closure. */
export function decideRequestClosure(item: Item, c: CommandOf<'RequestClosure'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['in_progress'], 'request closure of', '申请办结');
  requireLeadHandler(ctx, item);
  const fields = validateFieldPatch(ctx.ledgerType, item.fields, c.data.fields, 'closure');
  const first = nextStage(ctx.ledgerType, applyFieldPatch(item.fields, fields), -1);
  // validateLedgerType guarantees every item meets a stage; a hand-built type might not.
  if (!first) throw invalid(`Ledger type ${ctx.ledgerType.key} has no closure stage for this item.`, `台账类型 ${ctx.ledgerType.name.zh}没有适用于该事项的办结环节。`);
  return [emit(item.id, item, ctx, 'ClosureRequested', { summary: c.data.summary, evidence: c.data.evidence, fields, stage: ref(first) })];
}

/** The stage the item waits in, found by key so a type edited since the request still reads right. */
function currentStage(item: Item, ctx: DecideContext, expectedKey: string | undefined): StageAt {
  const stages = ctx.ledgerType.closureStages;
  if (expectedKey !== undefined && expectedKey !== item.stageKey) {
    throw new DomainError('invalid_transition', `The item waits in stage ${item.stageKey}, not ${expectedKey}.`, `事项当前处于「${item.stageKey}」环节,而非「${expectedKey}」。`, {
      stageKey: item.stageKey,
    });
  }
  const index = stages[item.stageIndex ?? -1]?.key === item.stageKey ? item.stageIndex! : stages.findIndex((s) => s.key === item.stageKey);
  const stage = stages[index];
  if (!stage) throw invalid(`Stage ${item.stageKey} is no longer configured for ${ctx.ledgerType.key}.`, `台账类型已不再配置「${item.stageKey}」环节。`);
  return { index, stage };
}

/**
 * Who may decide a stage: its leader (审签) in scope; for 上级复核 a supervisor of an area above the owner's
 * (or of the owner when it is a top-level area: there is nobody above it in the tenant); else the supervisor.
 */
function requireStageAuthority(item: Item, stage: ClosureStage, ctx: DecideContext): void {
  if (stage.by === 'leader') return requireLeader(ctx, item);
  const ownerArea = ctx.units.areaOf(item.ownerUnitId);
  if (!stage.upperLevel || ownerArea.parentId === null) return requireSupervisor(ctx, item);
  // 上级 is a matter of areas: any supervisor of an area above the owner's (a 市直部门 counts as the city).
  const actorArea = ctx.units.areaOf(ctx.actor.unitId);
  if (!hasRole(ctx.actor, 'supervisor') || actorArea.id === ownerArea.id || !ctx.units.isWithin(ownerArea.id, actorArea.id)) {
    throw forbidden('Only a supervisor of a higher level may do the upper-level review.', '上级复核须由上级督办员办理。', { ownerAreaId: ownerArea.id });
  }
}

/** 公示: the notice runs `publicNoticeDays` full days from the day the stage began. */
function requireNoticeOver(item: Item, stage: ClosureStage, ctx: DecideContext): void {
  if (stage.publicNoticeDays === undefined || item.stageEnteredAt === null) return;
  const ends = addDays(toLocalDate(item.stageEnteredAt, ctx.timeZone), stage.publicNoticeDays);
  const now = today(ctx);
  if (now < ends) {
    throw new DomainError('notice_period_running', `The public notice runs until the end of ${addDays(ends, -1)}.`, `公示期至 ${addDays(ends, -1)} 结束,期满后方可通过。`, {
      noticeEnds: ends,
      today: now,
    });
  }
}

/** Pass the current closure stage; after the last one the item closes (StagePassed + ItemClosed). */
export function decidePassStage(item: Item, c: CommandOf<'PassStage'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['closing'], 'pass a closure stage of', '通过办结环节');
  const at = currentStage(item, ctx, c.data.stageKey);
  requireStageAuthority(item, at.stage, ctx);
  requireNoticeOver(item, at.stage, ctx);
  const rating = c.data.rating ?? null;
  if (at.stage.rating && !rating) throw invalid('A follow-up visit records the satisfaction rating.', '回访须填写满意度评价。');
  if (!at.stage.rating && rating) throw invalid(`Stage ${at.stage.key} takes no rating.`, `「${at.stage.name.zh}」环节不填写满意度。`);
  const next = nextStage(ctx.ledgerType, item.fields, at.index);
  const passed = emit(item.id, item, ctx, 'StagePassed', { stage: ref(at), note: c.data.note ?? null, rating, next: next && ref(next) });
  return next ? [passed] : [passed, emit(item.id, item, ctx, 'ItemClosed', {})];
}

/** 驳回: the current stage sends the item back to work, with a reason (a 公示 objection does this too). */
export function decideRejectClosure(item: Item, c: CommandOf<'RejectClosure'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['closing'], 'reject the closure of', '驳回办结');
  const at = currentStage(item, ctx, c.data.stageKey);
  requireStageAuthority(item, at.stage, ctx);
  const reason = requireReason(c.data.reason);
  return [emit(item.id, item, ctx, 'ClosureRejected', { stage: ref(at), reason })];
}

/** 回头看: a rebound reopens a closed item, with a reason and optionally a new deadline. */
export function decideReopen(item: Item, c: CommandOf<'ReopenItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['closed'], 'reopen', '重新启动');
  requireSupervisor(ctx, item);
  const reason = requireReason(c.data.reason);
  const deadline = c.data.deadline ?? null;
  if (deadline !== null) {
    const now = today(ctx);
    if (deadline < now) throw new DomainError('deadline_in_past', `The deadline ${deadline} has already passed.`, `办理时限 ${deadline} 早于今天。`, { deadline, today: now });
    if (item.originalDeadline !== null && deadline < item.originalDeadline) {
      throw invalid(`The new deadline cannot precede the original ${item.originalDeadline}.`, `新的办理时限不能早于原定时限 ${item.originalDeadline}。`);
    }
  }
  return [emit(item.id, item, ctx, 'ItemReopened', { reason, deadline })];
}

/**
 * 回头看 confirmed: the recheck due on a closed item found the problem still solved. A rebound is recorded by
 * reopening the item instead (ReopenItem), which closes the due recheck as `reopened`.
 */
export function decideConfirmRecheck(item: Item, c: CommandOf<'ConfirmRecheck'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['closed'], 'confirm a recheck', '回头看确认');
  if (item.recheck?.status !== 'due') throw new DomainError('invalid_transition', 'No 回头看 is due on this item.', '该事项没有待办的回头看。');
  requireSupervisor(ctx, item);
  const note = requireReason(c.data.note);
  return [emit(item.id, item, ctx, 'RecheckConfirmed', { note, evidence: [...c.data.evidence] })];
}
