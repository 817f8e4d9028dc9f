/**
 * Runs an indicator's algorithm over a stored series and reads off the result for its latest period. Pure:
 * everything comes in as arguments, bad series come back as a reason instead of an exception.
 */
import type { LocalDate } from '../../domain/ids.js';
import {
  assembleSeries,
  cidars,
  cusum,
  earsC,
  farrington,
  farringtonFlexible,
  glrnb,
  glrnbControl,
  SignalsError,
  type CountSeries,
  type IndexRange,
  type SeriesRow,
  type SignalAlgorithm,
  type SignalResult,
} from '../../signals/index.js';
import type { DetectionOutcome, SignalCount, SignalFrequency } from '../../store/index.js';
import { latestCompletePeriodStart, periodsBetween } from './periods.js';

export type RunnerResult = SignalResult & { compared?: (number | null)[] };
type Runner = (s: CountSeries, control: unknown, range?: IndexRange) => RunnerResult;

export const RUNNERS: Readonly<Record<SignalAlgorithm, Runner>> = { farringtonFlexible, farrington, earsC, cusum, glrnb, cidars };

/** What detection needs of an indicator. */
export interface IndicatorSettings {
  readonly algorithm: SignalAlgorithm;
  readonly control: unknown;
  readonly frequency: SignalFrequency;
  readonly windowPeriods: number;
}

/** A regular series built from stored counts: absent periods are missing (null) and listed as gaps. */
export interface StoredSeries {
  readonly series: CountSeries;
  readonly periods: readonly string[];
  readonly dates: readonly string[];
  readonly gaps: readonly string[];
}

/** Builds the regular series of stored counts (oldest first) as the detectors take it. */
export function storedSeries(frequency: SignalFrequency, counts: readonly Pick<SignalCount, 'period' | 'periodStart' | 'count'>[]): StoredSeries {
  const rows: SeriesRow[] = counts.map((c) => ({ line: 0, region: '', indicator: '', period: c.period, periodKind: frequency, periodStart: c.periodStart, count: c.count }));
  const a = assembleSeries(rows)[0];
  if (!a) return { series: { observed: [], freq: frequency === 'day' ? 365 : 52, dates: [] }, periods: [], dates: [], gaps: [] };
  return { series: { observed: a.observed, freq: a.freq, dates: a.dates }, periods: a.periods, dates: a.dates, gaps: a.gaps };
}

export interface EvaluationProblem {
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
}

export type LatestEvaluation =
  | {
      readonly ok: true;
      readonly period: string;
      readonly periodStart: LocalDate;
      readonly outcome: DetectionOutcome;
      /** The count of the period (null: missing). */
      readonly count: number | null;
      /** What was compared with the threshold: the count, CIDARS' block sum, or a chart statistic. */
      readonly observed: number | null;
      readonly threshold: number | null;
      readonly expected: number | null;
      /** Periods absent from the stored series (evaluated as missing). */
      readonly gaps: readonly string[];
      /** How many periods the evaluated one lies behind the latest complete period as of the date. */
      readonly periodsBehind: number;
    }
  | { readonly ok: false; readonly problem: EvaluationProblem; readonly period: string | null; readonly gaps: readonly string[] };

const at = <T>(xs: readonly T[] | undefined, i: number): T | null => (xs ? (xs[i] ?? null) : null);

/**
 * Evaluates the latest period of a series (counts up to `asOf`, oldest first) with the indicator's
 * algorithm, run over its last `windowPeriods` periods. A series too short for the algorithm, or a control
 * that the algorithm refuses, gives `ok: false` with the algorithm's error code.
 */
export function evaluateLatest(settings: IndicatorSettings, counts: readonly Pick<SignalCount, 'period' | 'periodStart' | 'count'>[], asOf: LocalDate): LatestEvaluation {
  const s = storedSeries(settings.frequency, counts);
  const n = s.series.observed.length;
  if (n === 0) {
    return { ok: false, period: null, gaps: [], problem: { code: 'series_too_short', message: 'the series has no count yet', messageZh: '该序列尚无数据' } };
  }
  const period = s.periods[n - 1]!;
  const range = { first: Math.max(1, n - settings.windowPeriods + 1), last: n };
  let r: RunnerResult;
  try {
    r = RUNNERS[settings.algorithm](s.series, settings.control, range);
  } catch (e) {
    if (e instanceof SignalsError) return { ok: false, period, gaps: s.gaps, problem: { code: e.code, message: e.message, messageZh: e.messageZh } };
    throw e;
  }
  const i = r.t.length - 1;
  const count = s.series.observed[n - 1] ?? null;
  const periodStart = s.dates[n - 1]!;
  const v = readResult(settings, r, i, count);
  return {
    ok: true,
    period,
    periodStart,
    outcome: v.alarm === true ? 'alarm' : v.alarm === false ? 'no_alarm' : 'no_result',
    count,
    observed: v.observed,
    threshold: v.threshold,
    expected: v.expected,
    gaps: s.gaps,
    periodsBehind: periodsBetween(settings.frequency, periodStart, latestCompletePeriodStart(settings.frequency, asOf)),
  };
}

/**
 * The figures of position `i` of a result: what was compared (the count, CIDARS' block sum, or glrnb's
 * statistic), the threshold it was compared with (glrnb's upper bound is its GLR statistic unless it
 * returns cases; the statistic is then compared with c.ARL), the expected value and the alarm.
 */
export function readResult(settings: Pick<IndicatorSettings, 'algorithm' | 'control'>, r: RunnerResult, i: number, count: number | null) {
  const statistic = thresholdScale(settings.algorithm, settings.control) === 'statistic';
  return {
    observed: statistic ? at(r.upperbound, i) : (at(r.compared, i) ?? count),
    threshold: statistic ? glrnbControl(settings.control)['c.ARL'] : at(r.upperbound, i),
    expected: at(r.expected, i),
    alarm: at(r.alarm, i),
  };
}

/** The value of the `algorithm` field of the 监测预警信号 ledger for an indicator's algorithm. */
export function ledgerAlgorithm(algorithm: SignalAlgorithm, control: unknown): string {
  switch (algorithm) {
    case 'farringtonFlexible':
      return 'farrington_flexible';
    case 'farrington':
      return 'farrington';
    case 'earsC': {
      const method = (control as { method?: unknown } | null)?.method;
      return method === 'C2' ? 'ears_c2' : method === 'C3' ? 'ears_c3' : 'ears_c1';
    }
    case 'cusum':
      return 'cusum';
    case 'glrnb':
      return 'glr_nb';
    case 'cidars':
      return 'moving_percentile';
    default: {
      const never: never = algorithm;
      throw new Error(`unknown algorithm ${String(never)}`);
    }
  }
}

/** Whether the algorithm's upper bound is a count (comparable with observed) or a chart statistic. */
export function thresholdScale(algorithm: SignalAlgorithm, control: unknown): 'count' | 'statistic' {
  return algorithm === 'glrnb' && (control as { ret?: unknown } | null)?.ret !== 'cases' ? 'statistic' : 'count';
}
