/**
 * EARS C1, C2 and C3 as R's earsC (surveillance 1.20.3).
 *
 * C1: U = mean + z·max(sd, minSigma) of the B periods before t. C2: the same with a 2-period guard
 * band (t−B−2 .. t−3). z = Φ⁻¹(1−α) (one-sided). C3 as implemented by R, not the CDC textbook:
 * L(t) = Σ_{i=1,2} max(0, C2(t−i) − 1), U = max(0, y_t + max(sd₂(t), minSigma)·(z − L(t))), so
 * an alarm (y_t > U) means L(t) > z and y_t > 0. A missing count in a window gives NA (null).
 */
import { z } from 'zod';
import { parseControl, probability } from './controls.js';
import { qnorm } from './distributions.js';
import { tooShort } from './errors.js';
import { naToNull, prepareSeries, resolveRange, type CountSeries, type IndexRange, type SignalResult } from './series.js';
import { mean, sd } from './stats.js';

export const earsControlSchema = z.object({
  method: z.enum(['C1', 'C2', 'C3']).default('C1'),
  baseline: z.number().int().min(3).default(7),
  minSigma: z.number().min(0).default(0),
  /** Default 0.001 for C1/C2, 0.025 for C3. */
  alpha: probability.optional(),
});
export type EarsControl = Omit<z.output<typeof earsControlSchema>, 'alpha'> & { alpha: number };

/**
 * Validates an earsC control and fills R's defaults.
 * @throws SignalsError invalid_control
 */
export function earsControl(input: unknown): EarsControl {
  const c = parseControl('earsC', earsControlSchema, input);
  return { ...c, alpha: c.alpha ?? (c.method === 'C3' ? 0.025 : 0.001) };
}

/** C2 statistic at 1-based index u: (y_u − m₂)/max(s₂, minSigma), baseline u−B−2 .. u−3. */
function c2(y: Float64Array, u: number, B: number, minSigma: number): number {
  const from = u - B - 3;
  return (y[u - 1]! - mean(y, from, from + B)) / Math.max(sd(y, from, from + B), minSigma);
}

/** R's pmax(0, x) keeps NaN. */
function pmax0(x: number): number {
  return Number.isNaN(x) ? x : Math.max(0, x);
}

/**
 * Runs earsC on one series over `range` (default: B+1, B+3 or B+5 .. n for C1, C2, C3).
 * @throws SignalsError invalid_count, invalid_series, invalid_control, series_too_short
 */
export function earsC(series: CountSeries, control: unknown = {}, range?: IndexRange): SignalResult {
  const s = prepareSeries(series);
  const c = earsControl(control);
  const B = c.baseline;
  const maxLag = c.method === 'C1' ? B : c.method === 'C2' ? B + 2 : B + 4;
  const r = resolveRange(s, range, maxLag + 1);
  if (r.first - maxLag < 1) throw tooShort(`earsC ${c.method}`, r.first, `${maxLag} earlier periods are needed`);
  const zAlpha = qnorm(1 - c.alpha);
  const y = s.y;
  const out: SignalResult = { t: [], upperbound: [], alarm: [] };
  for (let t = r.first; t <= r.last; t++) {
    let upper: number;
    if (c.method === 'C3') {
      const lagSum = pmax0(c2(y, t - 2, B, c.minSigma) - 1) + pmax0(c2(y, t - 1, B, c.minSigma) - 1);
      const from = t - B - 3;
      const scale = Math.max(sd(y, from, from + B), c.minSigma);
      upper = pmax0(y[t - 1]! + scale * (zAlpha - lagSum));
    } else {
      const from = c.method === 'C1' ? t - B - 1 : t - B - 3;
      upper = mean(y, from, from + B) + zAlpha * Math.max(sd(y, from, from + B), c.minSigma);
    }
    const yt = y[t - 1]!;
    out.t.push(t);
    out.upperbound.push(naToNull(upper));
    out.alarm.push(Number.isNaN(upper) || Number.isNaN(yt) ? null : yt > upper);
  }
  return out;
}
