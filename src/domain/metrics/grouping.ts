/**
 * Per-unit and per-ledger-type statistics over a period, and rankings (排名) by any metric.
 */
import type { Instant, LocalDate } from '../ids.js';
import { DomainError } from '../errors.js';
import { parseDay } from '../calendar-days.js';
import { DEFAULT_TIME_ZONE } from '../time.js';
import { computeMetrics, figureOf, type MetricsReport } from './report.js';
import { localDay, scoredUnit, scoringDeadline, type MetricItem } from './scoring.js';
import type { MetricOptions } from './options.js';
import type { MetricKey } from './definitions.js';

/**
 * A 考核 period. `by` says which date places an item in it: its scoring deadline (the default: the work that
 * fell due in the period), its assignment, or its closure.
 */
export interface Period {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly by?: 'deadline' | 'assigned' | 'closed';
}

/**
 * The items whose date (per `period.by`) falls in [from, to], both days included, in the city's zone. Items
 * without that date are left out. Raises `validation_failed` for malformed or inverted dates.
 */
export function itemsInPeriod<T extends MetricItem>(items: readonly T[], period: Period, timeZone: string = DEFAULT_TIME_ZONE): T[] {
  const from = parseDay(period.from);
  const to = parseDay(period.to);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) {
    throw new DomainError('validation_failed', `Invalid period ${period.from} – ${period.to}`, `统计期间有误：${period.from} 至 ${period.to}`, { period });
  }
  const by = period.by ?? 'deadline';
  return items.filter((item) => {
    const day = by === 'deadline' ? parseDay(scoringDeadline(item) ?? '') : localDay(by === 'assigned' ? item.assignedAt : item.closedAt, timeZone);
    return day >= from && day <= to;
  });
}

export type GroupBy = 'leadUnit' | 'ledgerType';

export interface GroupReport {
  /** Lead unit id (the first lead, see `scoredUnit`) or ledger type key; null for items without a lead unit. */
  readonly key: string | null;
  readonly itemCount: number;
  readonly report: MetricsReport;
}

/**
 * The metrics per lead unit or per ledger type; every item is in exactly one group, so counts sum to the total.
 * An item is scored for its first lead unit: a transferred or escalated item stays with the unit it was given to.
 */
export function metricsByGroup(items: readonly MetricItem[], by: GroupBy, now: Instant, options: MetricOptions = {}): GroupReport[] {
  const groups = new Map<string | null, MetricItem[]>();
  for (const item of items) {
    const key = by === 'leadUnit' ? scoredUnit(item) : item.ledgerType;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].map(([key, list]) => ({ key, itemCount: list.length, report: computeMetrics(list, now, options) }));
}

export interface RankEntry {
  readonly key: string | null;
  readonly value: number | null;
  /** 1 = best; equal values share a rank (1, 2, 2, 4); null for groups without a figure, listed last. */
  readonly rank: number | null;
}

/**
 * Ranks groups by one metric: higher first by default (按期办结率), or lower first (超期率, days to close). Ranked by
 * 按期办结率, equal rates are told apart by fewer overdue items (the stated rule of 考核 and the 通报); groups equal on
 * both share a rank (1, 2, 2, 4). Groups without a figure (nothing due) are not ranked: they come last, rank null,
 * for the reader to list apart.
 */
export function rankGroups(groups: readonly GroupReport[], key: MetricKey, order: 'desc' | 'asc' = 'desc'): RankEntry[] {
  const overdue = (g: GroupReport) => (key === 'on_time_rate' ? g.report.overdue_rate.numerator : 0);
  const valued = groups.map((g) => ({ key: g.key, value: figureOf(g.report, key).value, overdue: overdue(g) }));
  const ranked = valued.filter((v): v is { key: string | null; value: number; overdue: number } => v.value !== null);
  ranked.sort((a, b) => (order === 'desc' ? b.value - a.value : a.value - b.value) || a.overdue - b.overdue || String(a.key).localeCompare(String(b.key)));
  const out: RankEntry[] = [];
  ranked.forEach((v, i) => {
    const prev = ranked[i - 1];
    const tie = prev !== undefined && prev.value === v.value && prev.overdue === v.overdue;
    out.push({ key: v.key, value: v.value, rank: tie ? out[i - 1]!.rank : i + 1 });
  });
  for (const v of valued) if (v.value === null) out.push({ key: v.key, value: null, rank: null });
  return out;
}
