/**
 * The moving percentile method (MPM) of China CDC's CIDARS, as far as the published sources pin it
 * down (see test/fixtures/signals/SPEC.md §6): the count of the current block (for daily data the
 * 7 days ending at t; for weekly or monthly data the period itself) is compared with the P-th
 * percentile of the counts of the same block and of `blocksEachSide` adjacent blocks on each side in
 * each of the previous `years` years. Signal when current > threshold (strict).
 *
 * Percentile definition: linear interpolation between order statistics, R's quantile type 7
 * (h = (n − 1)·P/100 on the 0-based sorted values). "Same block j years ago" is found by calendar date
 * when the series has dates (nearest same weekday for weekly data), else t − freq·j. Historical blocks
 * with a missing count are left out; a missing count in the current block gives null.
 */
import { z } from 'zod';
import { addYears, weekday } from './dates.js';
import { parseControl } from './controls.js';
import { indexOfDay } from './farrington-baseline.js';
import { SignalsError, tooShort } from './errors.js';
import { naToNull, prepareSeries, resolveRange, type CountSeries, type IndexRange, type PreparedSeries, type SignalResult } from './series.js';
import { quantileType7 } from './stats.js';

export const cidarsControlSchema = z.object({
  years: z.number().int().min(1).max(20).default(3),
  blocksEachSide: z.number().int().min(0).max(10).default(1),
  /** Percentile P of the historical block counts, 0 < P < 100 (CIDARS started with P50; local studies use P40–P95). */
  percentile: z.number().gt(0).lt(100).default(50),
  /** Periods per block for daily data (freq 365); weekly and monthly data use blocks of one period. */
  blockLength: z.number().int().min(1).max(31).default(7),
});
export type CidarsControl = z.output<typeof cidarsControlSchema>;

/**
 * Validates a CIDARS MPM control and fills the defaults (3 years, 1 block each side, P50, 7 days).
 * @throws SignalsError invalid_control
 */
export function cidarsControl(input: unknown): CidarsControl {
  return parseControl('cidars', cidarsControlSchema, input);
}

function blockSum(y: Float64Array, end: number, len: number): number {
  let s = 0;
  for (let i = end - len + 1; i <= end; i++) s += y[i - 1]!;
  return s;
}

/** Index of the same period j years before t, or −1 when it is not in the series. */
function anchor(s: PreparedSeries, t: number, j: number): number {
  if (s.days === null) return t - s.freq * j;
  const day = s.days[t - 1]!;
  let ref = addYears(day, -j);
  if (s.freq === 52) {
    const a = ref - (weekday(ref) - weekday(day));
    const b = a + (a > ref ? -7 : 7);
    ref = Math.abs(a - ref) > Math.abs(b - ref) ? b : a;
  }
  return indexOfDay(s.days, ref);
}

/** Historical block counts of t, or null when the history does not reach back far enough. */
function history(s: PreparedSeries, t: number, c: CidarsControl, len: number): number[] | null {
  const values: number[] = [];
  for (let j = 1; j <= c.years; j++) {
    const a = anchor(s, t, j);
    if (a < 1) return null;
    for (let m = -c.blocksEachSide; m <= c.blocksEachSide; m++) {
      const end = a + m * len;
      if (end - len + 1 < 1 || end > s.n) return null;
      const v = blockSum(s.y, end, len);
      if (!Number.isNaN(v)) values.push(v);
    }
  }
  return values;
}

/**
 * Runs the CIDARS moving percentile method over `range` (default: from the first period with a full
 * history). `compared` holds the current block count that was compared with the threshold.
 * @throws SignalsError invalid_count, invalid_series, invalid_control, series_too_short
 */
export function cidars(series: CountSeries, control: unknown = {}, range?: IndexRange): SignalResult & { compared: (number | null)[] } {
  const s = prepareSeries(series);
  const c = cidarsControl(control);
  const len = s.freq === 365 ? c.blockLength : 1;
  let firstFull = 1;
  while (firstFull <= s.n && history(s, firstFull, c, len) === null) firstFull++;
  if (firstFull > s.n) {
    throw new SignalsError('series_too_short', `cidars: the series does not cover ${c.years} year(s) of history`, `cidars：序列不足 ${c.years} 年的历史数据`, { years: c.years });
  }
  const r = resolveRange(s, range, firstFull);
  const out = { t: [] as number[], upperbound: [] as (number | null)[], alarm: [] as (boolean | null)[], compared: [] as (number | null)[] };
  for (let t = r.first; t <= r.last; t++) {
    if (t - len + 1 < 1) throw tooShort('cidars', t, `the current block needs ${len} periods`);
    const h = history(s, t, c, len);
    if (h === null) throw tooShort('cidars', t, `${c.years} year(s) of history are needed`);
    const threshold = quantileType7(h, c.percentile / 100);
    const current = blockSum(s.y, t, len);
    out.t.push(t);
    out.upperbound.push(naToNull(threshold));
    out.compared.push(naToNull(current));
    out.alarm.push(Number.isNaN(threshold) || Number.isNaN(current) ? null : current > threshold);
  }
  return out;
}
