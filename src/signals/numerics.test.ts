import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addYears, isoWeekMonday, isoWeekOf, parseIsoDay, weekday } from './dates.js';
import { qnbinom, qnorm, qpois, tTestPValue } from './distributions.js';
import { FarringtonFitter, type BaselineData } from './farrington-glm.js';
import { fitGlm, GlmWorkspace, POISSON } from './glm.js';
import { quantileType7 } from './stats.js';

/** Smallest y with Σ pmf(0..y) ≥ p, from the pmf by recursion (independent of the incomplete beta/gamma). */
function bruteQuantile(p: number, pmf0: number, ratio: (k: number) => number): number {
  let pm = pmf0;
  let cdf = pm;
  let y = 0;
  while (cdf < p) {
    y++;
    pm *= ratio(y);
    cdf += pm;
  }
  return y;
}

describe('distribution functions', () => {
  it('qnorm gives the familiar normal quantiles', () => {
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(0.5)).toBe(0);
  });

  it('two-sided t p-values: Cauchy closed form at df = 1, normal limit at large df', () => {
    for (const t of [0.3, 1, 2.5]) expect(tTestPValue(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
    expect(tTestPValue(1.959963984540054, 1e7)).toBeCloseTo(0.05, 6);
    expect(tTestPValue(1, 0)).toBeNaN();
  });

  it('qpois is the smallest count whose CDF reaches p', () => {
    for (const lambda of [0.3, 2.7, 12, 85.5]) {
      for (const p of [0.5, 0.9, 0.95, 0.99]) {
        expect(qpois(p, lambda)).toBe(bruteQuantile(p, Math.exp(-lambda), (k) => lambda / k));
      }
    }
    expect(qpois(0.95, 0)).toBe(0);
  });

  it('qnbinom is the smallest count whose CDF reaches p, for fractional sizes too', () => {
    for (const [size, prob] of [
      [0.4, 0.3],
      [2, 0.5],
      [7.25, 0.8],
      [150, 0.95],
    ] as const) {
      for (const p of [0.9, 0.95, 0.99]) {
        expect(qnbinom(p, size, prob)).toBe(bruteQuantile(p, Math.pow(prob, size), (k) => ((k - 1 + size) / k) * (1 - prob)));
      }
    }
  });
});

describe('percentile (R type 7)', () => {
  it('interpolates linearly between order statistics', () => {
    expect(quantileType7([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantileType7([10, 20, 30], 0.75)).toBe(25);
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9], 0.1)).toBeCloseTo(1.8, 12);
    expect(quantileType7([], 0.5)).toBeNaN();
  });
});

describe('calendar helpers', () => {
  it('steps back a year from 29 February onto 1 March, as R does', () => {
    expect(addYears(parseIsoDay('2020-02-29')!, -1)).toBe(parseIsoDay('2019-03-01'));
  });

  it('knows ISO weeks, including week 53 only where it exists', () => {
    expect(isoWeekMonday(2026, 1)).toBe(parseIsoDay('2025-12-29'));
    expect(isoWeekMonday(2020, 53)).toBe(parseIsoDay('2020-12-28'));
    expect(isoWeekMonday(2021, 53)).toBeNull();
    expect(isoWeekOf(parseIsoDay('2021-01-03')!)).toEqual({ year: 2020, week: 53 });
    expect(weekday(parseIsoDay('1970-01-01')!)).toBe(4);
    expect(parseIsoDay('2026-02-30')).toBeNull();
  });
});

describe('log-linear IRLS', () => {
  it('reaches the Poisson MLE: log of the mean for an intercept, zero score with a trend', () => {
    const y = [3, 0, 4, 7, 2, 9, 5, 11, 8, 12];
    const ws = new GlmWorkspace(10, 2);
    ws.reset(10, 1);
    y.forEach((v, i) => {
      ws.x[i] = 1;
      ws.y[i] = v;
    });
    expect(fitGlm(ws, POISSON)).toBe(true);
    expect(ws.coef[0]).toBeCloseTo(Math.log(6.1), 8);
    ws.reset(10, 2);
    y.forEach((v, i) => {
      ws.x.set([1, i - 4.5], i * 2);
      ws.y[i] = v;
    });
    expect(fitGlm(ws, POISSON)).toBe(true);
    for (let j = 0; j < 2; j++) {
      let score = 0;
      for (let i = 0; i < 10; i++) score += ws.x[i * 2 + j]! * (y[i]! - ws.mu[i]!);
      expect(Math.abs(score)).toBeLessThan(1e-6);
    }
    expect(ws.dfResidual).toBe(8);
  });

  it('reports a rank-deficient design as a failed fit instead of a number', () => {
    const ws = new GlmWorkspace(4, 2);
    ws.reset(4, 2);
    [1, 2, 3, 4].forEach((v, i) => {
      ws.x.set([1, 0], i * 2);
      ws.y[i] = v;
    });
    expect(fitGlm(ws, POISSON)).toBe(false);
    expect(ws.failed).toBe(true);
  });

  it('reproduces R’s reweighted Farrington model and its dispersion quirk on a reference baseline', () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const file = path.resolve(repoRoot, 'test', 'fixtures', 'signals', 'ff_default_salmNewport.json');
    const m = (
      JSON.parse(readFileSync(file, 'utf8')) as {
        first_point_model: { baseline_y: number[]; final_coefficients: Record<string, number>; final_dispersion_raw: number; final_phi: number };
      }
    ).first_point_model;
    const n = m.baseline_y.length;
    const d: BaselineData = { n, y: Float64Array.from(m.baseline_y), wtime: new Float64Array(n), group: new Int32Array(n), levels: [], predLevel: 1, offset: null, predOffset: 0 };
    const fitter = new FarringtonFitter(n);
    const out = fitter.fit(d, false, { reweight: true, weightsThreshold: 2.58, weightsQuirk: true, requireConvergence: true })!;
    expect(fitter.ws.coef[0]).toBeCloseTo(m.final_coefficients['(Intercept)']!, 9);
    expect(out.phi).toBeCloseTo(m.final_phi, 5);
    expect(out.disp).toBeCloseTo(m.final_dispersion_raw, 9);
  });
});
