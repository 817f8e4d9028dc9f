/**
 * farringtonFlexible of R's surveillance 1.20.3 (Farrington et al. 1996 with the improvements of
 * Noufaily et al. 2013): for each time point, a quasi-Poisson GLM on the reference windows of past
 * years (optionally with a seasonal factor over the whole year), reweighting of past outbreaks, an
 * optional trend, and an upper bound by the delta method (power transform) or a negative binomial
 * quantile (nbPlugin, muan). See test/fixtures/signals/SPEC.md §1 for the quirks kept here.
 */
import { z } from 'zod';
import { loggingOptions, parseControl, probability } from './controls.js';
import { qnorm } from './distributions.js';
import { flexibleBlocks, flexibleReferencePoints } from './farrington-baseline.js';
import { FarringtonFitter, type BaselineData, type FitOutcome } from './farrington-glm.js';
import { deltaThreshold, noufailyThreshold } from './farrington-threshold.js';
import { limit54Enough } from './farrington-limit.js';
import { naToNull, prepareSeries, resolveRange, type CountSeries, type IndexRange, type PreparedSeries, type SignalResult } from './series.js';

export const farringtonFlexibleControlSchema = z.object({
  b: z.number().int().min(1).default(5),
  w: z.number().int().min(0).default(3),
  reweight: z.boolean().default(true),
  weightsThreshold: z.number().default(2.58),
  alpha: probability.default(0.05),
  trend: z.boolean().default(true),
  pThresholdTrend: z.number().min(0).default(0.05),
  limit54: z.tuple([z.number().min(0), z.number().int().positive()]).default([5, 4]),
  powertrans: z.enum(['2/3', '1/2', 'none']).default('2/3'),
  fitFun: z.literal('algo.farrington.fitGLM.flexible').default('algo.farrington.fitGLM.flexible'),
  populationOffset: z.boolean().default(false),
  noPeriods: z.number().int().min(1).max(64).default(1),
  /** Default (absent or null): w. */
  pastWeeksNotIncluded: z.number().int().min(0).optional(),
  thresholdMethod: z.enum(['delta', 'nbPlugin', 'muan']).default('delta'),
  ...loggingOptions,
});
export type FarringtonFlexibleControl = z.output<typeof farringtonFlexibleControlSchema> & { pastWeeksNotIncluded: number };

/**
 * Validates a farringtonFlexible control and fills R's defaults.
 * @throws SignalsError invalid_control
 */
export function farringtonFlexibleControl(input: unknown): FarringtonFlexibleControl {
  const c = parseControl('farringtonFlexible', farringtonFlexibleControlSchema, input);
  return { ...c, pastWeeksNotIncluded: c.pastWeeksNotIncluded ?? c.w };
}

/** Per-series state reused across time points. */
class FlexibleContext {
  readonly labels: Int32Array;
  readonly data: BaselineData;
  readonly fitter: FarringtonFitter;
  readonly idx: Int32Array;
  private readonly levelSeen: Uint8Array;

  constructor(
    readonly s: PreparedSeries,
    readonly c: FarringtonFlexibleControl,
  ) {
    this.labels = new Int32Array(s.n + 1);
    this.idx = new Int32Array(s.n);
    this.levelSeen = new Uint8Array(c.noPeriods + 1);
    this.data = {
      n: 0,
      y: new Float64Array(s.n),
      wtime: new Float64Array(s.n),
      group: new Int32Array(s.n),
      levels: [],
      predLevel: c.noPeriods,
      offset: c.populationOffset ? new Float64Array(s.n) : null,
      predOffset: 0,
    };
    this.fitter = new FarringtonFitter(s.n);
  }

  /** R's algo.farrington.data.glm: baseline of time point k (missing counts dropped). */
  baseline(k: number): void {
    const { s, c, labels, data, idx, levelSeen } = this;
    const refs = flexibleReferencePoints(s, k, c.b);
    flexibleBlocks(labels, refs, k, c.b, c.w, c.noPeriods);
    for (let i = Math.max(1, k - c.pastWeeksNotIncluded); i <= k; i++) labels[i] = 0;
    let m = 0;
    levelSeen.fill(0);
    for (let i = 1; i <= s.n; i++) {
      const l = labels[i]!;
      if (l === 0) continue;
      idx[m++] = i;
      levelSeen[l] = 1;
    }
    data.levels.length = 0;
    for (let l = 1; l <= c.noPeriods; l++) if (levelSeen[l]) data.levels.push(l);
    const days = s.days;
    const gap = days ? days[1]! - days[0]! : 1;
    const firstDay = days && m > 0 ? days[idx[0]! - 1]! : 0;
    let n = 0;
    let firstNonNa = -1;
    for (let j = 0; j < m; j++) {
      const i = idx[j]!;
      const yi = s.y[i - 1]!;
      if (Number.isNaN(yi)) continue;
      if (firstNonNa < 0) firstNonNa = i;
      data.y[n] = yi;
      data.group[n] = labels[i]!;
      // R's wtime origin is the first baseline date; its prediction uses the first non-missing one.
      data.wtime[n] = days ? (days[i - 1]! - firstDay) / gap : i;
      if (data.offset) data.offset[n] = Math.log(s.population ? s.population[i - 1]! : 1);
      n++;
    }
    const predWtime = days ? (firstNonNa > 0 ? (days[k - 1]! - days[firstNonNa - 1]!) / gap : 0) : k;
    for (let j = 0; j < n; j++) data.wtime[j] = data.wtime[j]! - predWtime;
    data.n = n;
    data.predOffset = data.offset ? Math.log(s.population ? s.population[k - 1]! : 1) : 0;
  }

  /** R's algo.farrington.glm: fit, trend decision, refit without trend if needed. */
  model(): FitOutcome | null {
    const { c, data, fitter } = this;
    const opt = { reweight: c.reweight, weightsThreshold: c.weightsThreshold, weightsQuirk: true, requireConvergence: true };
    let out = fitter.fit(data, c.trend, opt);
    if (out === null || !out.trend) return out;
    const predicted = Math.max(Math.exp(fitter.predictEta(data)), Number.EPSILON);
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < data.n; i++) maxY = Math.max(maxY, data.y[i]!);
    const p = fitter.trendPValue(out.disp);
    const keep = c.b >= 3 && p < c.pThresholdTrend && predicted <= maxY;
    if (!keep) out = fitter.fit(data, false, opt);
    return out;
  }
}

/**
 * Runs farringtonFlexible on one series over `range` (default: freq·b + w + 1 .. n).
 * Points whose model does not converge get upperbound and alarm null (R: NA) and expected 0.
 * @throws SignalsError invalid_count, invalid_series, invalid_control, series_too_short
 */
export function farringtonFlexible(series: CountSeries, control: unknown = {}, range?: IndexRange): SignalResult {
  const s = prepareSeries(series);
  const c = farringtonFlexibleControl(control);
  const r = resolveRange(s, range, s.freq * c.b + c.w + 1);
  const ctx = new FlexibleContext(s, c);
  const z = qnorm(1 - c.alpha);
  const out: SignalResult = { t: [], upperbound: [], alarm: [], expected: [] };
  for (let k = r.first; k <= r.last; k++) {
    ctx.baseline(k);
    const model = ctx.model();
    out.t.push(k);
    if (model === null) {
      out.upperbound.push(null);
      out.alarm.push(null);
      out.expected!.push(0);
      continue;
    }
    const yk = s.y[k - 1]!;
    const eta = ctx.fitter.predictEta(ctx.data);
    const seEta = ctx.fitter.seEta(model.disp);
    let upper: number;
    let score: number;
    let expected: number;
    if (c.thresholdMethod === 'delta') {
      const fit = Math.max(Math.exp(eta), Number.EPSILON);
      ({ upper, score } = deltaThreshold(fit, seEta * fit, model.phi, c.powertrans, z, yk));
      expected = fit;
    } else {
      ({ upper, score } = noufailyThreshold(c.thresholdMethod, eta, seEta, model.phi, c.alpha, z, yk));
      expected = Math.exp(eta);
    }
    const enough = limit54Enough(s.y, k, c.limit54);
    out.upperbound.push(enough ? naToNull(upper) : null);
    out.alarm.push(enough && score > 1 && yk !== 0);
    out.expected!.push(enough && !Number.isNaN(upper) ? expected : null);
  }
  return out;
}
