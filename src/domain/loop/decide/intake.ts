import { DomainError } from '../../errors.js';
import type { Item } from '../../item.js';
import { toLocalDate } from '../../time.js';
import { validateFieldPatch } from '../../ledger-types/fields.js';
import type { CommandOf } from '../commands.js';
import { defaultWorkCalendar } from '../../calendar.js';
import { today, type DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { hasRole } from '../../roles.js';
import { forbidden, invalid, requireLeadHandler, requireReason, requireStatus, requireSupervisor, supervisorCovers } from '../guards.js';
import { emit } from './emit.js';

/**
 * How a user who does not supervise the owner may register an item (上报), from the type's `reporting` setting:
 * `pending` (waits for a supervisor's 立项) or `own` (the unit's own case). Only for the reporter's own unit.
 * @throws DomainError `forbidden` when the type does not let any of the actor's roles report, or for another unit.
 */
function reportIntake(ctx: DecideContext, ownerUnitId: string): 'pending' | 'own' {
  const r = ctx.ledgerType.reporting;
  if (!r || !r.roles.some((role) => hasRole(ctx.actor, role))) {
    if (hasRole(ctx.actor, 'supervisor')) requireSupervisor(ctx, { ownerUnitId });
    const type = ctx.ledgerType.name;
    throw forbidden(`Only a supervisor may record ${type.en} items.`, `只有督办员可以登记「${type.zh}」事项。`, { ledgerType: ctx.ledgerType.key });
  }
  if (ownerUnitId !== ctx.actor.unitId) {
    throw forbidden('A report is registered for your own unit only.', '上报事项只能以本单位名义登记。', { ownerUnitId });
  }
  return r.approval === 'required' ? 'pending' : 'own';
}

/**
 * 立项: a supervisor records a draft for a unit it supervises; or 上报: a handler or leader registers one for its
 * own unit where the ledger type allows it (see `reportIntake`).
 */
export function decideCreate(c: CommandOf<'CreateItem'>, ctx: DecideContext): ItemEvent[] {
  const d = c.data;
  if (d.ledgerType !== ctx.ledgerType.key) {
    throw invalid(`Ledger type ${d.ledgerType} does not match ${ctx.ledgerType.key}.`, `台账类型 ${d.ledgerType} 与 ${ctx.ledgerType.key} 不符。`);
  }
  ctx.units.require(d.ownerUnitId);
  const supervises = hasRole(ctx.actor, 'supervisor') && supervisorCovers(ctx, ctx.actor.unitId, d.ownerUnitId);
  const intake = supervises ? undefined : reportIntake(ctx, d.ownerUnitId);
  if (d.parentId === c.itemId) throw invalid('An item cannot be its own parent.', '事项不能以自身为上级事项。');
  const fields = validateFieldPatch(ctx.ledgerType, {}, d.fields, 'draft');
  return [emit(c.itemId, null, ctx, 'ItemCreated', { ...d, fields, ...(intake && { intake }) })];
}

/** A reporting unit hands its own case (上报 without 立项) to itself: the only assignment it may make. */
function ownCase(item: Item, c: CommandOf<'AssignItem'>, ctx: DecideContext): boolean {
  return (
    item.reported?.own === true &&
    ctx.actor.unitId === item.ownerUnitId &&
    (hasRole(ctx.actor, 'handler') || hasRole(ctx.actor, 'leader')) &&
    c.data.leadUnitId === item.ownerUnitId &&
    c.data.coUnitIds.length === 0
  );
}

/** Edit a draft: title, content, source, fields (a patch), priority, weight. */
export function decideEditDraft(item: Item, c: CommandOf<'EditDraft'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['draft'], 'edit', '编辑');
  requireSupervisor(ctx, item);
  const { fields, ...rest } = c.data;
  const data = { ...rest, ...(fields && { fields: validateFieldPatch(ctx.ledgerType, item.fields, fields, 'draft') }) };
  return [emit(item.id, item, ctx, 'DraftEdited', data)];
}

function checkAssignees(c: CommandOf<'AssignItem'>, item: Item, ctx: DecideContext): void {
  const { leadUnitId, coUnitIds, contacts } = c.data;
  const all = [leadUnitId, ...coUnitIds];
  if (new Set(all).size !== all.length) {
    throw invalid('The lead unit and co-units must all be different.', '牵头单位与配合单位不能重复。');
  }
  const area = ctx.units.areaOf(item.ownerUnitId);
  for (const u of all) {
    const unit = ctx.units.require(u);
    if (!ctx.units.isWithin(u, area.id)) {
      throw forbidden(`${unit.name} is outside ${area.name}, where this item is run.`, `「${unit.name}」不在「${area.name}」范围内,不能交办。`, { unitId: u });
    }
  }
  for (const u of Object.keys(contacts)) {
    if (!all.includes(u)) throw invalid(`Contact given for ${u}, which is not an assignee.`, `联系人所属单位 ${u} 不是承办单位。`);
  }
}

/**
 * 交办: a supervisor hands a draft to a lead unit (and co-units) with a deadline and/or a report cadence. A reported
 * item waiting for 立项 is registered in the same step: the supervisor's unit takes it over as owner. A unit's own
 * case is handed to itself by the reporting unit.
 */
export function decideAssign(item: Item, c: CommandOf<'AssignItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['draft'], 'assign', '交办');
  if (!ownCase(item, c, ctx)) requireSupervisor(ctx, item);
  const register = item.reported?.pending === true;
  const owned = register ? { ...item, ownerUnitId: ctx.actor.unitId } : item;
  checkAssignees(c, owned, ctx);
  const { deadline } = c.data;
  const now = today(ctx);
  if (deadline !== null && deadline < now) {
    throw new DomainError('deadline_in_past', `The deadline ${deadline} has already passed (today is ${now}).`, `办理时限 ${deadline} 早于今天(${now})。`, {
      deadline,
      today: now,
    });
  }
  if (c.data.deadlineAt !== undefined && (deadline === null || toLocalDate(c.data.deadlineAt, ctx.timeZone) !== deadline)) {
    throw invalid('The deadline instant must fall on the deadline date.', '办理时限的时刻须在时限日期当天。', { deadline, deadlineAt: c.data.deadlineAt });
  }
  const plannedStart = c.data.plannedStart ?? now;
  if (deadline !== null && plannedStart > deadline) {
    throw invalid('The planned start is after the deadline.', '计划开始日期晚于办理时限。');
  }
  return [emit(item.id, item, ctx, 'ItemAssigned', { ...c.data, plannedStart, ...(register && { ownerUnitId: ctx.actor.unitId }) })];
}

/** 签收: the lead unit takes the item. */
export function decideAccept(item: Item, c: CommandOf<'AcceptItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned'], 'accept', '签收');
  requireLeadHandler(ctx, item);
  return [emit(item.id, item, ctx, 'ItemAccepted', { contact: c.data.contact ?? null, ...(acceptedLate(item, ctx) && { late: true as const }) })];
}

/**
 * 签收超时: accepted after the ledger type's acceptance window, counted in working days from the day of 交办 —
 * the same test as the yellow light's `not_accepted`, so the notification and the light agree. Decided here, when
 * the event is written, because only here are the window and the calendar of that moment known.
 */
function acceptedLate(item: Item, ctx: DecideContext): boolean {
  if (item.assignedAt === null) return false;
  try {
    const acceptBy = (ctx.calendar ?? defaultWorkCalendar()).addWorkingDays(toLocalDate(item.assignedAt, ctx.timeZone), ctx.ledgerType.warningRules.acceptWithinWorkingDays);
    return today(ctx) > acceptBy;
  } catch {
    // A day beyond the calendar's table (after 2099): no claim of lateness rather than a refused 签收.
    return false;
  }
}

/** 退回: the lead unit sends the item back (wrong unit), with a reason; it becomes a draft again. */
export function decideReturn(item: Item, c: CommandOf<'ReturnItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned'], 'return', '退回');
  requireLeadHandler(ctx, item);
  const reason = requireReason(c.data.reason);
  return [emit(item.id, item, ctx, 'ItemReturned', { reason, fromUnitId: ctx.actor.unitId })];
}
