import type { Item } from '../item.js';

/**
 * The rules every item state obeys, whatever happened before (checked by the property tests, and usable by
 * the store to sanity-check a projection). Returns the broken rules, empty when all hold.
 */
export function brokenInvariants(item: Item): string[] {
  const broken: string[] = [];
  const check = (ok: boolean, rule: string) => {
    if (!ok) broken.push(rule);
  };
  const s = item.status;
  check(item.version >= 1, 'version ≥ 1');
  check((s === 'closing') === (item.stageIndex !== null), 'closing ⇔ stageIndex set');
  check((item.stageIndex === null) === (item.stageKey === null), 'stageIndex set ⇔ stageKey set');
  check((s === 'closing') === (item.stageEnteredAt !== null), 'closing ⇔ stageEnteredAt set');
  check((s === 'closed') === (item.closedAt !== null), 'closed ⇔ closedAt set');
  check((s === 'cancelled') === (item.cancelledAt !== null), 'cancelled ⇔ cancelledAt set');
  check(s !== 'draft' || item.leadUnitId === null, 'a draft has no lead unit');
  check(item.leadUnitId !== null || s === 'draft' || s === 'cancelled', 'only drafts (and drafts cancelled) lack a lead unit');
  check(item.leadUnitId === null ? item.coUnitIds.length === 0 : !item.coUnitIds.includes(item.leadUnitId), 'lead unit is not a co-unit');
  check(new Set(item.coUnitIds).size === item.coUnitIds.length, 'co-units are distinct');
  check((item.originalDeadline === null) === (item.currentDeadline === null), 'original deadline set ⇔ current deadline set');
  check(item.originalDeadline === null || item.currentDeadline! >= item.originalDeadline, 'current deadline ≥ original deadline');
  check(item.leadUnitId === null || item.currentDeadline !== null || item.cadence !== null, 'an assigned item has a deadline or a cadence');
  check((item.assignedAt !== null) === (item.leadUnitId !== null), 'assignedAt set ⇔ lead unit set');
  check(!['in_progress', 'closing', 'closed'].includes(s) || item.acceptedAt !== null, 'accepted before work');
  check(item.pendingExtension === null || s === 'in_progress', 'pending extension only while in progress');
  check(item.pendingExtension === null || item.pendingExtension.requestedDeadline > item.currentDeadline!, 'pending extension asks for a later date');
  check(item.progress >= 0 && item.progress <= 100, 'progress within 0–100');
  check(s === 'closing' || s === 'closed' ? item.closureRequestedAt !== null : item.closureRequestedAt === null, 'closureRequestedAt set ⇔ closing or closed');
  check(new Set(item.evidence).size === item.evidence.length, 'evidence refs are distinct');
  check(item.recheck?.status !== 'due' || s === 'closed', 'a 回头看 is due only on a closed item');
  return broken;
}
