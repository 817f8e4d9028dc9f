import type { UnitId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { metricsByGroup, rankGroups, itemsInPeriod, type GroupBy, type Period, type RankEntry } from '../domain/metrics/grouping.js';
import { computeMetrics, type MetricsReport } from '../domain/metrics/report.js';
import type { MetricKey } from '../domain/metrics/definitions.js';
import type { AppDeps, ViewerRef } from './context.js';
import { readScope, viewingScope } from './items/load.js';

export interface StatsQuery {
  readonly ledgerTypes?: readonly string[];
  /** Only items whose deadline (or assignment, or closure) falls in the period. */
  readonly period?: Period;
  readonly groupBy?: GroupBy;
  /** Metric to rank the groups by (default 按期办结率, higher first). */
  readonly rankBy?: MetricKey;
  readonly rankOrder?: 'desc' | 'asc';
}

export interface StatsGroup {
  readonly key: string | null;
  /** Unit name or ledger type key, for people. */
  readonly label: string;
  readonly itemCount: number;
  readonly report: MetricsReport;
}

export interface StatsResult {
  readonly at: string;
  readonly total: MetricsReport;
  readonly itemCount: number;
  readonly groups: readonly StatsGroup[];
  readonly ranking: readonly RankEntry[];
}

const PAGE = 1000;

/**
 * 考核: the declared metrics over the items the viewer may see — narrowed to a unit's subtree for an API
 * token bound to it (`narrowTo`) — per lead unit (or ledger type), with a ranking; every figure carries the
 * ids of the items behind it. Items outside the scope are never loaded, so no figure counts them.
 * @throws AppError `business_data_forbidden` for admin roles; DomainError `validation_failed` for a bad period.
 */
export async function computeStats(deps: AppDeps, viewer: ViewerRef, q: StatsQuery = {}, narrowTo?: UnitId): Promise<StatsResult> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const units = readScope(scope, narrowTo);
  const items: Item[] = [];
  let after: string | null = null;
  do {
    const page = await read.items.list(viewer.tenantId, { unitScope: units ?? undefined, ledgerTypes: q.ledgerTypes }, { limit: PAGE, after, order: 'created_asc' });
    items.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  const chosen = q.period ? itemsInPeriod(items, q.period, scope.timeZone) : items;
  const options = { timeZone: scope.timeZone, calendar: deps.calendar };
  const groups = metricsByGroup(chosen, q.groupBy ?? 'leadUnit', scope.now, options);
  const label = (key: string | null): string => {
    if (key === null) return q.groupBy === 'ledgerType' ? '—' : '(未交办 unassigned)';
    if ((q.groupBy ?? 'leadUnit') === 'ledgerType') return key;
    return scope.units.get(key)?.name ?? key;
  };
  return {
    at: scope.now,
    total: computeMetrics(chosen, scope.now, options),
    itemCount: chosen.length,
    groups: groups.map((g) => ({ ...g, label: label(g.key) })),
    ranking: rankGroups(groups, q.rankBy ?? 'on_time_rate', q.rankOrder ?? 'desc'),
  };
}
