/**
 * The original Farrington method, R's algo.farrington (surveillance 1.20.3, fitFun
 * "algo.farrington.fitGLM.fast"): quasi-Poisson GLM on windows of ±w periods around the same period of
 * b past years, reweighting with threshold 1, trend kept if p < 0.05, two-sided α, and upperbound 0
 * (not NA) when the 5-in-4 rule is not met. Early points use whatever reference periods exist.
 */
import { z } from 'zod';
import { loggingOptions, parseControl, probability } from './controls.js';
import { qnorm } from './distributions.js';
import { originalBaseline } from './farrington-baseline.js';
import { FarringtonFitter, type BaselineData, type FitOptions, type FitOutcome } from './farrington-glm.js';
import { limit54Sum } from './farrington-limit.js';
import { deltaThreshold } from './farrington-threshold.js';
import { SignalsError, tooShort } from './errors.js';
import { naToNull, prepareSeries, resolveRange, type CountSeries, type IndexRange, type PreparedSeries, type SignalResult } from './series.js';

export const farringtonControlSchema = z.object({
  b: z.number().int().min(1).default(5),
  w: z.number().int().min(0).default(3),
  reweight: z.boolean().default(true),
  /** Two-sided: the bound uses z_{1−α/2}. */
  alpha: probability.default(0.05),
  trend: z.boolean().default(true),
  limit54: z.tuple([z.number().min(0), z.number().int().positive()]).default([5, 4]),
  powertrans: z.enum(['2/3', '1/2', 'none']).default('2/3'),
  /** "algo.farrington.fitGLM" gives up on the whole series when one fit does not converge. */
  fitFun: z.enum(['algo.farrington.fitGLM.fast', 'algo.farrington.fitGLM']).default('algo.farrington.fitGLM.fast'),
  ...loggingOptions,
});
export type FarringtonControl = z.output<typeof farringtonControlSchema>;

/**
 * Validates an algo.farrington control and fills R's defaults.
 * @throws SignalsError invalid_control
 */
export function farringtonControl(input: unknown): FarringtonControl {
  return parseControl('farrington', farringtonControlSchema, input);
}

function baselineData(s: PreparedSeries, k: number, c: FarringtonControl, data: BaselineData): void {
  const idx = originalBaseline(s, k, c.b, c.w);
  if (idx.length === 0) throw tooShort('farrington', k, 'no reference period exists');
  data.n = idx.length;
  idx.forEach((i, j) => {
    const yi = s.y[i - 1]!;
    if (Number.isNaN(yi)) {
      // R's glm.fit stops on a missing response; say so instead of guessing.
      throw new SignalsError('missing_count', `farrington: count ${i} in the baseline of time point ${k} is missing`, `farrington：第 ${k} 期的基线中第 ${i} 期计数缺失`, {
        index: i,
        t: k,
      });
    }
    data.y[j] = yi;
    data.wtime[j] = i - k;
  });
}

function model(fitter: FarringtonFitter, data: BaselineData, c: FarringtonControl): FitOutcome | null {
  const opt: FitOptions = { reweight: c.reweight, weightsThreshold: 1, weightsQuirk: false, requireConvergence: c.fitFun === 'algo.farrington.fitGLM' };
  const out = fitter.fit(data, c.trend, opt);
  if (out === null || !out.trend) return out;
  const mu0Hat = Math.max(Math.exp(fitter.predictEta(data)), Number.EPSILON);
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.n; i++) maxY = Math.max(maxY, data.y[i]!);
  const keep = c.b >= 3 && fitter.trendPValue(out.disp) < 0.05 && mu0Hat <= maxY;
  return keep ? out : fitter.fit(data, false, opt);
}

/**
 * Runs algo.farrington on one series over `range` (default: freq·b − w .. n).
 * @throws SignalsError invalid_count, missing_count (gap in a baseline), invalid_series, invalid_control, series_too_short
 */
export function farrington(series: CountSeries, control: unknown = {}, range?: IndexRange): SignalResult {
  const s = prepareSeries(series);
  const c = farringtonControl(control);
  const r = resolveRange(s, range, Math.max(1, s.freq * c.b - c.w));
  const fitter = new FarringtonFitter(s.n);
  const data: BaselineData = { n: 0, y: new Float64Array(s.n), wtime: new Float64Array(s.n), group: new Int32Array(s.n), levels: [], predLevel: 1, offset: null, predOffset: 0 };
  const z = qnorm(1 - c.alpha / 2);
  const out: SignalResult = { t: [], upperbound: [], alarm: [] };
  for (let k = r.first; k <= r.last; k++) {
    baselineData(s, k, c, data);
    const m = model(fitter, data, c);
    if (m === null) {
      // fitGLM returns NULL and algo.farrington gives up: every point is NA.
      const t = [...out.t];
      for (let j = k; j <= r.last; j++) t.push(j);
      return { t, upperbound: t.map(() => null), alarm: t.map(() => null) };
    }
    const yk = s.y[k - 1]!;
    const fit = Math.max(Math.exp(fitter.predictEta(data)), Number.EPSILON);
    const se = fit * fitter.seEta(m.phi);
    const { upper } = deltaThreshold(fit, se, m.phi, c.powertrans, z, yk);
    const sum = limit54Sum(s.y, k, c.limit54[1]);
    out.t.push(k);
    if (Number.isNaN(sum)) {
      out.upperbound.push(null);
      out.alarm.push(null);
      continue;
    }
    const enough = sum >= c.limit54[0];
    const x = enough ? (yk - fit) / (upper - fit) : 0;
    out.upperbound.push(enough ? naToNull(upper) : 0);
    out.alarm.push(Number.isNaN(x) ? null : x > 1);
  }
  return out;
}
