import { DomainError } from '../errors.js';
import type { UnitId } from '../ids.js';
import type { Item, ItemStatus } from '../item.js';
import { hasRole, type Role } from '../roles.js';
import type { DecideContext } from './context.js';

/**
 * Guards shared by the actions. Each throws a DomainError with a stable code and a message in both
 * languages, and returns nothing: a refused action changes nothing.
 */

const STATUS_ZH: Record<ItemStatus, string> = {
  draft: '草稿',
  assigned: '已交办',
  in_progress: '办理中',
  closing: '办结审核中',
  closed: '已办结',
  cancelled: '已撤销',
};

/** Open states: everything a supervisor may still cancel. */
export const OPEN_STATUSES = ['draft', 'assigned', 'in_progress', 'closing'] as const satisfies readonly ItemStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** @throws DomainError `invalid_transition` when the item is not in one of `allowed`. */
export function requireStatus(item: Item, allowed: readonly ItemStatus[], action: string, actionZh: string): void {
  if (allowed.includes(item.status)) return;
  throw new DomainError(
    'invalid_transition',
    `Cannot ${action} an item that is ${item.status.replace('_', ' ')}.`,
    `事项当前为「${STATUS_ZH[item.status]}」状态,不能${actionZh}。`,
    { status: item.status, allowed },
  );
}

export function forbidden(en: string, zh: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('forbidden', en, zh, details);
}

export function invalid(en: string, zh: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('validation_failed', en, zh, details);
}

function requireRole(ctx: DecideContext, role: Role, roleZh: string): void {
  if (!hasRole(ctx.actor, role)) throw forbidden(`Only a ${role} may do this.`, `只有${roleZh}可以执行此操作。`, { role });
}

/**
 * Whether a unit supervises items owned by `owner`: it is the owner, above it, or an office inside the owner
 * within the same area (a 督查室 under 市政府办公室). A district's units never supervise a city's items.
 */
export function supervisesOwner(ctx: DecideContext, unit: UnitId, owner: UnitId): boolean {
  const { units } = ctx;
  if (units.isWithin(owner, unit)) return true;
  return units.isWithin(unit, owner) && units.areaOf(unit).id === units.areaOf(owner).id;
}

/**
 * Whether a supervisor (督办员) of `unit` supervises items owned by `owner`: a supervisor serves the area its unit
 * belongs to — the area itself, or the 督查室 inside its party or government office — and supervises every item
 * owned by a unit of that area at every level below (DESIGN.md: the city's 督查室 supervises the districts' items;
 * a district's supervisor its district only). The same rule as the app's visibility (visibility.ts).
 */
export function supervisorCovers(ctx: Pick<DecideContext, 'units'>, unit: UnitId, owner: UnitId): boolean {
  if (!ctx.units.has(unit)) return false;
  return ctx.units.isWithin(owner, ctx.units.areaOf(unit).id);
}

/** @throws DomainError `forbidden` unless the actor is a supervisor whose area holds the item's owner. */
export function requireSupervisor(ctx: DecideContext, item: Pick<Item, 'ownerUnitId'>): void {
  requireRole(ctx, 'supervisor', '督办员');
  if (!supervisorCovers(ctx, ctx.actor.unitId, item.ownerUnitId)) {
    throw forbidden("This item is outside your unit's scope.", '该事项不在本单位督办范围内。', { ownerUnitId: item.ownerUnitId });
  }
}

/** @throws DomainError `forbidden` unless the actor is a handler (承办人) of the lead unit. */
export function requireLeadHandler(ctx: DecideContext, item: Item): void {
  requireRole(ctx, 'handler', '承办人');
  if (item.leadUnitId !== ctx.actor.unitId) {
    throw forbidden('Only the lead unit may do this.', '只有牵头单位可以执行此操作。', { leadUnitId: item.leadUnitId });
  }
}

/** @throws DomainError `forbidden` unless the actor is a handler of one of the co-units. */
export function requireCoUnitHandler(ctx: DecideContext, item: Item): void {
  requireRole(ctx, 'handler', '承办人');
  if (!item.coUnitIds.includes(ctx.actor.unitId)) {
    throw forbidden('Only a co-unit may file a co-unit report.', '只有配合单位可以报送配合情况。', { coUnitIds: item.coUnitIds });
  }
}

/**
 * Whether the item lies in a leader's scope: the leader's unit supervises its owner, or its lead unit or a
 * co-unit lies in the leader's subtree (DESIGN.md: a leader reads its scope).
 */
export function inLeaderScope(ctx: DecideContext, item: Item): boolean {
  const unit = ctx.actor.unitId;
  if (supervisesOwner(ctx, unit, item.ownerUnitId)) return true;
  return [item.leadUnitId, ...item.coUnitIds].some((u) => u !== null && ctx.units.isWithin(u, unit));
}

/** @throws DomainError `forbidden` unless the actor is a leader with the item in scope. */
export function requireLeader(ctx: DecideContext, item: Item): void {
  requireRole(ctx, 'leader', '领导');
  if (!inLeaderScope(ctx, item)) throw forbidden('This item is outside your scope.', '该事项不在您的分管范围内。');
}

/** Returns the trimmed reason. @throws DomainError `reason_required` when it is blank. */
export function requireReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw new DomainError('reason_required', 'A reason is required.', '请填写理由。');
  return r;
}
