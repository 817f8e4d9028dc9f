/**
 * The quasi-Poisson model of the Farrington methods: intercept, optional time trend, optional seasonal
 * factor and population offset; initial fit, Anscombe-residual reweighting, refit. Both R variants are
 * covered: algo.farrington (`weightsQuirk` false) and farringtonFlexible, which overwrites the model's
 * working weights with the prior weights so that later summaries use Σω(y−μ)²/μ²/(n−p) as dispersion.
 */
import { fitGlm, GlmWorkspace, hatValue, pearsonDispersion, POISSON, quadForm } from './glm.js';
import { tTestPValue } from './distributions.js';

/** One baseline, ready to fit. wtime is centred on the prediction time, so the prediction row is x = (1, 0, …). */
export interface BaselineData {
  n: number;
  readonly y: Float64Array;
  readonly wtime: Float64Array;
  /** Seasonal label per observation (0 when there is no seasonal factor). */
  readonly group: Int32Array;
  /** Labels present in the baseline before missing counts were dropped (R's factor levels), ascending. */
  levels: number[];
  /** Label of the prediction period (noPeriods). */
  predLevel: number;
  /** log(population) per observation, or null for no offset. */
  offset: Float64Array | null;
  predOffset: number;
}

export interface FitOptions {
  readonly reweight: boolean;
  readonly weightsThreshold: number;
  readonly weightsQuirk: boolean;
  /** Return null when neither the trend nor the no-trend fit converges (false: go on, as R's fitGLM.fast). */
  readonly requireConvergence: boolean;
}

export interface FitOutcome {
  /** The fitted model has the time trend. */
  trend: boolean;
  /** max(1, Pearson dispersion) of the final fit. */
  phi: number;
  /** Dispersion R uses in summary()/predict() of that model (see weightsQuirk). */
  disp: number;
}

const MAX_EXTRA_COLUMNS = 64;

/** Fits Farrington models on a reusable workspace. */
export class FarringtonFitter {
  readonly ws: GlmWorkspace;
  private readonly omega: Float64Array;
  /** Prediction row of the current design. */
  readonly xPred: Float64Array;
  private trendColumn = -1;

  constructor(maxN: number) {
    this.ws = new GlmWorkspace(maxN, 2 + MAX_EXTRA_COLUMNS);
    this.omega = new Float64Array(maxN);
    this.xPred = new Float64Array(2 + MAX_EXTRA_COLUMNS);
  }

  /** Builds the design matrix for `d` with or without the trend column. */
  private design(d: BaselineData, trend: boolean): void {
    const groupCols: number[] = [];
    // Treatment contrasts: the lowest level present is the reference; levels without data are aliased.
    for (let l = 1; l < d.levels.length; l++) {
      const level = d.levels[l]!;
      let any = false;
      for (let i = 0; i < d.n && !any; i++) any = d.group[i] === level;
      if (any) groupCols.push(level);
    }
    const p = 1 + (trend ? 1 : 0) + groupCols.length;
    const ws = this.ws;
    ws.reset(d.n, p);
    const { x, y, offset } = ws;
    for (let i = 0; i < d.n; i++) {
      const row = i * p;
      x[row] = 1;
      let c = 1;
      if (trend) x[row + c++] = d.wtime[i]!;
      for (const level of groupCols) x[row + c++] = d.group[i] === level ? 1 : 0;
      y[i] = d.y[i]!;
      offset[i] = d.offset ? d.offset[i]! : 0;
    }
    this.xPred.fill(0, 0, p);
    this.xPred[0] = 1;
    let c = 1;
    this.trendColumn = trend ? c++ : -1;
    for (const level of groupCols) this.xPred[c++] = level === d.predLevel ? 1 : 0;
  }

  /**
   * R's fitGLM: fit (falling back to no trend if the trend fit does not converge), then reweight.
   * Returns null when no model converges.
   */
  fit(d: BaselineData, timeTrend: boolean, opt: FitOptions): FitOutcome | null {
    const ws = this.ws;
    let trend = timeTrend;
    this.design(d, trend);
    fitGlm(ws, POISSON);
    if (!ws.converged) {
      if (!trend) return opt.requireConvergence || ws.failed ? null : this.reweighted(trend, opt);
      trend = false;
      this.design(d, false);
      fitGlm(ws, POISSON);
      if (ws.failed || (!ws.converged && opt.requireConvergence)) return null;
    }
    return this.reweighted(trend, opt);
  }

  /** Dispersion of the fit in the workspace, then the reweighting step if requested. */
  private reweighted(trend: boolean, opt: FitOptions): FitOutcome | null {
    const ws = this.ws;
    let phi = Math.max(pearsonDispersion(ws, ws.wWork), 1);
    if (!opt.reweight) return { trend, phi, disp: pearsonDispersion(ws, ws.wWork) };
    this.anscombeWeights(phi, opt.weightsThreshold);
    ws.prior.set(this.omega.subarray(0, ws.n));
    // R does not check convergence of the reweighted fit.
    fitGlm(ws, POISSON);
    if (ws.failed) return null;
    phi = Math.max(pearsonDispersion(ws, ws.wWork), 1);
    const disp = opt.weightsQuirk ? pearsonDispersion(ws, this.omega) : pearsonDispersion(ws, ws.wWork);
    return { trend, phi, disp };
  }

  /** ω from standardised Anscombe residuals: γ·s⁻² above the threshold, γ below, Σω = n. */
  private anscombeWeights(phi: number, threshold: number): void {
    const { ws, omega } = this;
    const n = ws.n;
    let denom = 0;
    for (let i = 0; i < n; i++) {
      const mu = ws.mu[i]!;
      const yi = ws.y[i]!;
      const raw = 1.5 * (Math.pow(yi, 2 / 3) * Math.pow(mu, -1 / 6) - Math.sqrt(mu));
      const s = raw / Math.sqrt(phi * (1 - hatValue(ws, i)));
      omega[i] = s;
      denom += s > threshold ? 1 / (s * s) : 1;
    }
    const gamma = n / denom;
    for (let i = 0; i < n; i++) {
      const s = omega[i]!;
      omega[i] = s > threshold ? gamma / (s * s) : gamma;
    }
  }

  /** Linear predictor at the prediction time. */
  predictEta(d: BaselineData): number {
    const { ws, xPred } = this;
    let eta = d.predOffset;
    for (let j = 0; j < ws.p; j++) eta += ws.coef[j]! * xPred[j]!;
    return eta;
  }

  /** Standard error of the linear predictor with dispersion `disp`. */
  seEta(disp: number): number {
    return Math.sqrt(disp * quadForm(this.ws, this.xPred));
  }

  /** Two-sided t-test p-value of the trend coefficient with dispersion `disp`; NaN without trend. */
  trendPValue(disp: number): number {
    const j = this.trendColumn;
    if (j < 0) return Number.NaN;
    const ws = this.ws;
    const se = Math.sqrt(disp * ws.covUnscaled[j * ws.p + j]!);
    return tTestPValue(ws.coef[j]! / se, ws.dfResidual);
  }

  /** Coefficient of the trend, or NaN. */
  trendCoefficient(): number {
    return this.trendColumn < 0 ? Number.NaN : this.ws.coef[this.trendColumn]!;
  }
}
