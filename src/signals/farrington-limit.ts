/**
 * Farrington's "5 cases in 4 periods" rule: enough = Σ y over the last `period` periods (current
 * one included) ≥ cases. A missing count in the window makes the sum NA, which R treats as not enough.
 */
export function limit54Enough(y: Float64Array, k: number, limit54: readonly [number, number]): boolean {
  const [cases, period] = limit54;
  let sum = 0;
  for (let i = Math.max(1, k - period + 1); i <= k; i++) sum += y[i - 1]!;
  return sum >= cases;
}
