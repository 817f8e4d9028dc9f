import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeMetrics, type MetricsReport } from './report.js';
import { metricsByGroup } from './grouping.js';
import { METRIC_KEYS } from './definitions.js';
import { makeItem, ZERO_COUNTERS } from '../testing/items.js';
import { ITEM_STATUSES, SATISFACTION_LEVELS, type Item } from '../item.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const instant = fc.integer({ min: 0, max: 400 * DAY }).map((ms) => new Date(T0 + ms).toISOString());
const date = fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * DAY).toISOString().slice(0, 10));

const item: fc.Arbitrary<Item> = fc
  .record({
    status: fc.constantFrom(...ITEM_STATUSES),
    leadUnitId: fc.constantFrom('a', 'b', 'c', null),
    ledgerType: fc.constantFrom('directive', 'appeal'),
    originalDeadline: fc.option(date),
    currentDeadline: fc.option(date),
    assignedAt: fc.option(instant),
    acceptedAt: fc.option(instant),
    closedAt: fc.option(instant),
    rating: fc.option(fc.record({ satisfaction: fc.constantFrom(...SATISFACTION_LEVELS), resolved: fc.boolean() })),
    returns: fc.nat(3),
    rejections: fc.nat(3),
    extensionsGranted: fc.nat(2),
  })
  .map(({ returns, rejections, extensionsGranted, ...rest }) => makeItem({ ...rest, counters: { ...ZERO_COUNTERS, returns, rejections, extensionsGranted } }));

const items = fc.array(item, { maxLength: 60 }).map((list) => list.map((it, i) => ({ ...it, id: `i${i}` })));

function rates(r: MetricsReport) {
  return METRIC_KEYS.map((k) => r[k]).filter((f) => f.kind === 'rate');
}

describe('metric properties', () => {
  it('keeps every rate within [0, 1] with its numerator items inside its denominator items', () => {
    fc.assert(
      fc.property(items, instant, (list, now) => {
        for (const f of rates(computeMetrics(list, now))) {
          if (f.value !== null) expect(f.value).toBeGreaterThanOrEqual(0);
          if (f.value !== null) expect(f.value).toBeLessThanOrEqual(1);
          const denominator = new Set(f.denominatorIds);
          expect(denominator.size).toBe(f.denominatorIds.length);
          for (const id of f.numeratorIds) expect(denominator.has(id)).toBe(true);
        }
      }),
    );
  });

  it('splits the items due exactly into closed on time and overdue', () => {
    fc.assert(
      fc.property(items, instant, (list, now) => {
        const r = computeMetrics(list, now);
        const onTime = new Set(r.on_time_rate.numeratorIds);
        const overdue = r.overdue_rate.numeratorIds;
        expect(overdue.filter((id) => onTime.has(id))).toEqual([]);
        expect([...onTime, ...overdue].sort()).toEqual([...r.due.ids].sort());
        expect(r.on_time_rate.denominatorIds).toEqual(r.due.ids);
        expect(r.closure_rate.numerator).toBeGreaterThanOrEqual(r.on_time_rate.numerator);
      }),
    );
  });

  it('sums the groups to the total, per lead unit and per ledger type', () => {
    fc.assert(
      fc.property(items, instant, fc.constantFrom('leadUnit' as const, 'ledgerType' as const), (list, now, by) => {
        const total = computeMetrics(list, now);
        const groups = metricsByGroup(list, by, now);
        expect(groups.reduce((n, g) => n + g.itemCount, 0)).toBe(list.length);
        for (const key of METRIC_KEYS) {
          const whole = total[key];
          const parts = groups.map((g) => g.report[key]);
          if (whole.kind === 'rate') {
            const ps = parts.filter((p) => p.kind === 'rate');
            expect(ps.reduce((n, p) => n + p.numerator, 0)).toBeCloseTo(whole.numerator, 9);
            expect(ps.reduce((n, p) => n + p.denominator, 0)).toBe(whole.denominator);
            expect(ps.flatMap((p) => p.denominatorIds).sort()).toEqual([...whole.denominatorIds].sort());
          } else if (whole.kind === 'mean') {
            const ps = parts.filter((p) => p.kind === 'mean');
            expect(ps.reduce((n, p) => n + p.count, 0)).toBe(whole.count);
            expect(ps.reduce((n, p) => n + p.total, 0)).toBeCloseTo(whole.total, 6);
          } else {
            const ps = parts.filter((p) => p.kind === 'count');
            expect(ps.reduce((n, p) => n + p.value, 0)).toBe(whole.value);
            expect(ps.flatMap((p) => p.ids).sort()).toEqual([...whole.ids].sort());
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
