/**
 * The sequential charts behind R's glrnb (surveillance 1.20.3, C code in src/surveillance.c), one run
 * from the first point until the first alarm. Indices are 0-based here. Each returns the 1-based
 * position N of the first alarm (length + 1 when none) and the statistic per point (0 after N).
 */

export interface ChartRun {
  /** 1-based index of the first alarm, or x.length + 1. */
  N: number;
  val: Float64Array;
  /** Counts needed for an alarm (ret = "cases"), when the chart computes them. */
  cases: Float64Array | null;
}

/** max over k of the Poisson GLR for a change in intercept, k from n back to `low` (window: n−Mtilde). */
function poissonGlr(n: number, x: Int32Array, mu0: Float64Array, dir: number, low: number, upFirst: number): number {
  let maxGLR = -1e99;
  let sumx = 0;
  let summu0 = 0;
  for (let l = upFirst + 1; l <= n; l++) {
    sumx += x[l]!;
    summu0 += mu0[l]!;
  }
  for (let k = upFirst; k >= low; k--) {
    sumx += x[k]!;
    summu0 += mu0[k]!;
    const kappa = dir * Math.max(0, dir * Math.log(sumx / summu0));
    const sum = kappa * sumx + (1 - Math.exp(kappa)) * summu0;
    if (sum > maxGLR) maxGLR = sum;
  }
  return maxGLR;
}

/** Smallest count at n (from 0 up) that makes the statistic reach cARL (R's ret = "cases" search). */
function casesNeeded(n: number, x: Int32Array, stat: () => number, cARL: number, dir: number): number {
  const old = x[n]!;
  let xnew = -1;
  let g = cARL - dir;
  while (dir * g < cARL * dir) {
    xnew += 1;
    x[n] = xnew;
    g = stat();
  }
  x[n] = old;
  return xnew;
}

/**
 * Poisson GLR intercept chart: C's glr_cusum (M ≤ 0) or glr_cusum_window (M > 0, which evaluates
 * windows k = n−Mtilde .. max(0, n−M)).
 */
export function poissonGlrChart(x: Int32Array, mu0: Float64Array, o: { Mtilde: number; M: number; cARL: number; dir: number; cases: boolean }): ChartRun {
  const lx = x.length;
  const val = new Float64Array(lx);
  const cases = o.cases ? new Float64Array(lx) : null;
  const windowed = o.M > 0;
  let n = windowed ? o.Mtilde : Math.max(0, o.Mtilde - 1);
  const stat = (): number => (windowed ? poissonGlr(n, x, mu0, o.dir, Math.max(0, n - o.M), n - o.Mtilde) : poissonGlr(n, x, mu0, o.dir, 0, n));
  while (n < lx) {
    val[n] = stat();
    if (cases) cases[n] = casesNeeded(n, x, stat, o.cARL, o.dir);
    if (val[n]! >= o.cARL) return { N: n + 1, val, cases };
    n++;
  }
  return { N: lx + 1, val, cases };
}

/** Poisson CUSUM for a known change κ (C's lr_cusum): alarm when the statistic exceeds cARL. */
export function poissonLrChart(x: Int32Array, mu0: Float64Array, kappa: number, cARL: number, withCases: boolean): ChartRun {
  const lx = x.length;
  const val = new Float64Array(lx);
  const cases = withCases ? new Float64Array(lx) : null;
  for (let n = 0; n < lx; n++) {
    const zn = kappa * x[n]! + (1 - Math.exp(kappa)) * mu0[n]!;
    const prev = n === 0 ? 0 : val[n - 1]!;
    val[n] = Math.max(0, prev + zn);
    if (cases) cases[n] = (cARL - prev + mu0[n]! * (Math.exp(kappa) - 1)) / kappa;
    if (val[n]! > cARL) return { N: n + 1, val, cases };
  }
  return { N: lx + 1, val, cases };
}

/** Negative binomial CUSUM for a known change κ (C's lr_cusum_nb). */
export function nbLrChart(x: Int32Array, mu0: Float64Array, alpha: number, kappa: number, cARL: number, withCases: boolean): ChartRun {
  const lx = x.length;
  const val = new Float64Array(lx);
  const cases = withCases ? new Float64Array(lx) : null;
  for (let n = 0; n < lx; n++) {
    const lg = Math.log((1 + alpha * mu0[n]!) / (1 + alpha * mu0[n]! * Math.exp(kappa)));
    const zn = kappa * x[n]! + (x[n]! + 1 / alpha) * lg;
    const prev = n === 0 ? 0 : val[n - 1]!;
    val[n] = Math.max(0, prev + zn);
    if (cases) cases[n] = -(prev * alpha + lg - cARL * alpha) / alpha / (kappa + lg);
    if (val[n]! > cARL) return { N: n + 1, val, cases };
  }
  return { N: lx + 1, val, cases };
}

function nbScore(kappa: number, x: Int32Array, mu0: Float64Array, alpha: number, k: number, n: number): number {
  let sum = 0;
  const ek = Math.exp(kappa);
  for (let i = k; i <= n; i++) sum += (x[i]! - ek * mu0[i]!) / (1 + alpha * ek * mu0[i]!);
  return sum;
}

function nbFisher(kappa: number, x: Int32Array, mu0: Float64Array, alpha: number, k: number, n: number): number {
  let sum = 0;
  const ek = Math.exp(kappa);
  for (let i = k; i <= n; i++) {
    const d = 1 + alpha * ek * mu0[i]!;
    sum += (mu0[i]! * (alpha * x[i]! + 1)) / (d * d);
  }
  return ek * sum;
}

/** Newton iterations of the NB intercept score from `start`, as the C code (tolerance 1e-6, 1000 steps). */
function nbNewton(start: number, x: Int32Array, mu0: Float64Array, alpha: number, k: number, n: number): number {
  let kOld = 0.4;
  let kNew = start;
  let iter = 0;
  while (kNew > -18 && Math.abs(kNew - kOld) > 1e-6 && iter < 1000) {
    iter++;
    kOld = kNew;
    kNew = kOld + nbScore(kOld, x, mu0, alpha, k, n) / nbFisher(kOld, x, mu0, alpha, k, n);
  }
  return kNew;
}

/**
 * Negative binomial GLR charts: intercept (C's glr_nb_window) or epidemic (glr_nbgeneral_window, whose
 * Newton step reuses the intercept score, as in R). M = −1 means no window.
 */
export function nbGlrChart(x: Int32Array, mu0: Float64Array, alpha: number, o: { Mtilde: number; M: number; cARL: number; dir: number; epi: boolean; xm10: number }): ChartRun {
  const lx = x.length;
  const val = new Float64Array(lx);
  const xm1 = new Float64Array(lx);
  xm1[0] = o.xm10;
  for (let i = 1; i < lx; i++) xm1[i] = x[i - 1]!;
  for (let n = Math.max(o.Mtilde - 1, 0); n < lx; n++) {
    let maxGLR = -1e99;
    let kappaMl = 0.5;
    const low = o.M === -1 ? 0 : Math.max(0, n - o.M);
    const up = n - (o.Mtilde - 1);
    for (let k = low; k <= up; k++) {
      const kNew = nbNewton(kappaMl, x, mu0, alpha, k, n);
      kappaMl = o.epi ? kNew : o.dir * Math.max(0, o.dir * kNew);
      let lnk = 0;
      for (let i = k; i <= n; i++) {
        if (o.epi) {
          const mu1 = mu0[i]! + Math.exp(kappaMl) * xm1[i]!;
          lnk +=
            x[i]! * (Math.log(mu1) - Math.log(mu0[i]!) + Math.log(1 + alpha * mu0[i]!) - Math.log(1 + alpha * mu1)) +
            (1 / alpha) * (Math.log(1 + alpha * mu0[i]!) - Math.log(1 + alpha * mu1));
        } else {
          lnk += kappaMl * x[i]! + (x[i]! + 1 / alpha) * Math.log((1 + alpha * mu0[i]!) / (1 + alpha * mu0[i]! * Math.exp(kappaMl)));
        }
      }
      if (lnk > maxGLR) maxGLR = lnk;
    }
    val[n] = maxGLR;
    if (maxGLR >= o.cARL) return { N: n + 1, val, cases: null };
  }
  return { N: lx + 1, val, cases: null };
}

/** Poisson epidemic chart (C's glr_epi_window): μ₁ = μ₀ + λ·x_{t−1}, λ by Newton on log scale. */
export function poissonEpiChart(x: Int32Array, mu0: Float64Array, o: { Mtilde: number; M: number; cARL: number; xm10: number }): ChartRun {
  const lx = x.length;
  const val = new Float64Array(lx);
  const xm1 = new Float64Array(lx);
  xm1[0] = o.xm10;
  for (let i = 1; i < lx; i++) xm1[i] = x[i - 1]!;
  for (let n = Math.max(o.Mtilde - 1, 0); n < lx; n++) {
    let maxGLR = -1e99;
    let lambdaMl = 0.5;
    const low = o.M === -1 ? 0 : Math.max(0, n - o.M);
    const up = n - (o.Mtilde - 1);
    for (let k = low; k <= up; k++) {
      let phiOld = 2.0;
      let phiNew = Math.log(lambdaMl);
      let iter = 0;
      while (phiNew > -18 && Math.abs(Math.exp(phiNew) - Math.exp(phiOld)) > 1e-6 && iter < 1000) {
        iter++;
        phiOld = phiNew;
        const e = Math.exp(phiOld);
        let s = 0;
        let f = 0;
        for (let i = k; i <= n; i++) {
          const d = e * xm1[i]! + mu0[i]!;
          s += (x[i]! * xm1[i]!) / d - xm1[i]!;
          f += (x[i]! * xm1[i]! * xm1[i]!) / (d * d);
        }
        const score = e * s;
        phiNew = phiOld + score / (-score + Math.exp(2 * phiOld) * f);
      }
      lambdaMl = Math.exp(phiNew);
      let lnk = 0;
      for (let i = k; i <= n; i++) lnk += x[i]! * Math.log((lambdaMl * xm1[i]!) / mu0[i]! + 1) - lambdaMl * xm1[i]!;
      if (lnk > maxGLR) maxGLR = lnk;
    }
    val[n] = maxGLR;
    if (maxGLR > o.cARL) return { N: n + 1, val, cases: null };
  }
  return { N: lx + 1, val, cases: null };
}
