/**
 * Log-link GLM fitted by iteratively reweighted least squares, following R's glm.fit step for step
 * (start μ = y + 0.1, or y + 1/6 at zeros for the negative binomial; deviance-based stopping rule;
 * step halving on invalid fits) so that fitted values, working weights and the unscaled covariance
 * match R's. Buffers live in a workspace so that the hot loop of a detector allocates nothing.
 *
 * Family: Poisson (also quasi-Poisson: same fit, the dispersion is estimated by the caller) or
 * negative binomial with known θ (variance μ + μ²/θ).
 */
import { cholesky, choleskyInverse, choleskySolve } from './linalg.js';

const DBL_EPSILON = 2.220446049250313e-16;

export type GlmFamily = { readonly kind: 'poisson' } | { readonly kind: 'negbin'; readonly theta: number };
export const POISSON: GlmFamily = { kind: 'poisson' };

/** Inputs and outputs of one fit. Fill x (row-major n×p), y and optionally prior weights/offset. */
export class GlmWorkspace {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly prior: Float64Array;
  readonly offset: Float64Array;
  /** Starting linear predictor, used when `fit(..., {etaStart: true})`. */
  readonly etaStart: Float64Array;
  n = 0;
  p = 0;
  // outputs
  readonly coef: Float64Array;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  /** Working weights of the last iteration's start (R's `weights` of a glm object). */
  readonly wWork: Float64Array;
  /** (X'WX)⁻¹ with W = wWork (R's covmat.unscaled), row-major p×p. */
  readonly covUnscaled: Float64Array;
  converged = false;
  /** The fit broke down (rank-deficient design, no valid step): outputs are meaningless. */
  failed = false;
  iterations = 0;
  deviance = 0;
  /** Observations with a positive prior weight minus p (R's df.residual). */
  dfResidual = 0;
  /** Scratch of fitGlm (working response, normal equations, previous coefficients). */
  readonly z: Float64Array;
  readonly xtwx: Float64Array;
  readonly xtwz: Float64Array;
  readonly coefOld: Float64Array;

  constructor(
    readonly maxN: number,
    readonly maxP: number,
  ) {
    this.x = new Float64Array(maxN * maxP);
    this.y = new Float64Array(maxN);
    this.prior = new Float64Array(maxN);
    this.offset = new Float64Array(maxN);
    this.etaStart = new Float64Array(maxN);
    this.coef = new Float64Array(maxP);
    this.eta = new Float64Array(maxN);
    this.mu = new Float64Array(maxN);
    this.wWork = new Float64Array(maxN);
    this.covUnscaled = new Float64Array(maxP * maxP);
    this.z = new Float64Array(maxN);
    this.xtwx = new Float64Array(maxP * maxP);
    this.xtwz = new Float64Array(maxP);
    this.coefOld = new Float64Array(maxP);
  }

  /** Sets the problem size; prior weights become 1 and the offset 0 unless filled afterwards. */
  reset(n: number, p: number): void {
    if (n > this.maxN || p > this.maxP) throw new RangeError(`GLM workspace too small for ${n}×${p}`);
    this.n = n;
    this.p = p;
    this.prior.fill(1, 0, n);
    this.offset.fill(0, 0, n);
  }
}

export interface GlmOptions {
  readonly maxit?: number;
  readonly epsilon?: number;
  /** Start from ws.etaStart instead of the family's starting values. */
  readonly etaStart?: boolean;
}

function linkinv(eta: number): number {
  const m = Math.exp(eta);
  return m > DBL_EPSILON ? m : DBL_EPSILON;
}

function devResid(family: GlmFamily, y: number, mu: number, wt: number): number {
  if (family.kind === 'poisson') return y > 0 ? 2 * wt * (y * Math.log(y / mu) - (y - mu)) : 2 * wt * mu;
  const th = family.theta;
  return 2 * wt * (y * Math.log(Math.max(1, y) / mu) - (y + th) * Math.log((y + th) / (mu + th)));
}

function variance(family: GlmFamily, mu: number): number {
  return family.kind === 'poisson' ? mu : mu + (mu * mu) / family.theta;
}

function validMu(family: GlmFamily, mu: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const m = mu[i]!;
    if (family.kind === 'poisson' ? !(Number.isFinite(m) && m > 0) : !(m > 0)) return false;
  }
  return true;
}

/** η = Xβ + offset, μ = linkinv(η); returns the deviance. */
function updateFit(ws: GlmWorkspace, family: GlmFamily, beta: Float64Array): number {
  const { n, p, x, offset, eta, mu, y, prior } = ws;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    let e = offset[i]!;
    const row = i * p;
    for (let j = 0; j < p; j++) e += x[row + j]! * beta[j]!;
    eta[i] = e;
    const m = linkinv(e);
    mu[i] = m;
    dev += devResid(family, y[i]!, m, prior[i]!);
  }
  return dev;
}

/** Starting values: μ from the family's rule (or η from ws.etaStart); returns the starting deviance. */
function initialise(ws: GlmWorkspace, family: GlmFamily, fromEta: boolean): number {
  const { n, y, eta, mu, prior } = ws;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    if (fromEta) {
      eta[i] = ws.etaStart[i]!;
    } else {
      const yi = y[i]!;
      eta[i] = Math.log(family.kind === 'poisson' ? yi + 0.1 : yi + (yi === 0 ? 1 / 6 : 0));
    }
    mu[i] = linkinv(eta[i]!);
    dev += devResid(family, y[i]!, mu[i]!, prior[i]!);
  }
  return dev;
}

/** Working weights and response at the current fit, and the normal equations X'WX β = X'Wz. */
function normalEquations(ws: GlmWorkspace, family: GlmFamily): void {
  const { n, p, x, y, prior, offset, eta, mu, z, wWork, xtwx, xtwz } = ws;
  xtwx.fill(0, 0, p * p);
  xtwz.fill(0, 0, p);
  for (let i = 0; i < n; i++) {
    if (!(prior[i]! > 0)) {
      wWork[i] = 0;
      continue;
    }
    const m = mu[i]!;
    const muEta = linkinv(eta[i]!);
    z[i] = eta[i]! - offset[i]! + (y[i]! - m) / muEta;
    const w2 = (prior[i]! * muEta * muEta) / variance(family, m);
    wWork[i] = w2;
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[row + a]! * w2;
      xtwz[a]! += xa * z[i]!;
      for (let b = 0; b <= a; b++) xtwx[a * p + b]! += xa * x[row + b]!;
    }
  }
}

/**
 * Fits the GLM in `ws`. Sets coef, eta, mu, wWork, covUnscaled, deviance, converged, dfResidual.
 * Returns false (converged = false) when the fit diverged or the design is rank deficient; it never
 * throws on data.
 */
export function fitGlm(ws: GlmWorkspace, family: GlmFamily, options: GlmOptions = {}): boolean {
  const maxit = options.maxit ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const { n, p, prior, mu, xtwx, xtwz, coef, coefOld } = ws;
  ws.converged = false;
  ws.failed = true;
  ws.iterations = 0;
  let nOk = 0;
  for (let i = 0; i < n; i++) if (prior[i]! > 0) nOk++;
  ws.dfResidual = nOk - p;
  let devold = initialise(ws, family, options.etaStart === true);
  let haveOld = false;
  for (let iter = 1; iter <= maxit; iter++) {
    ws.iterations = iter;
    normalEquations(ws, family);
    if (!cholesky(xtwx, p)) return false;
    choleskySolve(xtwx, p, xtwz, coef);
    let dev = updateFit(ws, family, coef);
    if (!Number.isFinite(dev) || !validMu(family, mu, n)) {
      if (!haveOld) return false;
      // R's step halving towards the previous coefficients.
      let ii = 1;
      while (!Number.isFinite(dev) || !validMu(family, mu, n)) {
        if (ii > maxit) return false;
        ii++;
        for (let j = 0; j < p; j++) coef[j] = (coef[j]! + coefOld[j]!) / 2;
        dev = updateFit(ws, family, coef);
      }
    }
    ws.deviance = dev;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      ws.converged = true;
      break;
    }
    devold = dev;
    coefOld.set(coef.subarray(0, p));
    haveOld = true;
  }
  choleskyInverse(xtwx, p, ws.covUnscaled);
  ws.failed = false;
  return ws.converged;
}

/** x'(X'WX)⁻¹x for a row vector x of length p. */
export function quadForm(ws: GlmWorkspace, xrow: ArrayLike<number>): number {
  const { p, covUnscaled } = ws;
  let s = 0;
  for (let a = 0; a < p; a++) {
    let t = 0;
    for (let b = 0; b < p; b++) t += covUnscaled[a * p + b]! * xrow[b]!;
    s += xrow[a]! * t;
  }
  return s;
}

/** Hat value of observation i: w_i x_i'(X'WX)⁻¹x_i with the working weights. */
export function hatValue(ws: GlmWorkspace, i: number): number {
  const { p, covUnscaled, x } = ws;
  const row = i * p;
  let s = 0;
  for (let a = 0; a < p; a++) {
    let t = 0;
    for (let b = 0; b < p; b++) t += covUnscaled[a * p + b]! * x[row + b]!;
    s += x[row + a]! * t;
  }
  const h = ws.wWork[i]! * s;
  // lm.influence rounds hat values within 10ε of 1 up to 1.
  return h > 1 - 10 * DBL_EPSILON ? 1 : h;
}

/**
 * R's summary.glm dispersion Σ w_i r_i² / df over w_i > 0, with r = (y − μ)/μ the working residual
 * at the final fit and w the given weights (working weights, or prior weights after Farrington's
 * overwrite). NaN when df ≤ 0.
 */
export function pearsonDispersion(ws: GlmWorkspace, weights: Float64Array): number {
  const { n, y, eta, mu } = ws;
  if (ws.dfResidual <= 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const r = (y[i]! - mu[i]!) / linkinv(eta[i]!);
    s += w * r * r;
  }
  return s / ws.dfResidual;
}
