/**
 * The deadline rates: 应办结, 按期办结率, 办结率, 超期率. One pass classifies every item (see scoring.ts), so the
 * rates share one denominator and on-time + overdue partition it.
 */
import type { Instant, ItemId } from '../ids.js';
import { count, rate, type CountFigure, type RateFigure } from './figures.js';
import { localDay, standing, type MetricItem } from './scoring.js';
import { instantMs } from '../calendar-days.js';

export interface DeadlineFigures {
  readonly due: CountFigure;
  readonly on_time_rate: RateFigure;
  readonly closure_rate: RateFigure;
  readonly overdue_rate: RateFigure;
}

/** 应办结 and the three deadline rates of `items` at `now` (in the city's zone). */
export function deadlineFigures(items: readonly MetricItem[], now: Instant, timeZone: string): DeadlineFigures {
  const today = localDay(now, timeZone);
  const due: ItemId[] = [];
  const closed: ItemId[] = [];
  const onTime: ItemId[] = [];
  const overdue: ItemId[] = [];
  for (const item of items) {
    const s = standing(item, today, timeZone, instantMs(now));
    if (!s.due) continue;
    due.push(item.id);
    if (s.closed) closed.push(item.id);
    if (s.onTime) onTime.push(item.id);
    if (s.overdue) overdue.push(item.id);
  }
  return {
    due: count('due', due.length, due),
    on_time_rate: rate('on_time_rate', onTime, due),
    closure_rate: rate('closure_rate', closed, due),
    overdue_rate: rate('overdue_rate', overdue, due),
  };
}
