/**
 * 反弹率: of the items whose 回头看 after 销号 was done, those it found with the problem back (reopened). An
 * item counts once, by its latest 回头看; one still due is not counted yet.
 */
import type { ItemId } from '../ids.js';
import { rate, type RateFigure } from './figures.js';
import type { MetricItem } from './scoring.js';

export interface ReboundFigures {
  readonly rebound_rate: RateFigure;
}

export function reboundFigures(items: readonly MetricItem[]): ReboundFigures {
  const checked: ItemId[] = [];
  const reopened: ItemId[] = [];
  for (const item of items) {
    const status = item.recheck?.status;
    if (status !== 'confirmed' && status !== 'reopened') continue;
    checked.push(item.id);
    if (status === 'reopened') reopened.push(item.id);
  }
  return { rebound_rate: rate('rebound_rate', reopened, checked) };
}
