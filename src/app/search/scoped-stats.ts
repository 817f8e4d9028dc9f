import type { Item } from '../../domain/item.js';
import { itemsInPeriod, metricsByGroup, rankGroups, type GroupBy, type Period, type RankEntry } from '../../domain/metrics/grouping.js';
import { computeMetrics, type MetricsReport } from '../../domain/metrics/report.js';
import type { UnitId } from '../../domain/ids.js';
import type { ActorRef, AppDeps } from '../context.js';
import { actingScope } from '../items/load.js';
import { readScope } from './search-items.js';

export interface ScopedStatsQuery {
  readonly ledgerTypes?: readonly string[];
  readonly period?: Period;
  readonly groupBy?: GroupBy;
}

export interface ScopedStats {
  readonly at: string;
  readonly itemCount: number;
  readonly total: MetricsReport;
  readonly groups: readonly { key: string | null; label: string; itemCount: number; report: MetricsReport }[];
  readonly ranking: readonly RankEntry[];
}

const PAGE = 1000;

/**
 * 考核 figures over exactly the items the actor may see (narrowed to a token's unit when given), per lead unit
 * or ledger type, each figure with the ids of its items. Items outside the scope are never loaded, so no
 * figure counts them.
 * @throws AppError `business_data_forbidden` (admin roles); DomainError `validation_failed` (bad period).
 */
export async function scopedStats(deps: AppDeps, ref: ActorRef, q: ScopedStatsQuery, narrowTo?: UnitId): Promise<ScopedStats> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  const units = readScope(scope, narrowTo);
  const items: Item[] = [];
  let after: string | null = null;
  do {
    const page = await read.itemSearch.search(ref.tenantId, { unitScope: units ?? undefined, ledgerTypes: q.ledgerTypes }, { limit: PAGE, after, sort: 'created_asc' });
    items.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  const { now, timeZone, units: tree } = scope.ctx;
  const chosen = q.period ? itemsInPeriod(items, q.period, timeZone) : items;
  const options = { timeZone, calendar: deps.calendar };
  const by = q.groupBy ?? 'leadUnit';
  const groups = metricsByGroup(chosen, by, now, options);
  return {
    at: now,
    itemCount: chosen.length,
    total: computeMetrics(chosen, now, options),
    groups: groups.map((g) => ({ ...g, label: g.key === null ? '—' : by === 'leadUnit' ? (tree.get(g.key)?.name ?? g.key) : g.key })),
    ranking: rankGroups(groups, 'on_time_rate', 'desc'),
  };
}
