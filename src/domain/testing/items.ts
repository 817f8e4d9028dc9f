/**
 * Builds Items for tests and benchmarks (lights, escalation, metrics, the store contract suite): an in-progress 督办 item with
 * every field set to a plain default, changed by `overrides`. Not used by product code.
 */
import type { Item, ItemCounters } from '../item.js';

export const ZERO_COUNTERS: ItemCounters = Object.freeze({
  returns: 0,
  rejections: 0,
  extensionsGranted: 0,
  extensionsDenied: 0,
  urges: 0,
  reopens: 0,
  reports: 0,
  instructions: 0,
});

/** An item assigned on 2026-03-02 09:00 Beijing time, accepted, due 2026-03-31, 0% progress. */
export function makeItem(overrides: Partial<Item> = {}): Item {
  return {
    id: 'item-1',
    tenantId: 'city',
    ledgerType: 'directive',
    number: '督办〔2026〕0001号',
    title: '事项',
    content: '',
    source: { kind: 'manual' },
    fields: {},
    priority: 'normal',
    ownerUnitId: 'office',
    createdBy: 'supervisor',
    leadUnitId: 'unit-a',
    coUnitIds: [],
    contacts: {},
    originalDeadline: '2026-03-31',
    currentDeadline: '2026-03-31',
    cadence: null,
    plannedStart: null,
    progress: 0,
    status: 'in_progress',
    stageIndex: null,
    stageKey: null,
    progressNote: null,
    evidence: [],
    rating: null,
    parentId: null,
    weight: null,
    pendingExtension: null,
    createdAt: '2026-03-01T01:00:00.000Z',
    assignedAt: '2026-03-02T01:00:00.000Z',
    acceptedAt: '2026-03-02T02:00:00.000Z',
    lastReportAt: null,
    closureRequestedAt: null,
    stageEnteredAt: null,
    closedAt: null,
    cancelledAt: null,
    lastUrgedAt: null,
    counters: ZERO_COUNTERS,
    version: 1,
    ...overrides,
  };
}
