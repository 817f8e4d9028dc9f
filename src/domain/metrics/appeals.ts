/**
 * 企业诉求 / 12345-style rates (三率): 响应率, 解决率, 满意率, and a weighted composite of the three. The inputs
 * are the acceptance of an item (签收: the unit takes up the appeal) and the 回访 rating recorded by a rating
 * closure stage (item.rating).
 */
import type { Instant, ItemId } from '../ids.js';
import { DomainError } from '../errors.js';
import { rate, type RateFigure } from './figures.js';
import { isScored, localDay, type MetricItem } from './scoring.js';
import type { ResolvedOptions } from './options.js';

export interface AppealFigures {
  readonly response_rate: RateFigure;
  readonly resolution_rate: RateFigure;
  readonly satisfaction_rate: RateFigure;
}

/**
 * 响应率: items accepted by the end of the `responseWithinWorkingDays`-th working day after assignment ÷ items
 * whose response was due (accepted, or their window has passed). 解决率 and 满意率: over the rated items,
 * those rated resolved, and the satisfaction levels weighted by `satisfactionWeights`.
 */
export function appealFigures(items: readonly MetricItem[], now: Instant, options: ResolvedOptions): AppealFigures {
  const { calendar, timeZone, responseWithinWorkingDays, satisfactionWeights } = options;
  const today = localDay(now, timeZone);
  const responseDue: ItemId[] = [];
  const responded: ItemId[] = [];
  const rated: ItemId[] = [];
  const resolved: ItemId[] = [];
  const satisfied: ItemId[] = [];
  let satisfaction = 0;
  for (const item of items) {
    if (!isScored(item)) continue;
    const assigned = localDay(item.assignedAt, timeZone);
    if (!Number.isNaN(assigned)) {
      const respondBy = calendar.addWorkingDaysDay(assigned, responseWithinWorkingDays);
      const accepted = localDay(item.acceptedAt, timeZone);
      if (!Number.isNaN(accepted) || today > respondBy) {
        responseDue.push(item.id);
        if (accepted <= respondBy) responded.push(item.id);
      }
    }
    const rating = item.rating;
    if (rating !== null && rating !== undefined) {
      rated.push(item.id);
      if (rating.resolved) resolved.push(item.id);
      const w = satisfactionWeights[rating.satisfaction] ?? 0;
      satisfaction += w;
      if (w > 0) satisfied.push(item.id);
    }
  }
  return {
    response_rate: rate('response_rate', responded, responseDue),
    resolution_rate: rate('resolution_rate', resolved, rated),
    satisfaction_rate: rate('satisfaction_rate', satisfied, [...rated], satisfaction),
  };
}

export interface CompositeWeights {
  readonly response: number;
  readonly resolution: number;
  readonly satisfaction: number;
}

/**
 * The 三率 composite in [0, 1]: Σ weight × rate ÷ Σ weights. No default weights: each city sets (and
 * periodically changes) its own, so they are always passed in. Null when any of the three rates has no
 * figure. Raises `validation_failed` for negative weights or weights summing to 0.
 */
export function appealComposite(figures: AppealFigures, weights: CompositeWeights): number | null {
  const w = [weights.response, weights.resolution, weights.satisfaction];
  const total = w.reduce((a, b) => a + b, 0);
  if (w.some((x) => !(x >= 0) || !Number.isFinite(x)) || !(total > 0)) {
    throw new DomainError('validation_failed', 'Composite weights must be non-negative and not all zero', '三率综合权重须为非负数且不能全为零', { weights });
  }
  const rates = [figures.response_rate.value, figures.resolution_rate.value, figures.satisfaction_rate.value];
  if (rates.some((r) => r === null)) return null;
  return rates.reduce<number>((acc, r, i) => acc + (r ?? 0) * (w[i] ?? 0), 0) / total;
}
