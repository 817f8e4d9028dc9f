/** Small dense symmetric positive-definite algebra (p ≤ ~20) on row-major Float64Arrays, in place. */

const SCRATCH_E = new Float64Array(32);
const SCRATCH_COL = new Float64Array(32);

/**
 * Cholesky factorisation A = LLᵀ of the lower triangle of `a` (p×p), written over it.
 * Returns false when A is not numerically positive definite (a rank-deficient design).
 */
export function cholesky(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= a[j * p + k]! * a[j * p + k]!;
    // A column whose part not explained by the earlier ones is this small is taken as dependent.
    if (!(d > 1e-13 * Math.abs(a[j * p + j]!)) || !(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= a[i * p + k]! * a[j * p + k]!;
      a[i * p + j] = s / l;
    }
  }
  return true;
}

/** Solves LLᵀx = b with the factor from `cholesky`. */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * out[k]!;
    out[i] = s / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * out[k]!;
    out[i] = s / l[i * p + i]!;
  }
}

/** (LLᵀ)⁻¹ into `out` (full symmetric p×p). */
export function choleskyInverse(l: Float64Array, p: number, out: Float64Array): void {
  // Scratch reused across calls: the detectors call this once per fitted model.
  const e = p <= SCRATCH_E.length ? SCRATCH_E : new Float64Array(p);
  const col = p <= SCRATCH_COL.length ? SCRATCH_COL : new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0, 0, p);
    e[j] = 1;
    choleskySolve(l, p, e, col);
    for (let i = 0; i < p; i++) out[i * p + j] = col[i]!;
  }
}
