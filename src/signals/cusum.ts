/**
 * CUSUM as R's algo.cusum (surveillance 1.20.3): standardised counts x_t, S_t = max(0, S_{t−1} + x_t − k),
 * alarm when S_t ≥ h, no reset after an alarm. The in-control mean m is the mean of the periods before
 * the range, a Poisson GLM with one harmonic fitted to them (m = "glm"), or given.
 * upperbound is the count that would just reach h (0 when NA or negative, as R).
 */
import { z } from 'zod';
import { parseControl } from './controls.js';
import { SignalsError, tooShort } from './errors.js';
import { POISSON } from './glm.js';
import { fitHarmonic, predictHarmonic } from './harmonic-glm.js';
import { naToNull, prepareSeries, resolveRange, type CountSeries, type IndexRange, type SignalResult } from './series.js';
import { mean } from './stats.js';

const transforms = ['standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'anscombeNegBin', 'none'] as const;

export const cusumControlSchema = z.object({
  k: z.number().default(1.04),
  h: z.number().default(2.26),
  /** null/absent: mean of the periods before the range; "glm": harmonic Poisson GLM; or given means. */
  m: z.union([z.literal('glm'), z.number().positive(), z.array(z.number().positive())]).optional(),
  trans: z.enum(transforms).default('standard'),
  /** Overdispersion of the negative binomial transforms. */
  alpha: z.number().min(0).default(0.1),
});
export type CusumControl = z.output<typeof cusumControlSchema>;

/**
 * Validates a cusum control and fills R's defaults.
 * @throws SignalsError invalid_control, unsupported_option (anscombeNegBin)
 */
export function cusumControl(input: unknown): CusumControl {
  const c = parseControl('cusum', cusumControlSchema, input);
  if (c.trans === 'anscombeNegBin') {
    // R evaluates it from a tabulated hypergeometric function shipped inside the package.
    throw new SignalsError(
      'unsupported_option',
      'cusum: trans "anscombeNegBin" is not supported; use "pearsonNegBin"',
      'cusum：不支持 trans = "anscombeNegBin"，请使用 "pearsonNegBin"',
      { trans: c.trans },
    );
  }
  return c;
}

function inControlMeans(y: Float64Array, startPeriod: number, freq: number, first: number, last: number, c: CusumControl): number[] {
  const len = last - first + 1;
  if (typeof c.m === 'number') return new Array<number>(len).fill(c.m);
  if (Array.isArray(c.m)) {
    if (c.m.length !== len) {
      throw new SignalsError('invalid_control', `cusum: m has ${c.m.length} values for ${len} periods`, `cusum：m 的个数（${c.m.length}）与评估期数（${len}）不一致`);
    }
    return c.m;
  }
  if (first < 2) throw tooShort('cusum', first, 'the in-control mean needs earlier periods');
  if (c.m === undefined) return new Array<number>(len).fill(mean(y, 0, first - 1));
  const train = y.subarray(0, first - 1);
  const times = Array.from(train, (_, i) => startPeriod + i);
  const { model } = fitHarmonic('cusum', train, times, { trend: false, harmonics: 1, period: freq, family: POISSON });
  const newTimes = Array.from({ length: len }, (_, i) => startPeriod + first + i - 1);
  return predictHarmonic(model, newTimes);
}

function standardise(x: number, m: number, trans: CusumControl['trans'], alpha: number): number {
  switch (trans) {
    case 'rossi':
      return (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m));
    case 'standard':
      return (x - m) / Math.sqrt(m);
    case 'anscombe':
      return (1.5 * (Math.pow(x, 2 / 3) - Math.pow(m, 2 / 3))) / Math.pow(m, 1 / 6);
    case 'anscombe2nd':
      return (Math.pow(x, 2 / 3) - (Math.pow(m, 2 / 3) - Math.pow(m, -1 / 3) / 9)) / ((2 / 3) * Math.pow(m, 1 / 6));
    case 'pearsonNegBin':
      return (x - m) / Math.sqrt(m + alpha * m * m);
    case 'none':
    case 'anscombeNegBin':
      return x;
  }
}

/** The count that would make S reach h, given S_{t−1} (R's upperbound formulas). */
function boundary(m: number, sPrev: number, sNow: number, c: CusumControl): number {
  const { h, k, alpha } = c;
  const r = h + k - sPrev;
  switch (c.trans) {
    case 'rossi': {
      const m32 = Math.pow(m, 1.5);
      const sq = Math.sqrt(m);
      return 2 * h * sq + 2 * k * sq - 2 * sPrev * sq + 5 * m - 2 * Math.sqrt(4 * m * m + 2 * m32 * h + 2 * m32 * k - 2 * m32 * sPrev);
    }
    case 'standard':
      return Math.ceil(Math.sqrt(m) * r + m);
    case 'anscombe': {
      const base = (2 / 3) * Math.pow(m, 1 / 6) * r + Math.pow(m, 2 / 3);
      return base < 0 ? 0 : Math.pow(base, 1.5);
    }
    case 'anscombe2nd': {
      const base = (2 / 3) * Math.pow(m, 1 / 6) * r + (Math.pow(m, 2 / 3) - Math.pow(m, 1 / 3) / 9);
      return base < 0 ? 0 : Math.pow(base, 1.5);
    }
    case 'pearsonNegBin':
      return Math.sqrt(m + alpha * m * m) * r + m;
    case 'none':
    case 'anscombeNegBin':
      return h - sNow;
  }
}

/**
 * Runs cusum on one series over `range` (R requires one; the default here is 2..n). A missing count
 * makes S and every later alarm null (R's NA).
 * @throws SignalsError invalid_count, invalid_series, invalid_control, unsupported_option, series_too_short
 */
export function cusum(series: CountSeries, control: unknown = {}, range?: IndexRange): SignalResult {
  const s = prepareSeries(series);
  const c = cusumControl(control);
  const r = resolveRange(s, range, 2);
  const m = inControlMeans(s.y, s.startPeriod, s.freq, r.first, r.last, c);
  const out: SignalResult = { t: [], upperbound: [], alarm: [] };
  let S = 0;
  for (let t = r.first; t <= r.last; t++) {
    const mt = m[t - r.first]!;
    const prev = S;
    const x = standardise(s.y[t - 1]!, mt, c.trans, c.alpha);
    const next = prev + (x - c.k);
    S = Number.isNaN(next) ? next : Math.max(0, next);
    const ub = boundary(mt, prev, S, c);
    out.t.push(t);
    out.upperbound.push(Number.isNaN(ub) || ub < 0 ? 0 : naToNull(ub));
    out.alarm.push(Number.isNaN(S) ? null : S >= c.h);
  }
  return out;
}
