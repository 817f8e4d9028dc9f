import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { UnitTree, type Unit } from './units.js';

const units: Unit[] = [
  { id: 'city', name: '某市', kind: 'city', parentId: null },
  { id: 'gov-office', name: '市政府办公室', kind: 'department', parentId: 'city' },
  { id: 'dcs', name: '市政府督查室', kind: 'department', parentId: 'gov-office' },
  { id: 'ajj', name: '市应急管理局', kind: 'department', parentId: 'city' },
  { id: 'd1', name: '东区', kind: 'district', parentId: 'city' },
  { id: 'd1-ajj', name: '东区应急管理局', kind: 'department', parentId: 'd1' },
  { id: 's1', name: '东湖街道', kind: 'street', parentId: 'd1' },
  { id: 'c1', name: '东湖社区', kind: 'community', parentId: 's1' },
  { id: 'd2', name: '西区', kind: 'district', parentId: 'city' },
];

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('UnitTree', () => {
  const tree = UnitTree.from(units);

  it('answers ancestor questions inclusively and only downwards', () => {
    expect(tree.isWithin('c1', 'city')).toBe(true);
    expect(tree.isWithin('c1', 'd1')).toBe(true);
    expect(tree.isWithin('d1', 'd1')).toBe(true);
    expect(tree.isWithin('d1', 'c1')).toBe(false);
    expect(tree.isWithin('c1', 'd2')).toBe(false);
    expect(tree.isWithin('dcs', 'gov-office')).toBe(true);
    expect(tree.isWithin('unknown', 'city')).toBe(false);
    expect(tree.isWithin('city', 'unknown')).toBe(false);
  });

  it('gives the path from the root, children and the subtree', () => {
    expect(tree.path('c1').map((u) => u.id)).toEqual(['city', 'd1', 's1', 'c1']);
    expect(tree.children('d1').map((u) => u.id)).toEqual(['d1-ajj', 's1']);
    expect(tree.subtree('d1').map((u) => u.id)).toEqual(['d1', 'd1-ajj', 's1', 'c1']);
    expect(tree.subtree('c1').map((u) => u.id)).toEqual(['c1']);
    expect(tree.size).toBe(units.length);
  });

  it('places a department in the area it serves', () => {
    expect(tree.areaOf('dcs').id).toBe('city');
    expect(tree.areaOf('d1-ajj').id).toBe('d1');
    expect(tree.areaOf('s1').id).toBe('s1');
  });

  it('refuses unknown ids with unit_not_found', () => {
    expect(code(() => tree.require('nope'))).toBe('unit_not_found');
    expect(code(() => tree.path('nope'))).toBe('unit_not_found');
    expect(code(() => tree.subtree('nope'))).toBe('unit_not_found');
  });

  it('refuses duplicates, unknown parents, wrong nesting, bad roots and cycles', () => {
    const city = units[0]!;
    expect(code(() => UnitTree.from([city, city]))).toBe('validation_failed');
    expect(code(() => UnitTree.from([city, { id: 'x', name: 'X', kind: 'district', parentId: 'ghost' }]))).toBe('validation_failed');
    expect(code(() => UnitTree.from([city, { id: 'x', name: 'X', kind: 'community', parentId: 'city' }]))).toBe('validation_failed');
    expect(code(() => UnitTree.from([{ id: 'x', name: 'X', kind: 'department', parentId: null }]))).toBe('validation_failed');
    expect(code(() => UnitTree.from([{ id: 'x', name: ' ', kind: 'city', parentId: null }]))).toBe('validation_failed');
    const cycle: Unit[] = [city, { id: 'a', name: 'A', kind: 'department', parentId: 'b' }, { id: 'b', name: 'B', kind: 'department', parentId: 'a' }];
    const err = (() => {
      try {
        UnitTree.from(cycle);
      } catch (e) {
        return e as DomainError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('validation_failed');
    expect(err?.details).toEqual({ unitIds: ['a', 'b'] });
  });

  it('agrees with walking up the parents, for random trees', () => {
    // Random trees of departments under one city: parent of unit i is any earlier unit.
    const arb = fc.array(fc.nat(), { minLength: 1, maxLength: 60 }).map((picks) => {
      const list: Unit[] = [{ id: 'u0', name: 'root', kind: 'city', parentId: null }];
      picks.forEach((p, i) => list.push({ id: `u${i + 1}`, name: `n${i + 1}`, kind: 'department', parentId: `u${p % (i + 1)}` }));
      return list;
    });
    fc.assert(
      fc.property(arb, fc.nat(), fc.nat(), (list, x, y) => {
        const t = UnitTree.from([...list].reverse());
        const u = list[x % list.length]!;
        const a = list[y % list.length]!;
        let walk: Unit | undefined = u;
        let within = false;
        while (walk) {
          if (walk.id === a.id) within = true;
          walk = list.find((c) => c.id === walk!.parentId);
        }
        expect(t.isWithin(u.id, a.id)).toBe(within);
        expect(t.subtree(a.id).some((s) => s.id === u.id)).toBe(within);
      }),
      { numRuns: 200 },
    );
  });
});
