/**
 * GLR detectors for count data, R's glrnb (surveillance 1.20.3; Höhle & Paul 2008): a change in the
 * intercept (or an epidemic component) of Poisson (α = 0) or negative binomial in-control means μ₀,
 * alarm when the statistic reaches c.ARL, restart after each alarm. With theta given it is the CUSUM
 * for that fixed change. upperbound is the statistic (ret "value") or the count needed (ret "cases").
 */
import { z } from 'zod';
import { parseControl } from './controls.js';
import { SignalsError, tooShort } from './errors.js';
import { nbGlrChart, nbLrChart, poissonEpiChart, poissonGlrChart, poissonLrChart, type ChartRun } from './glr-charts.js';
import { estimateMu0 } from './glrnb-mu0.js';
import { prepareSeries, resolveRange, type CountSeries, type IndexRange, type SignalResult } from './series.js';

export const glrnbControlSchema = z.object({
  'c.ARL': z.number().positive().default(5),
  /** Given means (one per evaluated period) or the in-control model: S harmonics, trend, refit after alarms. */
  mu0: z
    .union([z.array(z.number().positive()), z.object({ S: z.number().int().min(0).default(1), trend: z.boolean().default(false), refit: z.boolean().default(false) })])
    .optional(),
  /** Overdispersion; absent: estimated by glm.nb; 0: Poisson. */
  alpha: z.number().min(0).optional(),
  Mtilde: z.number().int().min(1).default(1),
  M: z.number().int().min(-1).default(-1),
  change: z.enum(['intercept', 'epi']).default('intercept'),
  /** Fixed change κ for the likelihood-ratio CUSUM; absent: estimated (GLR). */
  theta: z
    .number()
    .refine((v) => v !== 1, 'theta has to differ from 1')
    .optional(),
  dir: z.enum(['inc', 'dec']).default('inc'),
  ret: z.enum(['value', 'cases']).default('value'),
  xMax: z.number().positive().default(1e4),
});
export type GlrnbControl = z.output<typeof glrnbControlSchema>;

/**
 * Validates a glrnb control and fills R's defaults.
 * @throws SignalsError invalid_control, unsupported_option
 */
export function glrnbControl(input: unknown): GlrnbControl {
  const c = parseControl('glrnb', glrnbControlSchema, input);
  if (c.change === 'epi' && c.ret === 'cases') {
    throw new SignalsError('unsupported_option', 'glrnb: ret = "cases" is not available for the epidemic chart', 'glrnb：流行图（epi）不支持 ret = "cases"');
  }
  return c;
}

function runChart(x: Int32Array, mu0: Float64Array, alpha: number, c: GlrnbControl, xm10: number): ChartRun {
  const dir = c.dir === 'inc' ? 1 : -1;
  const cases = c.ret === 'cases';
  if (c.change === 'epi') {
    return alpha === 0
      ? poissonEpiChart(x, mu0, { Mtilde: c.Mtilde, M: c.M, cARL: c['c.ARL'], xm10 })
      : nbGlrChart(x, mu0, alpha, { Mtilde: c.Mtilde, M: c.M, cARL: c['c.ARL'], dir, epi: true, xm10 });
  }
  if (c.theta !== undefined) {
    return alpha === 0 ? poissonLrChart(x, mu0, c.theta, c['c.ARL'], cases) : nbLrChart(x, mu0, alpha, c.theta, c['c.ARL'], cases);
  }
  if (alpha === 0) return poissonGlrChart(x, mu0, { Mtilde: c.Mtilde, M: c.M, cARL: c['c.ARL'], dir, cases });
  const run = nbGlrChart(x, mu0, alpha, { Mtilde: c.Mtilde, M: c.M, cARL: c['c.ARL'], dir, epi: false, xm10 });
  if (cases) run.cases = nbCasesBruteForce(x, mu0, alpha, c, run.N);
  return run;
}

/** R's brute-force search of the count that flips the NB GLR alarm at each position up to N. */
function nbCasesBruteForce(x: Int32Array, mu0: Float64Array, alpha: number, c: GlrnbControl, N: number): Float64Array {
  const dir = c.dir === 'inc' ? 1 : -1;
  const opts = { Mtilde: c.Mtilde, M: c.M, cARL: c['c.ARL'], dir, epi: false, xm10: 0 };
  const out = new Float64Array(x.length);
  const myx = new Int32Array(x.length);
  for (let pos = 1; pos <= Math.min(x.length, N); pos++) {
    myx.set(x);
    const gotAlarm = N <= pos;
    const step = gotAlarm ? -1 : 1;
    let changed = false;
    while (!changed && myx[pos - 1]! <= c.xMax && myx[pos - 1]! >= 1) {
      myx[pos - 1] = myx[pos - 1]! + step;
      const tmp = nbGlrChart(myx, mu0, alpha, opts);
      if (!gotAlarm && tmp.N <= pos) {
        changed = true;
        out[pos - 1] = myx[pos - 1]!;
      }
      if (gotAlarm && tmp.N > pos) {
        changed = true;
        out[pos - 1] = myx[pos - 1]! + 1;
      }
    }
    if (!changed) out[pos - 1] = gotAlarm ? Number.NaN : 1e99;
  }
  return out;
}

/**
 * R's monitoring loop: run the chart until an alarm, record it, restart after it (refitting μ₀ if asked),
 * until the range is used up. Returns the statistic per point and the alarms.
 */
function monitor(
  xAll: Int32Array,
  mu0: Float64Array,
  alpha: number,
  c: GlrnbControl,
  model: { refit: boolean } | null,
  refit: (first: number) => number[],
  rangeFirst: number,
): { stat: Float64Array; alarm: boolean[] } {
  const T = xAll.length;
  const upperbound = new Float64Array(T);
  const alarm: boolean[] = new Array<boolean>(T).fill(false);
  let done = 0;
  let xm10 = 0;
  let alarms = 0;
  let x = xAll;
  let mu = mu0;
  let last: ChartRun | null = null;
  while (done < T) {
    const run = runChart(x, mu, alpha, c, xm10);
    last = run;
    const stat = c.ret === 'value' ? run.val : run.cases!;
    if (run.N <= x.length) {
      for (let i = 0; i < run.N; i++) upperbound[done + i] = stat[i]!;
      alarm[done + run.N - 1] = true;
      xm10 = x[run.N - 1]!;
      x = x.subarray(run.N);
      if (model?.refit && x.length > 0) {
        mu = Float64Array.from(refit(rangeFirst + done + run.N));
      } else {
        mu = mu.subarray(run.N);
      }
      alarms++;
    }
    done += run.N;
  }
  if (last !== null) {
    const stat = c.ret === 'value' ? last.val : last.cases!;
    const from = alarms === 0 ? 0 : done - last.N;
    for (let i = 0; i < stat.length && from + i < T; i++) upperbound[from + i] = stat[i]!;
  }
  return { stat: upperbound, alarm };
}

/**
 * Runs glrnb on one series over `range` (R requires one; the default here is the second half).
 * @throws SignalsError invalid_count, missing_count (a gap in the range), invalid_series, invalid_control, series_too_short
 */
export function glrnb(series: CountSeries, control: unknown = {}, range?: IndexRange): SignalResult & { alpha: number } {
  const s = prepareSeries(series);
  const c = glrnbControl(control);
  const r = resolveRange(s, range, Math.floor(s.n / 2) + 1);
  const T = r.last - r.first + 1;
  const xAll = new Int32Array(T);
  for (let i = 0; i < T; i++) {
    const v = s.y[r.first - 1 + i]!;
    if (Number.isNaN(v)) {
      // R's C code would read the missing count as a huge negative integer.
      throw new SignalsError(
        'missing_count',
        `glrnb: count ${r.first + i} is missing; the GLR chart needs every period in the range`,
        `glrnb：第 ${r.first + i} 期计数缺失，GLR 图要求评估区间内每期都有计数`,
        { index: r.first + i },
      );
    }
    xAll[i] = v;
  }
  const model = c.mu0 === undefined || !Array.isArray(c.mu0) ? { S: 1, trend: false, refit: false, ...(c.mu0 ?? {}) } : null;
  let alpha = c.alpha;
  let mu0: number[];
  if (model === null) {
    mu0 = c.mu0 as number[];
    if (mu0.length !== T) {
      throw new SignalsError('invalid_control', `glrnb: mu0 has ${mu0.length} values for ${T} periods`, `glrnb：mu0 的个数（${mu0.length}）与评估期数（${T}）不一致`);
    }
    if (alpha === undefined) throw new SignalsError('invalid_control', 'glrnb: alpha is required when mu0 is given', 'glrnb：给定 mu0 时必须给出 alpha');
  } else {
    if (r.first < 2) throw tooShort('glrnb', r.first, 'the in-control model needs earlier periods');
    const est = estimateMu0(s.y, r.first, r.last, s.freq, model, alpha);
    mu0 = est.mu0;
    alpha = est.alpha;
  }
  const refit = (first: number): number[] => estimateMu0(s.y, first, r.last, s.freq, model!, alpha).mu0;
  const run = monitor(xAll, Float64Array.from(mu0), alpha, c, model, refit, r.first);
  const t = Array.from({ length: T }, (_, i) => r.first + i);
  return {
    t,
    upperbound: Array.from(run.stat, (v) => (Number.isNaN(v) || v < 0 ? 0 : v)),
    alarm: run.alarm,
    alpha,
  };
}
