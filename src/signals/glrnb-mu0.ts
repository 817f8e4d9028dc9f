/**
 * In-control means of glrnb when mu0 is not given (R's estimateGLRNbHook): y ~ 1 [+ t] + S harmonics
 * on periods 1 .. first−1 (t = index), Poisson when α = 0, negative binomial with θ = 1/α when α > 0,
 * and MASS::glm.nb (θ estimated, α = 1/θ) when α is not given.
 */
import { GlmWorkspace, POISSON } from './glm.js';
import { nbLogLik, thetaMl } from './glm-nb.js';
import { fitHarmonic, predictHarmonic, type HarmonicModel } from './harmonic-glm.js';

export interface Mu0Model {
  readonly S: number;
  readonly trend: boolean;
}

/** glm.nb alternation on the harmonic design (MASS's order of updates). */
function fitGlmNb(train: Float64Array, times: number[], m: Mu0Model, freq: number): { model: HarmonicModel; alpha: number } {
  const base = { trend: m.trend, harmonics: m.S, period: freq };
  const first = fitHarmonic('glrnb', train, times, { ...base, family: POISSON });
  const ws: GlmWorkspace = first.ws;
  let model = first.model;
  const n = ws.n;
  const y = Float64Array.from(ws.y.subarray(0, n));
  let mu = Float64Array.from(ws.mu.subarray(0, n));
  let th = thetaMl(y, mu, n);
  const d1 = Math.sqrt(2 * Math.max(1, ws.dfResidual));
  const d2 = 1;
  let del = 1;
  let Lm = nbLogLik(y, mu, n, th);
  let Lm0 = Lm + 2 * d1;
  let iter = 0;
  const etaStart = new Float64Array(n);
  while (++iter <= 25 && Math.abs(Lm0 - Lm) / d1 + Math.abs(del) / d2 > 1e-8) {
    for (let i = 0; i < n; i++) etaStart[i] = Math.log(mu[i]!);
    const fit = fitHarmonic('glrnb', train, times, { ...base, family: { kind: 'negbin', theta: th }, ws, etaStart });
    model = fit.model;
    const t0 = th;
    th = thetaMl(y, mu, n);
    mu = Float64Array.from(ws.mu.subarray(0, n));
    del = t0 - th;
    Lm0 = Lm;
    Lm = nbLogLik(y, mu, n, th);
  }
  return { model, alpha: 1 / th };
}

/**
 * Fits the in-control model on periods 1 .. first−1 and predicts μ₀ for `first .. last`.
 * @throws SignalsError series_too_short when the training periods cannot support the model
 */
export function estimateMu0(y: Float64Array, first: number, last: number, freq: number, m: Mu0Model, alpha: number | undefined): { mu0: number[]; alpha: number } {
  const train = y.subarray(0, first - 1);
  const times = Array.from(train, (_, i) => i + 1);
  const target = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const base = { trend: m.trend, harmonics: m.S, period: freq };
  if (alpha === undefined) {
    const nb = fitGlmNb(train, times, m, freq);
    return { mu0: predictHarmonic(nb.model, target), alpha: nb.alpha };
  }
  const family = alpha === 0 ? POISSON : ({ kind: 'negbin', theta: 1 / alpha } as const);
  const { model } = fitHarmonic('glrnb', train, times, { ...base, family });
  return { mu0: predictHarmonic(model, target), alpha };
}
