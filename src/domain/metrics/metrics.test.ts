import { describe, expect, it } from 'vitest';
import { computeMetrics } from './report.js';
import { appealComposite } from './appeals.js';
import { itemsInPeriod, metricsByGroup, rankGroups } from './grouping.js';
import { METRICS, METRIC_KEYS } from './definitions.js';
import { makeItem, ZERO_COUNTERS } from '../testing/items.js';
import { DomainError } from '../errors.js';
import type { Item } from '../item.js';

const closedAt = (at: string, overrides: Partial<Item> = {}): Item => makeItem({ status: 'closed', progress: 100, closedAt: at, ...overrides });

describe('scoring deadline', () => {
  const NOW = '2026-04-20T04:00:00.000Z';

  it('scores an item without an approved extension against its original deadline, even if a later date was set', () => {
    const item = closedAt('2026-04-10T02:00:00.000Z', { id: 'a', originalDeadline: '2026-03-31', currentDeadline: '2026-04-15' });
    const r = computeMetrics([item], NOW);
    expect(r.on_time_rate.numeratorIds).toEqual([]);
    expect(r.overdue_rate.numeratorIds).toEqual(['a']);
  });

  it('scores an item against the approved new deadline once an extension was granted', () => {
    const counters = { ...ZERO_COUNTERS, extensionsGranted: 1 };
    const closed = closedAt('2026-04-10T02:00:00.000Z', { id: 'b', originalDeadline: '2026-03-31', currentDeadline: '2026-04-15', counters });
    expect(computeMetrics([closed], NOW).on_time_rate.numeratorIds).toEqual(['b']);
    const open = makeItem({ id: 'c', originalDeadline: '2026-03-31', currentDeadline: '2026-04-15', counters });
    expect(computeMetrics([open], '2026-04-10T04:00:00.000Z').due.ids).toEqual([]);
    expect(computeMetrics([open], NOW).overdue_rate.numeratorIds).toEqual(['c']);
  });

  it('counts a closure at 23:59:59 on the deadline day in Beijing as on time, one second later as late', () => {
    const onTime = closedAt('2026-03-31T15:59:59.000Z', { id: 'on' });
    const late = closedAt('2026-03-31T16:00:00.000Z', { id: 'late' });
    const r = computeMetrics([onTime, late], NOW);
    expect(r.on_time_rate.numeratorIds).toEqual(['on']);
    expect(r.overdue_rate.numeratorIds).toEqual(['late']);
  });

  it('makes an open item due only after the end of its deadline day', () => {
    const open = makeItem({ id: 'o' });
    expect(computeMetrics([open], '2026-03-31T15:59:59.999Z').due.value).toBe(0);
    expect(computeMetrics([open], '2026-03-31T16:00:00.000Z').due.ids).toEqual(['o']);
  });

  it('counts an item closed before its deadline as due and on time', () => {
    const early = closedAt('2026-03-10T02:00:00.000Z', { id: 'e' });
    const r = computeMetrics([early], '2026-03-11T00:00:00.000Z');
    expect([r.due.value, r.on_time_rate.value, r.closure_rate.value]).toEqual([1, 1, 1]);
  });

  it('leaves drafts, cancelled items and items without a deadline out of the deadline rates', () => {
    const out = [
      makeItem({ id: 'd', status: 'draft', assignedAt: null }),
      makeItem({ id: 'x', status: 'cancelled', cancelledAt: '2026-03-05T00:00:00.000Z' }),
      makeItem({ id: 'n', originalDeadline: null, currentDeadline: null, cadence: 'monthly' }),
    ];
    const r = computeMetrics(out, NOW);
    expect([r.due.value, r.on_time_rate.value]).toEqual([0, null]);
  });
});

describe('durations and counters', () => {
  it('measures working days across 国庆 2026 and calendar days as elapsed time', () => {
    const items = [
      makeItem({ id: 'p', assignedAt: '2026-09-25T01:00:00.000Z', acceptedAt: '2026-10-09T01:00:00.000Z' }),
      makeItem({ id: 'q', assignedAt: '2026-09-25T01:00:00.000Z', acceptedAt: '2026-09-25T04:00:00.000Z' }),
      makeItem({ id: 'r', status: 'assigned', acceptedAt: null }),
    ];
    const r = computeMetrics(items, '2026-10-20T00:00:00.000Z');
    expect(r.working_days_to_accept).toMatchObject({ value: 2.5, count: 2, ids: ['p', 'q'], calendarApproximate: false });
    expect(r.calendar_days_to_accept.value).toBeCloseTo(7.0625, 10);
  });

  it('measures days to close over closed items only', () => {
    const items = [
      closedAt('2026-03-06T01:00:00.000Z', { id: 'c1' }), // assigned Mon 03-02 09:00 → Fri: 4 working days
      makeItem({ id: 'open' }),
    ];
    const r = computeMetrics(items, '2026-03-10T00:00:00.000Z');
    expect(r.working_days_to_close).toMatchObject({ value: 4, ids: ['c1'] });
    expect(r.calendar_days_to_close.value).toBe(4);
  });

  it('sums returns, rejected closure requests and extensions granted, naming the items', () => {
    const items = [
      makeItem({ id: 'a', counters: { ...ZERO_COUNTERS, returns: 2, rejections: 1 } }),
      makeItem({ id: 'b', counters: { ...ZERO_COUNTERS, rejections: 3, extensionsGranted: 1 } }),
      makeItem({ id: 'c', status: 'cancelled', counters: { ...ZERO_COUNTERS, returns: 5 } }),
    ];
    const r = computeMetrics(items, '2026-03-10T00:00:00.000Z');
    expect([r.returns.value, r.returns.ids]).toEqual([2, ['a']]);
    expect([r.rejections.value, r.rejections.ids]).toEqual([4, ['a', 'b']]);
    expect([r.extensions_granted.value, r.extensions_granted.ids]).toEqual([1, ['b']]);
  });
});

describe('三率 of appeals', () => {
  const NOW = '2026-03-10T04:00:00.000Z';
  const assigned = '2026-03-02T01:00:00.000Z'; // Monday; respond by the end of Wednesday 03-04
  const items = [
    makeItem({ id: 'fast', assignedAt: assigned, acceptedAt: '2026-03-04T09:00:00.000Z', rating: { satisfaction: 'very_satisfied', resolved: true } }),
    makeItem({ id: 'slow', assignedAt: assigned, acceptedAt: '2026-03-05T01:00:00.000Z', rating: { satisfaction: 'basically_satisfied', resolved: true } }),
    makeItem({ id: 'silent', status: 'assigned', assignedAt: assigned, acceptedAt: null, rating: { satisfaction: 'dissatisfied', resolved: false } }),
    makeItem({ id: 'new', status: 'assigned', assignedAt: '2026-03-09T01:00:00.000Z', acceptedAt: null }),
  ];
  const r = computeMetrics(items, NOW);

  it('counts as responded only acceptance within the window, and waits for open windows', () => {
    expect(r.response_rate).toMatchObject({ numeratorIds: ['fast'], denominatorIds: ['fast', 'slow', 'silent'] });
  });

  it('rates resolution and weighted satisfaction over the rated items', () => {
    expect(r.resolution_rate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(r.satisfaction_rate).toMatchObject({ numerator: 1.5, denominator: 3, value: 0.5, numeratorIds: ['fast', 'slow'] });
    const strict = computeMetrics(items, NOW, { satisfactionWeights: { very_satisfied: 1, satisfied: 1, basically_satisfied: 0, dissatisfied: 0, very_dissatisfied: 0 } });
    expect(strict.satisfaction_rate.value).toBeCloseTo(1 / 3, 12);
  });

  it('weights the composite as the city sets it', () => {
    expect(appealComposite(r, { response: 1, resolution: 4.5, satisfaction: 4.5 })).toBeCloseTo((1 / 3 + (2 / 3) * 4.5 + 0.5 * 4.5) / 10, 12);
    expect(() => appealComposite(r, { response: 0, resolution: 0, satisfaction: 0 })).toThrow(DomainError);
  });

  it('refuses weights outside 0–1', () => {
    const bad = { very_satisfied: 2, satisfied: 1, basically_satisfied: 0, dissatisfied: 0, very_dissatisfied: 0 };
    expect(() => computeMetrics(items, NOW, { satisfactionWeights: bad })).toThrow(DomainError);
  });
});

describe('periods, groups and rankings', () => {
  const items = [
    closedAt('2026-03-20T02:00:00.000Z', { id: 'a1', leadUnitId: 'a', originalDeadline: '2026-03-01', currentDeadline: '2026-03-01' }),
    closedAt('2026-03-20T02:00:00.000Z', { id: 'a2', leadUnitId: 'a' }),
    closedAt('2026-03-20T02:00:00.000Z', { id: 'b1', leadUnitId: 'b' }),
    closedAt('2026-03-20T02:00:00.000Z', { id: 'c1', leadUnitId: 'c' }),
    makeItem({ id: 'd1', leadUnitId: 'd', originalDeadline: '2026-04-30', currentDeadline: '2026-04-30' }),
  ];
  const NOW = '2026-04-10T00:00:00.000Z';

  it('selects a period by scoring deadline, both ends included, or by closure day', () => {
    expect(itemsInPeriod(items, { from: '2026-03-01', to: '2026-03-31' }).map((i) => i.id)).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(itemsInPeriod(items, { from: '2026-03-02', to: '2026-03-31' }).map((i) => i.id)).toEqual(['a2', 'b1', 'c1']);
    expect(itemsInPeriod(items, { from: '2026-03-20', to: '2026-03-20', by: 'closed' })).toHaveLength(4);
    expect(() => itemsInPeriod(items, { from: '2026-04-01', to: '2026-03-01' })).toThrow(DomainError);
  });

  it('ranks units by 按期办结率 with shared ranks for ties and unranked units last', () => {
    const ranking = rankGroups(metricsByGroup(items, 'leadUnit', NOW), 'on_time_rate');
    expect(ranking).toEqual([
      { key: 'b', value: 1, rank: 1 },
      { key: 'c', value: 1, rank: 1 },
      { key: 'a', value: 0.5, rank: 3 },
      { key: 'd', value: null, rank: null },
    ]);
    expect(rankGroups(metricsByGroup(items, 'leadUnit', NOW), 'overdue_rate', 'asc')[0]).toMatchObject({ rank: 1, value: 0 });
  });

  it('tells equal 按期办结率 apart by fewer overdue items, and shares a rank only when both are equal', () => {
    const late = (id: string, unit: string) => closedAt('2026-04-05T02:00:00.000Z', { id, leadUnitId: unit });
    const onTime = (id: string, unit: string) => closedAt('2026-03-20T02:00:00.000Z', { id, leadUnitId: unit });
    // x: 1 of 2 on time, 1 overdue; y: 2 of 4 on time, 2 overdue; z: 1 of 2, 1 overdue (ties with x).
    const groups = metricsByGroup(
      [onTime('x1', 'x'), late('x2', 'x'), onTime('y1', 'y'), onTime('y2', 'y'), late('y3', 'y'), late('y4', 'y'), onTime('z1', 'z'), late('z2', 'z')],
      'leadUnit',
      NOW,
    );
    expect(rankGroups(groups, 'on_time_rate').map((r) => [r.key, r.rank])).toEqual([
      ['x', 1],
      ['z', 1],
      ['y', 3],
    ]);
  });
});

describe('metric declarations', () => {
  it('declares every metric once with both languages, a formula and a denominator rule', () => {
    for (const key of METRIC_KEYS) {
      const m = METRICS[key];
      expect(m.key).toBe(key);
      for (const text of [m.name, m.formula, m.denominator]) expect(text.zh.length * text.en.length).toBeGreaterThan(0);
    }
    expect(Object.keys(computeMetrics([], '2026-01-01T00:00:00.000Z')).sort()).toEqual([...METRIC_KEYS].sort());
  });
});
