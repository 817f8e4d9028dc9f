/**
 * Upper bounds of the Farrington methods from a prediction (R's algo.farrington.threshold.* of
 * surveillance 1.20.3). `score` is R's exceedance score; an alarm needs score > 1.
 */
import { qnbinom, qpois } from './distributions.js';

export type PowerTransform = '2/3' | '1/2' | 'none';

export interface Threshold {
  /** Upper bound U; NaN where R gives NA. */
  upper: number;
  /** (y − fit)/(U − fit); NaN where R gives NA. */
  score: number;
}

/**
 * Delta-method bound on the power-transformed scale: U = (μ̂^e + z·σ)^(1/e), with
 * τ = φ + SE(μ̂)²/μ̂. `fit` and `se` are on the response scale; `z` is the normal quantile used.
 */
export function deltaThreshold(fit: number, se: number, phi: number, powertrans: PowerTransform, z: number, y: number): Threshold {
  const mu0 = fit;
  const tau = phi + (se * se) / mu0;
  let sd: number;
  let e: number;
  if (powertrans === 'none') {
    sd = Math.sqrt(mu0 * tau);
    e = 1;
  } else if (powertrans === '1/2') {
    sd = Math.sqrt(0.25 * tau);
    e = 0.5;
  } else {
    sd = Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau);
    e = 2 / 3;
  }
  const center = Math.pow(mu0, e);
  const a = Math.pow(center - z * sd, 1 / e);
  const b = Math.pow(center + z * sd, 1 / e);
  // R sorts the pair with NA first and takes the second element.
  let upper: number;
  if (Number.isNaN(a)) upper = b;
  else if (Number.isNaN(b)) upper = a;
  else upper = Math.max(a, b);
  const score = Number.isNaN(upper) ? Number.NaN : (y - fit) / (upper - fit);
  return { upper, score };
}

/**
 * Noufaily's bounds: the (1−α) quantile of a negative binomial with mean m and variance φm
 * (Poisson when φ ≤ 1). nbPlugin: m = exp(η̂); muan: m = exp(η̂ + z·SE(η̂)). `eta`, `seEta` on the link
 * scale. The score is computed with η̂ itself, as R does.
 */
export function noufailyThreshold(method: 'nbPlugin' | 'muan', eta: number, seEta: number, phi: number, alpha: number, z: number, y: number): Threshold {
  const m = method === 'nbPlugin' ? Math.exp(eta) : Math.exp(eta + z * seEta);
  if (m === Number.POSITIVE_INFINITY || Number.isNaN(m)) return { upper: Number.NaN, score: Number.NaN };
  const upper = phi > 1 ? qnbinom(1 - alpha, m / (phi - 1), 1 / phi) : qpois(1 - alpha, m);
  const score = Number.isNaN(upper) ? Number.NaN : (y - eta) / (upper - eta);
  return { upper, score };
}
