/**
 * Mean days to accept and to close, in working days (official calendar) and in calendar days, and the
 * accountability counters (returns, rejected closure requests, extensions granted).
 */
import type { ItemId } from '../ids.js';
import type { ItemCounters } from '../item.js';
import { MS_PER_DAY, instantMs } from '../calendar-days.js';
import { count, mean, type CountFigure, type MeanFigure } from './figures.js';
import { isScored, localDay, type MetricItem } from './scoring.js';
import type { ResolvedOptions } from './options.js';

export interface DurationFigures {
  readonly working_days_to_accept: MeanFigure;
  readonly calendar_days_to_accept: MeanFigure;
  readonly working_days_to_close: MeanFigure;
  readonly calendar_days_to_close: MeanFigure;
}

function spans(items: readonly MetricItem[], end: 'acceptedAt' | 'closedAt', options: ResolvedOptions): [MeanFigure, MeanFigure] {
  const { calendar, timeZone } = options;
  const ids: ItemId[] = [];
  let working = 0;
  let days = 0;
  let approximate = false;
  for (const item of items) {
    if (!isScored(item) || (end === 'closedAt' && item.status !== 'closed')) continue;
    const from = item.assignedAt === null ? Number.NaN : instantMs(item.assignedAt);
    const to = item[end] === null ? Number.NaN : instantMs(item[end]);
    if (!(to >= from)) continue; // missing, unparseable or inverted instants are not measured
    const a = localDay(item.assignedAt, timeZone);
    const b = localDay(item[end], timeZone);
    if (!calendar.coversDayRange(a, b)) approximate = true;
    working += calendar.workingDaysBetweenDays(a, b);
    days += (to - from) / MS_PER_DAY;
    ids.push(item.id);
  }
  const key = end === 'acceptedAt' ? 'accept' : 'close';
  return [mean(`working_days_to_${key}`, working, ids, approximate), mean(`calendar_days_to_${key}`, days, [...ids], false)];
}

/**
 * Mean working and calendar days from assignment to acceptance (items accepted) and to closure (items
 * closed). Working days are counted as in `workingDaysBetween`: the days after the assignment day up to the
 * end day, so an item accepted the day it was assigned took 0 working days.
 */
export function durationFigures(items: readonly MetricItem[], options: ResolvedOptions): DurationFigures {
  const [workingAccept, calendarAccept] = spans(items, 'acceptedAt', options);
  const [workingClose, calendarClose] = spans(items, 'closedAt', options);
  return {
    working_days_to_accept: workingAccept,
    calendar_days_to_accept: calendarAccept,
    working_days_to_close: workingClose,
    calendar_days_to_close: calendarClose,
  };
}

export interface CounterFigures {
  readonly returns: CountFigure;
  readonly rejections: CountFigure;
  readonly extensions_granted: CountFigure;
  readonly transfers: CountFigure;
  readonly escalations: CountFigure;
}

function sum(items: readonly MetricItem[], key: 'returns' | 'rejections' | 'extensions_granted', field: keyof ItemCounters): CountFigure {
  const ids: ItemId[] = [];
  let total = 0;
  for (const item of items) {
    if (item.status === 'cancelled') continue;
    const n = item.counters[field];
    if (n > 0) {
      total += n;
      ids.push(item.id);
    }
  }
  return count(key, total, ids);
}

/** 转办 or 提级 counts summed from the items' moves (items that never moved carry none; cancelled ones are left out). */
function sumMoves(items: readonly MetricItem[], key: 'transfers' | 'escalations'): CountFigure {
  const ids: ItemId[] = [];
  let total = 0;
  for (const item of items) {
    if (item.status === 'cancelled') continue;
    const n = item.moves?.[key] ?? 0;
    if (n > 0) {
      total += n;
      ids.push(item.id);
    }
  }
  return count(key, total, ids);
}

/**
 * Returns, rejected closure requests, extensions granted, transfers and escalations, summed from the items'
 * counters and moves (cancelled items left out).
 */
export function counterFigures(items: readonly MetricItem[]): CounterFigures {
  return {
    returns: sum(items, 'returns', 'returns'),
    rejections: sum(items, 'rejections', 'rejections'),
    extensions_granted: sum(items, 'extensions_granted', 'extensionsGranted'),
    transfers: sumMoves(items, 'transfers'),
    escalations: sumMoves(items, 'escalations'),
  };
}
