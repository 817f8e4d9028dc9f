import { describe, expect, it } from 'vitest';
import { makeItem } from '../testing/items.js';
import { metricsByGroup } from './grouping.js';
import { computeMetrics } from './report.js';

describe('考核 of work that moved (转办, 提级)', () => {
  const now = '2026-04-10T02:00:00.000Z';
  const base = { status: 'in_progress' as const, assignedAt: '2026-03-02T02:00:00.000Z', originalDeadline: '2026-03-31', currentDeadline: '2026-03-31' };
  const moved = makeItem({ ...base, id: 'm', leadUnitId: 'street', originalLeadUnitId: 'community', moves: { transfers: 1, escalations: 2 } });
  const still = makeItem({ ...base, id: 's', leadUnitId: 'street' });
  const cancelled = makeItem({ ...base, id: 'c', status: 'cancelled', leadUnitId: 'street', originalLeadUnitId: 'community', moves: { transfers: 3, escalations: 0 } });

  it('sums transfers and escalations over the items not cancelled, naming the items behind them', () => {
    const r = computeMetrics([moved, still, cancelled], now);
    expect([r.transfers.value, r.transfers.ids]).toEqual([1, ['m']]);
    expect([r.escalations.value, r.escalations.ids]).toEqual([2, ['m']]);
  });

  it('scores a moved item, overdue included, for its first lead unit', () => {
    const groups = Object.fromEntries(metricsByGroup([moved, still], 'leadUnit', now).map((g) => [g.key, g.report]));
    expect(groups.community?.overdue_rate.numeratorIds).toEqual(['m']);
    expect(groups.community?.escalations.value).toBe(2);
    expect(groups.street?.overdue_rate.numeratorIds).toEqual(['s']);
    expect(groups.street?.escalations.value).toBe(0);
  });
});
