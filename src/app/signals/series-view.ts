import type { LocalDate } from '../../domain/ids.js';
import type { ItemStatus } from '../../domain/item.js';
import { SignalsError, type IndexRange, type SignalAlgorithm } from '../../signals/index.js';
import type { SignalDetection, SignalIndicator } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { itemVisible } from '../visibility.js';
import { readResult, RUNNERS, storedSeries, thresholdScale, type EvaluationProblem, type IndicatorSettings, type RunnerResult, type StoredSeries } from './evaluate.js';
import { inScope, signalsScope } from './scope.js';
import { unitLookup } from './units.js';

export interface SeriesChartQuery {
  /** The region unit: id, code or unique name. */
  readonly region: string;
  readonly indicator: string;
  /** Trailing periods shown (default 52 weeks or 90 days). */
  readonly periods?: number;
}

/** One period of the chart: the count, the band it was judged against, and whether it alarms. */
export interface ChartPoint {
  readonly period: string;
  readonly periodStart: LocalDate;
  /** The count (null: missing or a gap). */
  readonly count: number | null;
  /** What the algorithm compared with the threshold (differs from count for CIDARS daily blocks and glrnb). */
  readonly observed: number | null;
  readonly expected: number | null;
  readonly threshold: number | null;
  readonly alarm: boolean | null;
}

/** A stored detection of the series, with the item its alarm opened (when the reader may see it). */
export interface ChartDetection {
  readonly period: string;
  readonly periodStart: LocalDate;
  readonly outcome: SignalDetection['outcome'];
  readonly observed: number | null;
  readonly threshold: number | null;
  readonly evaluatedAt: string;
  readonly alarmAt: string | null;
  readonly item: { readonly id: string; readonly number: string; readonly status: ItemStatus; readonly leadUnitId: string | null } | null;
}

export interface SeriesChart {
  readonly indicator: Pick<SignalIndicator, 'key' | 'name' | 'algorithm' | 'frequency' | 'control' | 'windowPeriods'>;
  readonly region: { readonly id: string; readonly name: string };
  /** 'count': threshold and observed are counts; 'statistic': a chart statistic against its limit (glrnb). */
  readonly thresholdScale: 'count' | 'statistic';
  /** Thresholds are recomputed over the shown range; sequential charts (cusum, glrnb) restart at its start. */
  readonly points: readonly ChartPoint[];
  readonly detections: readonly ChartDetection[];
  readonly gaps: readonly string[];
  /** Why thresholds are missing (a series too short for the algorithm, …), or null. */
  readonly problem: EvaluationProblem | null;
}

const notFound = (q: SeriesChartQuery): AppError =>
  new AppError('series_not_found', `No series ${q.indicator} in ${q.region} that you may see.`, `未找到地区“${q.region}”的指标 ${q.indicator} 序列(或无权查看)。`, { ...q });

/** Runs the algorithm over the last `shown` periods, or from its first evaluable period when the history is shorter. */
function thresholds(settings: IndicatorSettings, s: StoredSeries, shown: number): { r: RunnerResult | null; problem: EvaluationProblem | null } {
  const n = s.series.observed.length;
  const run = (range?: IndexRange) => RUNNERS[settings.algorithm](s.series, settings.control, range);
  try {
    try {
      return { r: run({ first: Math.max(1, n - shown + 1), last: n }), problem: null };
    } catch (e) {
      if (!(e instanceof SignalsError) || e.code !== 'series_too_short') throw e;
      return { r: run(), problem: null };
    }
  } catch (e) {
    if (e instanceof SignalsError) return { r: null, problem: { code: e.code, message: e.message, messageZh: e.messageZh } };
    throw e;
  }
}

function points(settings: IndicatorSettings, s: StoredSeries, shown: number, r: RunnerResult | null): ChartPoint[] {
  const n = s.series.observed.length;
  const at = new Map((r?.t ?? []).map((t, j) => [t, j]));
  const out: ChartPoint[] = [];
  for (let t = Math.max(1, n - shown + 1); t <= n; t++) {
    const count = s.series.observed[t - 1] ?? null;
    const j = at.get(t);
    const v = r && j !== undefined ? readResult(settings, r, j, count) : { observed: count, threshold: null, expected: null, alarm: null };
    out.push({ period: s.periods[t - 1]!, periodStart: s.dates[t - 1]!, count, ...v });
  }
  return out;
}

/**
 * A chart-ready view of one series: per period the count, the expected value and threshold band the
 * indicator's algorithm gives, and the alarm; beside it the stored detections with their items. For the
 * web chart and the API; reads only.
 * @throws AppError `indicator_not_found`, `series_not_found` (unknown region, outside the reader's scope, or
 *   no counts), `invalid_input` (periods), `business_data_forbidden`.
 */
export async function seriesChart(deps: AppDeps, by: ViewerRef, q: SeriesChartQuery): Promise<SeriesChart> {
  const shownInput = q.periods;
  if (shownInput !== undefined && !(Number.isInteger(shownInput) && shownInput >= 1 && shownInput <= 3660)) {
    throw new AppError('invalid_input', 'periods must be a whole number from 1 to 3660.', '期数须为 1 至 3660 的整数。');
  }
  const read = deps.store.read;
  const scope = await signalsScope(deps, read, by, 'read');
  const indicator = await read.signals.indicators.get(by.tenantId, q.indicator);
  if (!indicator) throw new AppError('indicator_not_found', `No indicator ${q.indicator}.`, `指标 ${q.indicator} 不存在。`, { indicator: q.indicator });
  const region = unitLookup(await read.units.list(by.tenantId))(q.region);
  if (!region.ok || !inScope(scope, region.unit.id)) throw notFound(q);
  const series = { indicatorKey: indicator.key, regionUnitId: region.unit.id };
  const [counts, detections] = await Promise.all([read.signals.counts.listSeries(by.tenantId, series), read.signals.detections.listSeries(by.tenantId, series)]);
  if (counts.length === 0) throw notFound(q);
  const settings = { algorithm: indicator.algorithm as SignalAlgorithm, control: indicator.control, frequency: indicator.frequency, windowPeriods: indicator.windowPeriods };
  const s = storedSeries(indicator.frequency, counts);
  const shown = shownInput ?? (indicator.frequency === 'week' ? 52 : 90);
  const { r, problem } = thresholds(settings, s, shown);
  const pts = points(settings, s, shown, r);
  const from = pts[0]?.periodStart ?? '';
  const shownDetections = detections.filter((d) => d.periodStart >= from);
  const items = new Map(
    (
      await read.items.getMany(
        by.tenantId,
        shownDetections.flatMap((d) => (d.itemId ? [d.itemId] : [])),
      )
    ).map((i) => [i.id, i]),
  );
  return {
    indicator: {
      key: indicator.key,
      name: indicator.name,
      algorithm: indicator.algorithm,
      frequency: indicator.frequency,
      control: indicator.control,
      windowPeriods: indicator.windowPeriods,
    },
    region: { id: region.unit.id, name: region.unit.name },
    thresholdScale: thresholdScale(settings.algorithm, settings.control),
    points: pts,
    detections: shownDetections.map((d) => {
      const item = d.itemId ? items.get(d.itemId) : undefined;
      const visible = item && (scope.visible === null || itemVisible(item, scope.visible));
      return {
        period: d.period,
        periodStart: d.periodStart,
        outcome: d.outcome,
        observed: d.observed,
        threshold: d.threshold,
        evaluatedAt: d.evaluatedAt,
        alarmAt: d.alarmAt,
        item: visible ? { id: item.id, number: item.number, status: item.status, leadUnitId: item.leadUnitId } : null,
      };
    }),
    gaps: s.gaps,
    problem,
  };
}
