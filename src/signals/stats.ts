/** Descriptive statistics computed as R does (two-pass mean, n − 1 variance). NaN propagates. */

/** Mean of x[from..to) with R's second-pass correction. */
export function mean(x: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]!;
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = from; i < to; i++) t += x[i]! - s;
  return s + t / n;
}

/** Sample standard deviation of x[from..to) (denominator n − 1). */
export function sd(x: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  const m = mean(x, from, to);
  let ss = 0;
  for (let i = from; i < to; i++) {
    const d = x[i]! - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/**
 * Percentile of `values` by linear interpolation between order statistics (R's quantile type 7,
 * Hyndman & Fan definition 7): h = (n − 1)·q, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based.
 * `q` in [0, 1]. NaN for an empty sample.
 */
export function quantileType7(values: readonly number[], q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
