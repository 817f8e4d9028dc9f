/**
 * Farrington's "5 cases in 4 periods" rule: enough = Σ y over the last `period` periods (current
 * one included) ≥ cases. A missing count in the window makes the sum NA.
 */

/** Sum of the limit54 window ending at k (1-based); NaN when a count in it is missing. */
export function limit54Sum(y: Float64Array, k: number, period: number): number {
  let sum = 0;
  for (let i = Math.max(1, k - period + 1); i <= k; i++) sum += y[i - 1]!;
  return sum;
}

/** true when there are enough cases; false when not or when the window has a missing count. */
export function limit54Enough(y: Float64Array, k: number, limit54: readonly [number, number]): boolean {
  return limit54Sum(y, k, limit54[1]) >= limit54[0];
}
