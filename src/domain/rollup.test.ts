import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollupProgress, rollupTree, type RollupNode } from './rollup.js';

const child = (progress: number, weight: number | null = null, status: RollupNode['status'] = 'in_progress') => ({ progress, weight, status });

describe('rollupProgress', () => {
  it('is the plain mean when no weights are set', () => {
    expect(rollupProgress([child(20), child(40), child(90)])).toBe(50);
  });

  it('is the weighted mean when weights are set', () => {
    expect(rollupProgress([child(100, 3), child(0, 1)])).toBe(75);
  });

  it('counts a child without a weight as weight 1 beside weighted ones', () => {
    expect(rollupProgress([child(100, 2), child(40)])).toBe(80);
  });

  it('leaves out cancelled children and zero weights', () => {
    expect(rollupProgress([child(10), child(100, null, 'cancelled'), child(100, 0)])).toBe(10);
  });

  it('counts a closed child as 100 whatever it last reported', () => {
    expect(rollupProgress([child(60, null, 'closed'), child(0)])).toBe(50);
  });

  it('returns null when no child counts', () => {
    expect(rollupProgress([])).toBeNull();
    expect(rollupProgress([child(50, null, 'cancelled')])).toBeNull();
  });

  it('stays between the smallest and largest counted progress', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ progress: fc.integer({ min: 0, max: 100 }), weight: fc.option(fc.integer({ min: 1, max: 10 })) }), { minLength: 1 }), (cs) => {
        const r = rollupProgress(cs.map((c) => child(c.progress, c.weight)))!;
        expect(r).toBeGreaterThanOrEqual(Math.min(...cs.map((c) => c.progress)) - 1e-9);
        expect(r).toBeLessThanOrEqual(Math.max(...cs.map((c) => c.progress)) + 1e-9);
      }),
    );
  });
});

describe('rollupTree', () => {
  const node = (id: string, parentId: string | null, progress: number, extra: Partial<RollupNode> = {}): RollupNode => ({
    id,
    parentId,
    progress,
    weight: null,
    status: 'in_progress',
    ...extra,
  });

  it('rolls grandchildren up through their parents', () => {
    const r = rollupTree([node('p', null, 0), node('a', 'p', 0), node('a1', 'a', 100), node('a2', 'a', 0), node('b', 'p', 30)]);
    expect(r.get('a')).toBe(50);
    expect(r.get('p')).toBe(40);
    expect(r.get('b')).toBe(30);
  });

  it("keeps a parent's own progress when all its children are cancelled", () => {
    const r = rollupTree([node('p', null, 35), node('a', 'p', 90, { status: 'cancelled' })]);
    expect(r.get('p')).toBe(35);
  });

  it('treats an item whose parent is absent as a root and leaves out parent cycles', () => {
    const r = rollupTree([node('x', 'missing', 20), node('c1', 'c2', 1), node('c2', 'c1', 2)]);
    expect(r.get('x')).toBe(20);
    expect(r.has('c1')).toBe(false);
  });
});
