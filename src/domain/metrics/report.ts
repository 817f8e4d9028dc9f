/**
 * All metrics of a set of items at one moment: what `luoshi stats`, the API and the 通报 export show.
 */
import type { Instant } from '../ids.js';
import type { MetricItem } from './scoring.js';
import { DomainError } from '../errors.js';
import { instantMs } from '../calendar-days.js';
import { deadlineFigures, type DeadlineFigures } from './deadline-rates.js';
import { counterFigures, durationFigures, type CounterFigures, type DurationFigures } from './durations.js';
import { appealFigures, type AppealFigures } from './appeals.js';
import { reboundFigures, type ReboundFigures } from './rebound.js';
import { resolveOptions, type MetricOptions } from './options.js';
import type { MetricKey } from './definitions.js';
import type { Figure } from './figures.js';

export type MetricsReport = DeadlineFigures & DurationFigures & CounterFigures & AppealFigures & ReboundFigures;

// Every declared metric has a figure in the report, and nothing else is in it.
type _Complete = [MetricKey] extends [keyof MetricsReport] ? ([keyof MetricsReport] extends [MetricKey] ? true : never) : never;
const _complete: _Complete = true;
void _complete;

/**
 * Every metric of METRICS for `items` at `now`, each with the ids of the items behind it. The items are taken
 * in their current state; `now` decides which open items are past their deadline. Raises `validation_failed`
 * for an unparseable `now` or out-of-range options.
 */
export function computeMetrics(items: readonly MetricItem[], now: Instant, options: MetricOptions = {}): MetricsReport {
  if (Number.isNaN(instantMs(now))) {
    throw new DomainError('validation_failed', `Not an instant: ${String(now)}`, `时间格式有误：${String(now)}`, { now: String(now) });
  }
  const resolved = resolveOptions(options);
  const n = resolved.responseWithinWorkingDays;
  const weights = Object.values(resolved.satisfactionWeights);
  if (!Number.isInteger(n) || n < 0 || n > 365 || weights.some((w) => !(w >= 0 && w <= 1))) {
    throw new DomainError(
      'validation_failed',
      'Response window must be 0–365 working days and satisfaction weights within 0–1',
      '响应时限须为 0–365 个工作日，满意度权重须在 0–1 之间',
      {
        responseWithinWorkingDays: n,
      },
    );
  }
  return {
    ...deadlineFigures(items, now, resolved.timeZone),
    ...durationFigures(items, resolved),
    ...counterFigures(items),
    ...appealFigures(items, now, resolved),
    ...reboundFigures(items),
  };
}

/** The figure of one metric in a report. */
export function figureOf(report: MetricsReport, key: MetricKey): Figure {
  return report[key];
}
