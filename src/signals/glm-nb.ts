/**
 * Negative binomial GLM with estimated θ, as MASS::glm.nb: a Poisson fit, then alternation between
 * θ by Newton's method on the profile score (theta.ml) and the GLM at fixed θ, until the
 * log-likelihood and θ settle. The order of updates is MASS's own (θ is updated from the means of the
 * previous fit), which the fitted θ depends on at the 1e-8 level.
 */
import digamma from '@stdlib/math-base-special-digamma';
import trigamma from '@stdlib/math-base-special-trigamma';
import gammaln from '@stdlib/math-base-special-gammaln';

const EPS_THETA = Math.pow(2.220446049250313e-16, 0.25);

/** MASS::theta.ml with unit weights: ML estimate of θ given fitted means. */
export function thetaMl(y: ArrayLike<number>, mu: ArrayLike<number>, n: number, limit = 25): number {
  let s0 = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i]! / mu[i]! - 1;
    s0 += d * d;
  }
  let t0 = n / s0;
  let it = 0;
  let del = 1;
  while (++it < limit && Math.abs(del) > EPS_THETA) {
    t0 = Math.abs(t0);
    let score = 0;
    let info = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      const mi = mu[i]!;
      score += digamma(t0 + yi) - digamma(t0) + Math.log(t0) + 1 - Math.log(t0 + mi) - (yi + t0) / (mi + t0);
      info += -trigamma(t0 + yi) + trigamma(t0) - 1 / t0 + 2 / (mi + t0) - (yi + t0) / ((mi + t0) * (mi + t0));
    }
    del = score / info;
    t0 += del;
  }
  return t0 < 0 ? 0 : t0;
}

/** glm.nb's log-likelihood (unit weights). */
export function nbLogLik(y: ArrayLike<number>, mu: ArrayLike<number>, n: number, th: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    const mi = mu[i]!;
    s += gammaln(th + yi) - gammaln(th) - gammaln(yi + 1) + th * Math.log(th) + yi * Math.log(mi + (yi === 0 ? 1 : 0)) - (th + yi) * Math.log(th + mi);
  }
  return s;
}
