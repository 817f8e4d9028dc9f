import { describe, expect, it } from 'vitest';
import { cidars } from './cidars.js';

/** Weekly series, integer index: the blocks of t = 158 one, two and three years back are 1–3, 53–55, 105–107. */
function weekly(current: number): number[] {
  const y = new Array<number>(158).fill(0);
  [1, 2, 3].forEach((v, i) => (y[i] = v));
  [4, 5, 6].forEach((v, i) => (y[52 + i] = v));
  [7, 8, 9].forEach((v, i) => (y[104 + i] = v));
  y[157] = current;
  return y;
}

describe('CIDARS moving percentile method', () => {
  it('compares the current count with the P-th percentile (type 7) of 3 years × 3 blocks', () => {
    const p50 = cidars({ observed: weekly(6), freq: 52 }, {}, { first: 158, last: 158 });
    expect(p50.upperbound).toEqual([5]);
    expect(p50.alarm).toEqual([true]);
    const p80 = cidars({ observed: weekly(6), freq: 52 }, { percentile: 80 }, { first: 158, last: 158 });
    expect(p80.upperbound[0]).toBeCloseTo(7.4, 12);
    expect(p80.alarm).toEqual([false]);
  });

  it('signals only when the count exceeds the threshold (equal is no signal)', () => {
    expect(cidars({ observed: weekly(5), freq: 52 }, {}, { first: 158, last: 158 }).alarm).toEqual([false]);
  });

  it('uses 7-day sums for daily data and finds last year by calendar date', () => {
    const dates: string[] = [];
    const observed: number[] = [];
    for (let d = Date.UTC(2022, 0, 1); d <= Date.UTC(2025, 2, 1); d += 86_400_000) {
      dates.push(new Date(d).toISOString().slice(0, 10));
      observed.push(1);
    }
    const t = dates.indexOf('2025-02-20') + 1;
    for (let i = t - 7; i < t; i++) observed[i] = 2; // current 7-day block: 14 against 7 every year
    const r = cidars({ observed, freq: 365, dates }, { years: 3, blocksEachSide: 2 }, { first: t, last: t });
    expect(r.upperbound).toEqual([7]);
    expect(r.compared).toEqual([14]);
    expect(r.alarm).toEqual([true]);
  });

  it('starts by default at the first period with a full history', () => {
    const r = cidars({ observed: weekly(6), freq: 52 });
    expect(r.t[0]).toBe(3 * 52 + 2);
  });
});
