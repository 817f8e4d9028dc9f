/**
 * Distribution functions used by the detectors. Continuous ones come from @stdlib (ports of Boost and
 * Cephes, accurate to a few ulps); the discrete quantiles are a search over the CDF written here because
 * R's definition (smallest y with F(y) ≥ p, with a tiny upward fuzz of p) is what the fixtures hold.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';

const DBL_EPSILON = 2.220446049250313e-16;

/** Standard normal quantile Φ⁻¹(p). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: 2·P(T ≤ −|t|). NaN for df ≤ 0. */
export function tTestPValue(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  return 2 * tCdf(-Math.abs(t), df);
}

/** Negative binomial CDF P(Y ≤ x), R's parameterisation (size, prob): I_prob(size, x + 1). */
export function pnbinom(x: number, size: number, prob: number): number {
  if (x < 0) return 0;
  if (size === 0 || prob === 1) return 1;
  return betainc(prob, size, Math.floor(x) + 1);
}

/** Poisson CDF P(Y ≤ x) = Q(x + 1, λ), the regularised upper incomplete gamma function. */
export function ppois(x: number, lambda: number): number {
  if (x < 0) return 0;
  if (lambda === 0) return 1;
  return gammainc(lambda, Math.floor(x) + 1, true, true);
}

/**
 * Smallest integer y ≥ 0 with cdf(y) ≥ p·(1 + 8ε), started near a Cornish–Fisher guess. This is R's
 * definition of a discrete quantile (qpois, qnbinom), including its fuzz against rounding in the CDF.
 */
function discreteQuantile(p: number, mean: number, sd: number, skew: number, cdf: (y: number) => number): number {
  const z = qnorm(p);
  let y = Math.round(mean + sd * (z + (skew * (z * z - 1)) / 6));
  if (!(y >= 0)) y = 0;
  const target = p * (1 + 8 * DBL_EPSILON);
  if (cdf(y) >= target) {
    while (y > 0 && cdf(y - 1) >= target) y -= 1;
    return y;
  }
  // Step right, doubling the stride so that far-off guesses stay cheap, then bisect back.
  let step = 1;
  let lo = y;
  let hi = y + step;
  while (cdf(hi) < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (cdf(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Poisson quantile as R's qpois(p, λ). NaN for invalid arguments, 0 for λ = 0. */
export function qpois(p: number, lambda: number): number {
  if (!(lambda >= 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (lambda === 0 || p === 0) return 0;
  if (p === 1 || !Number.isFinite(lambda)) return Number.POSITIVE_INFINITY;
  return discreteQuantile(p, lambda, Math.sqrt(lambda), 1 / Math.sqrt(lambda), (y) => ppois(y, lambda));
}

/** Negative binomial quantile as R's qnbinom(p, size, prob). NaN for invalid arguments. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (!(size >= 0) || !(prob > 0 && prob <= 1) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (prob === 1 || size === 0 || p === 0) return 0;
  if (p === 1 || !Number.isFinite(size)) return Number.POSITIVE_INFINITY;
  const q = 1 - prob;
  const mean = (size * q) / prob;
  const sd = Math.sqrt(size * q) / prob;
  const skew = (2 - prob) / Math.sqrt(size * q);
  return discreteQuantile(p, mean, sd, skew, (y) => pnbinom(y, size, prob));
}
