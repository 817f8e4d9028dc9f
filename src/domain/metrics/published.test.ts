import { describe, expect, it } from 'vitest';
import { computeMetrics } from './report.js';
import { metricsByGroup } from './grouping.js';
import { makeItem } from '../testing/items.js';
import type { Item } from '../item.js';

/**
 * 天门 数字城管 published: 结案率 911/972 = 93.72% (事件类 902/956 = 94.35%, 部件类 9/16 = 56.25%), 按期结案率
 * 737/972 = 75.82%, with 996 cases filed — the 24 not yet due are outside 应结案数. Rebuilt here as items.
 */
const NOW = '2026-06-30T08:00:00.000Z';

function cases(ledgerType: string, spec: { onTime: number; late: number; openOverdue: number; notDue: number }): Item[] {
  const out: Item[] = [];
  const add = (n: number, overrides: Partial<Item>): void => {
    for (let i = 0; i < n; i++) out.push(makeItem({ id: `${ledgerType}-${out.length}`, ledgerType, originalDeadline: '2026-06-15', currentDeadline: '2026-06-15', ...overrides }));
  };
  add(spec.onTime, { status: 'closed', progress: 100, closedAt: '2026-06-10T02:00:00.000Z' });
  add(spec.late, { status: 'closed', progress: 100, closedAt: '2026-06-20T02:00:00.000Z' });
  add(spec.openOverdue, { status: 'in_progress' });
  add(spec.notDue, { status: 'in_progress', originalDeadline: '2026-07-15', currentDeadline: '2026-07-15' });
  return out;
}

// 事件类: 956 due, 902 closed; 部件类: 16 due, 9 closed; 737 on time in all; 24 filed but not yet due.
const items = [...cases('event', { onTime: 730, late: 172, openOverdue: 54, notDue: 20 }), ...cases('component', { onTime: 7, late: 2, openOverdue: 7, notDue: 4 })];
const pct = (v: number | null): string => ((v ?? Number.NaN) * 100).toFixed(2);

describe('published figures', () => {
  it('reproduces 结案率 911/972 = 93.72% and 按期结案率 737/972 = 75.82% over 996 cases', () => {
    expect(items).toHaveLength(996);
    const r = computeMetrics(items, NOW);
    expect(r.due.value).toBe(972);
    expect([r.closure_rate.numerator, r.closure_rate.denominator, pct(r.closure_rate.value)]).toEqual([911, 972, '93.72']);
    expect([r.on_time_rate.numerator, pct(r.on_time_rate.value)]).toEqual([737, '75.82']);
    expect([r.overdue_rate.numerator, pct(r.overdue_rate.value)]).toEqual([235, '24.18']);
  });

  it('reproduces 事件类 902/956 = 94.35% and 部件类 9/16 = 56.25% per ledger type', () => {
    const byType = Object.fromEntries(metricsByGroup(items, 'ledgerType', NOW).map((g) => [g.key, g.report.closure_rate]));
    expect([byType.event?.numerator, byType.event?.denominator, pct(byType.event?.value ?? null)]).toEqual([902, 956, '94.35']);
    expect([byType.component?.numerator, byType.component?.denominator, pct(byType.component?.value ?? null)]).toEqual([9, 16, '56.25']);
  });
});
