import type { Satisfaction } from '../item.js';
import type { WorkCalendar } from '../calendar.js';
import { defaultWorkCalendar } from '../calendar.js';
import { DEFAULT_TIME_ZONE } from '../time.js';
import { DEFAULT_WARNING_RULES } from '../warning-rules.js';

/**
 * Weights of the five 好差评 levels in 满意率. A working default — sources count 满意 fully and 基本满意
 * partly, and cities re-weight — so a tenant sets its own.
 */
export const DEFAULT_SATISFACTION_WEIGHTS: Readonly<Record<Satisfaction, number>> = Object.freeze({
  very_satisfied: 1,
  satisfied: 1,
  basically_satisfied: 0.5,
  dissatisfied: 0,
  very_dissatisfied: 0,
});

export interface MetricOptions {
  /** The city's zone: deadlines end at its midnight (default Asia/Shanghai). */
  readonly timeZone?: string;
  readonly calendar?: WorkCalendar;
  /** 响应率: acceptance within this many working days of assignment counts as a response (default 2). */
  readonly responseWithinWorkingDays?: number;
  /** 满意率 weights per level, each in [0, 1]. */
  readonly satisfactionWeights?: Readonly<Record<Satisfaction, number>>;
}

export interface ResolvedOptions {
  readonly timeZone: string;
  readonly calendar: WorkCalendar;
  readonly responseWithinWorkingDays: number;
  readonly satisfactionWeights: Readonly<Record<Satisfaction, number>>;
}

export function resolveOptions(options: MetricOptions = {}): ResolvedOptions {
  return {
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    calendar: options.calendar ?? defaultWorkCalendar(),
    responseWithinWorkingDays: options.responseWithinWorkingDays ?? DEFAULT_WARNING_RULES.acceptWithinWorkingDays,
    satisfactionWeights: options.satisfactionWeights ?? DEFAULT_SATISFACTION_WEIGHTS,
  };
}
