import { DomainError } from '../../domain/errors.js';
import type { LocalDate } from '../../domain/ids.js';
import { hasRole } from '../../domain/roles.js';
import { isLocalDate, toLocalDate } from '../../domain/time.js';
import type { SignalAlgorithm } from '../../signals/index.js';
import type { SignalCount, SignalEvaluation, SignalIndicator, SignalResponsible, StoredUnit } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { actingScope } from '../items/load.js';
import { evaluateLatest, type EvaluationProblem } from './evaluate.js';
import { responsibleUnitOf } from './indicators.js';
import { openAlarms } from './open-alarms.js';
import { latestCompletePeriodStart } from './periods.js';
import { regionsOf } from './scope.js';

export interface DetectOptions {
  /** Evaluate as of this date in the city (default: today there): the latest period over by its end. */
  readonly date?: LocalDate;
  /** Only these indicators (keys); all by default. */
  readonly indicators?: readonly string[];
}

export type SeriesStatus = 'alarm_opened' | 'alarm_open' | 'no_alarm' | 'no_result' | 'error';

/** What detection did with one series (an indicator in a region). */
export interface SeriesDetection {
  readonly indicator: string;
  readonly region: string;
  readonly regionName: string;
  /** alarm_opened: a new item; alarm_open: the period's item exists already; no_result: missing data (NA). */
  status: SeriesStatus;
  readonly period: string | null;
  readonly count: number | null;
  readonly observed: number | null;
  readonly threshold: number | null;
  readonly expected: number | null;
  /** Periods absent from the stored series, treated as missing. */
  readonly gaps: readonly string[];
  /** Periods between the evaluated one and the latest complete one as of the date (data lag). */
  readonly periodsBehind: number | null;
  item?: { readonly id: string; readonly number: string; readonly unitId: string };
  problem?: EvaluationProblem;
}

export interface DetectReport {
  readonly date: LocalDate;
  readonly evaluatedAt: string;
  readonly series: readonly SeriesDetection[];
  /** Series left out because their region is outside the acting supervisor's scope. */
  readonly outOfScope: number;
  readonly totals: Readonly<Record<SeriesStatus, number>>;
}

/** Pending work of one evaluated series: its report line and, for an alarm, what the item needs. */
export interface Evaluated {
  readonly report: SeriesDetection;
  readonly indicator: SignalIndicator;
  readonly region: StoredUnit;
  readonly evaluation: SignalEvaluation | null;
  readonly leadUnitId: string;
}

function groupByRegion(counts: readonly SignalCount[]): Map<string, SignalCount[]> {
  const out = new Map<string, SignalCount[]>();
  for (const c of counts) {
    const g = out.get(c.regionUnitId);
    if (g) g.push(c);
    else out.set(c.regionUnitId, [c]);
  }
  return out;
}

function evaluateSeries(indicator: SignalIndicator, region: StoredUnit, counts: readonly SignalCount[], date: LocalDate, responsibles: readonly SignalResponsible[]): Evaluated {
  const settings = { algorithm: indicator.algorithm as SignalAlgorithm, control: indicator.control, frequency: indicator.frequency, windowPeriods: indicator.windowPeriods };
  const e = evaluateLatest(settings, counts, date);
  const base = { indicator: indicator.key, region: region.id, regionName: region.name, gaps: e.gaps };
  const leadUnitId = responsibleUnitOf(responsibles, region.id, indicator.key);
  if (!e.ok) {
    const report: SeriesDetection = {
      ...base,
      status: 'error',
      period: e.period,
      count: null,
      observed: null,
      threshold: null,
      expected: null,
      periodsBehind: null,
      problem: e.problem,
    };
    return { report, indicator, region, evaluation: null, leadUnitId };
  }
  const { outcome, period, periodStart, count, observed, threshold, expected, periodsBehind } = e;
  const status: SeriesStatus = outcome === 'alarm' ? 'alarm_opened' : outcome;
  const report: SeriesDetection = { ...base, status, period, count, observed, threshold, expected, periodsBehind };
  const evaluation: SignalEvaluation = {
    indicatorKey: indicator.key,
    regionUnitId: region.id,
    period,
    periodStart,
    algorithm: indicator.algorithm,
    outcome,
    observed,
    threshold,
    expected,
  };
  return { report, indicator, region, evaluation, leadUnitId };
}

function resolveDate(date: LocalDate | undefined, today: LocalDate): LocalDate {
  if (date === undefined) return today;
  if (!isLocalDate(date)) throw new AppError('invalid_input', `The date must be written YYYY-MM-DD: ${date}.`, `日期应写作 YYYY-MM-DD:${date}。`, { date });
  if (date > today) throw new AppError('invalid_input', `Cannot detect as of ${date}, after today (${today}).`, `不能按今天(${today})之后的日期 ${date} 检测。`, { date, today });
  return date;
}

/**
 * Evaluates every series (each switched-on indicator, or those named, in each region within the supervisor's scope) at its latest period
 * as of the date, with the indicator's algorithm and controls, and records the result per series and
 * period. Each alarm opens an item in the indicator's ledger (监测预警信号), assigned to the region's
 * responsible unit with the ledger's 24-hour time limit, in its own transaction; a period that already has
 * an item opens nothing (the detection's primary key and a conditional link guarantee it, also for two runs
 * at once). A series too short for its algorithm, or with missing data, is reported, never thrown. This is
 * also what the daily scheduler calls.
 * @throws AppError `invalid_input` (bad or future date), `indicator_not_found`, `user_not_found`,
 *   `user_disabled`; DomainError `forbidden` unless the actor is a supervisor.
 */
export async function detectSignals(deps: AppDeps, ref: ActorRef, options: DetectOptions = {}): Promise<DetectReport> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  if (!hasRole(scope.actor, 'supervisor')) throw new DomainError('forbidden', 'Only a supervisor runs detection.', '只有督办员可以运行监测预警检测。');
  const date = resolveDate(options.date, toLocalDate(scope.ctx.now, scope.ctx.timeZone));
  const all = await read.signals.indicators.list(ref.tenantId);
  const unknown = (options.indicators ?? []).filter((k) => !all.some((i) => i.key === k));
  if (unknown.length > 0) throw new AppError('indicator_not_found', `No indicator ${unknown.join(', ')}.`, `指标 ${unknown.join('、')} 不存在。`, { indicators: unknown });
  // A switched-off indicator is left alone unless named.
  const indicators = options.indicators ? all.filter((i) => options.indicators!.includes(i.key)) : all.filter((i) => i.disabledAt === null);
  const [responsibles, units] = await Promise.all([read.signals.indicators.listResponsibles(ref.tenantId), read.units.list(ref.tenantId)]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const regions = regionsOf(scope.actor, scope.ctx.units, scope.visible);
  const evaluated: Evaluated[] = [];
  let outOfScope = 0;
  for (const indicator of indicators) {
    const counts = await read.signals.counts.listByIndicator(ref.tenantId, indicator.key, latestCompletePeriodStart(indicator.frequency, date));
    for (const [regionId, series] of groupByRegion(counts)) {
      const region = unitById.get(regionId);
      if (!region || !regions.has(regionId)) {
        outOfScope += 1;
        continue;
      }
      evaluated.push(evaluateSeries(indicator, region, series, date, responsibles));
    }
  }
  const evaluations = evaluated.flatMap((e) => (e.evaluation ? [e.evaluation] : []));
  if (evaluations.length > 0) await deps.store.transaction((tx) => tx.signals.detections.record(ref.tenantId, evaluations, scope.ctx.now));
  await openAlarms(deps, ref, evaluated);
  const totals: Record<SeriesStatus, number> = { alarm_opened: 0, alarm_open: 0, no_alarm: 0, no_result: 0, error: 0 };
  for (const e of evaluated) totals[e.report.status] += 1;
  return { date, evaluatedAt: scope.ctx.now, series: evaluated.map((e) => e.report), outOfScope, totals };
}
