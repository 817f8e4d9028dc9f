/**
 * A count series as the detectors see it: counts per period (null = missing, R's NA), the number of
 * periods per year, and optionally the calendar date of each period.
 */
import { parseSeriesDates } from './dates.js';
import { SignalsError } from './errors.js';

/** Input series. `observed[i]` is the count of period i + 1 (algorithms speak 1-based indices, as R). */
export interface CountSeries {
  readonly observed: readonly (number | null)[];
  /** Periods per year: 52 weekly, 12 monthly, 365 daily. */
  readonly freq: number;
  /** [year, period] of the first observation; only the cusum harmonic model uses the period. */
  readonly start?: readonly [number, number] | readonly number[];
  /** ISO dates of the periods. When given, reference periods are found by calendar (R's epochAsDate). */
  readonly dates?: readonly string[] | null;
  /** Population per period, for Farrington's population offset. Defaults to 1. */
  readonly population?: readonly number[] | null;
}

/** The evaluated indices, 1-based and inclusive. */
export interface IndexRange {
  readonly first: number;
  readonly last: number;
}

/** What every detector returns for its evaluated range. null stands for R's NA. */
export interface SignalResult {
  t: number[];
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
  expected?: (number | null)[];
}

/** Validated series: counts as a Float64Array with NaN for missing values. */
export interface PreparedSeries {
  readonly y: Float64Array;
  readonly n: number;
  readonly freq: number;
  readonly startPeriod: number;
  /** Day numbers of the periods, or null when indexed by integers. */
  readonly days: Int32Array | null;
  readonly population: Float64Array | null;
}

/**
 * Checks a series and converts it. Counts must be non-negative integers or null.
 * @throws SignalsError invalid_count, invalid_series, duplicate_period
 */
export function prepareSeries(series: CountSeries): PreparedSeries {
  const n = series.observed.length;
  if (!Number.isInteger(series.freq) || series.freq < 1) {
    throw new SignalsError('invalid_series', `freq must be a positive integer, got ${series.freq}`, `freq 必须为正整数，当前为 ${series.freq}`);
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = series.observed[i];
    if (v === null || v === undefined) {
      y[i] = Number.NaN;
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || !Number.isInteger(v)) {
      throw new SignalsError('invalid_count', `count ${i + 1} must be a non-negative integer, got ${String(v)}`, `第 ${i + 1} 期的计数必须是非负整数，当前为 ${String(v)}`, {
        index: i + 1,
        value: v,
      });
    } else {
      y[i] = v;
    }
  }
  let days: Int32Array | null = null;
  if (series.dates) {
    if (series.dates.length !== n) {
      throw new SignalsError('invalid_series', `${series.dates.length} dates for ${n} counts`, `日期数（${series.dates.length}）与计数个数（${n}）不一致`);
    }
    days = parseSeriesDates(series.dates);
  }
  let population: Float64Array | null = null;
  if (series.population) {
    if (series.population.length !== n || series.population.some((p) => !(p > 0))) {
      throw new SignalsError('invalid_series', 'population must give one positive number per period', '人口数必须逐期给出且为正数');
    }
    population = Float64Array.from(series.population);
  }
  const startPeriod = series.start?.[1] ?? 1;
  return { y, n, freq: series.freq, startPeriod, days, population };
}

/**
 * Resolves the evaluated range: the given one (checked against the series) or the algorithm's default.
 * @throws SignalsError invalid_series when it lies outside the series or is empty; series_too_short when
 * the default range would start after the end of the series
 */
export function resolveRange(s: PreparedSeries, range: IndexRange | undefined, defaultFirst: number): IndexRange {
  const first = range?.first ?? defaultFirst;
  const last = range?.last ?? s.n;
  if (range === undefined && defaultFirst > s.n) {
    throw new SignalsError(
      'series_too_short',
      `the series has ${s.n} periods; the first one with enough history would be ${defaultFirst}`,
      `序列只有 ${s.n} 期，历史数据足够的第一期应为第 ${defaultFirst} 期`,
      { n: s.n, first: defaultFirst },
    );
  }
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > s.n || first > last) {
    throw new SignalsError('invalid_series', `range ${first}..${last} is not within the series 1..${s.n}`, `评估区间 ${first}..${last} 超出序列范围 1..${s.n}`, {
      first,
      last,
      n: s.n,
    });
  }
  return { first, last };
}

/** null for NaN/±Infinity (R's NA, NaN and Inf are written as null), the number otherwise. */
export function naToNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
