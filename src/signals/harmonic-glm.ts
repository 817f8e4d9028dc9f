/**
 * In-control means from a log-linear GLM with S harmonics (and optionally a linear trend) fitted to
 * the periods before the evaluated range, as R's cusum (m = "glm") and glrnb (mu0 = NULL) do.
 */
import { fitGlm, GlmWorkspace, type GlmFamily } from './glm.js';
import { tooShort } from './errors.js';

export interface HarmonicModel {
  /** Fitted coefficients: intercept, [trend], cos/sin pairs. */
  readonly coef: Float64Array;
  readonly trend: boolean;
  readonly harmonics: number;
  readonly period: number;
}

/** Design row at time value t: 1, [t], cos(2·s·π/p·t), sin(2·s·π/p·t) for s = 1..S (R's formula order). */
export function harmonicRow(t: number, trend: boolean, harmonics: number, period: number, out: Float64Array): number {
  let c = 0;
  out[c++] = 1;
  if (trend) out[c++] = t;
  for (let s = 1; s <= harmonics; s++) {
    out[c++] = Math.cos(((2 * s * Math.PI) / period) * t);
    out[c++] = Math.sin(((2 * s * Math.PI) / period) * t);
  }
  return c;
}

/**
 * Fits the model on observations `y[i]` at time values `times[i]`, skipping missing counts (R's
 * na.omit). Returns the workspace too, for callers that need fitted values (glm.nb).
 * @throws SignalsError series_too_short when there are fewer observations than coefficients
 */
export function fitHarmonic(
  algorithm: string,
  y: ArrayLike<number>,
  times: ArrayLike<number>,
  opts: { trend: boolean; harmonics: number; period: number; family: GlmFamily; ws?: GlmWorkspace; etaStart?: Float64Array },
): { model: HarmonicModel; ws: GlmWorkspace } {
  const p = 1 + (opts.trend ? 1 : 0) + 2 * opts.harmonics;
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!)) rows.push(i);
  if (rows.length <= p) throw tooShort(algorithm, y.length + 1, `the in-control model needs more than ${p} observed periods before the range`);
  const ws = opts.ws ?? new GlmWorkspace(rows.length, p);
  ws.reset(rows.length, p);
  const row = new Float64Array(p);
  rows.forEach((i, j) => {
    harmonicRow(times[i]!, opts.trend, opts.harmonics, opts.period, row);
    ws.x.set(row, j * p);
    ws.y[j] = y[i]!;
    if (opts.etaStart) ws.etaStart[j] = opts.etaStart[j]!;
  });
  fitGlm(ws, opts.family, { etaStart: opts.etaStart !== undefined });
  if (ws.failed) throw tooShort(algorithm, y.length + 1, 'the in-control model could not be fitted');
  const model = { coef: Float64Array.from(ws.coef.subarray(0, p)), trend: opts.trend, harmonics: opts.harmonics, period: opts.period };
  return { model, ws };
}

/** Predicted means exp(x'β) at the given time values. */
export function predictHarmonic(model: HarmonicModel, times: readonly number[]): number[] {
  const row = new Float64Array(model.coef.length);
  return times.map((t) => {
    harmonicRow(t, model.trend, model.harmonics, model.period, row);
    let eta = 0;
    for (let j = 0; j < model.coef.length; j++) eta += row[j]! * model.coef[j]!;
    return Math.max(Math.exp(eta), Number.EPSILON);
  });
}
