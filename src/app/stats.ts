import type { UnitId } from '../domain/ids.js';
import { computeLight, lightRulesFor, type Light, type LightRules } from '../domain/lights.js';
import { metricsByGroup, rankGroups, itemsInPeriod, type GroupBy, type Period, type RankEntry } from '../domain/metrics/grouping.js';
import { computeMetrics, type MetricsReport } from '../domain/metrics/report.js';
import type { MetricKey } from '../domain/metrics/definitions.js';
import type { AppDeps, ViewerRef } from './context.js';
import { ledgerTypeOf, readScope, viewingScope } from './items/load.js';
import { calendarOf } from './calendar/tenant-calendar.js';

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

/** The lights an open item can have ('none' is the light of draft, closed and cancelled items only). */
export type OpenLight = Exclude<Light, 'none'>;
export const OPEN_LIGHTS: readonly OpenLight[] = ['red', 'yellow', 'green'];
/** Open items per warning light. */
export type LightCounts = Readonly<Record<OpenLight, number>>;

export interface LightGroup {
  /** Lead unit id or ledger type key, as in `groups`; null for open items without a lead unit. */
  readonly key: string | null;
  readonly label: string;
  readonly counts: LightCounts;
}

/**
 * 红黄绿灯 of the open items (assigned, in progress, closing) the viewer may see, at `at`. A light is a state
 * now, not a figure of a period: the ledger filter applies, the period does not, so each count equals what the
 * item list filtered by that light (and group) shows.
 */
export interface LightDistribution {
  readonly total: LightCounts;
  readonly groups: readonly LightGroup[];
}

export interface StatsResult {
  readonly at: string;
  readonly total: MetricsReport;
  readonly itemCount: number;
  readonly groups: readonly StatsGroup[];
  readonly ranking: readonly RankEntry[];
  readonly lights: LightDistribution;
}

const zeroLights = (): Record<OpenLight, number> => ({ red: 0, yellow: 0, green: 0 });

/**
 * 考核: the declared metrics over the items the viewer may see — narrowed to a unit's subtree for an API
 * token bound to it (`narrowTo`) — per lead unit (or ledger type), with a ranking; every figure carries the
 * ids of the items behind it, and the warning lights of the open items (see LightDistribution). Items outside
 * the scope are never loaded, so no figure or light count counts them.
 * @throws AppError `business_data_forbidden` for admin roles; DomainError `validation_failed` for a bad period.
 */
export async function computeStats(deps: AppDeps, viewer: ViewerRef, q: StatsQuery = {}, narrowTo?: UnitId): Promise<StatsResult> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const units = readScope(scope, narrowTo);
  // One query for the scope, with only the fields the metrics and lights read (not pages of whole items).
  const items = await read.itemSearch.metricRows(viewer.tenantId, { unitScope: units ?? undefined, ledgerTypes: q.ledgerTypes });
  const groupBy = q.groupBy ?? 'leadUnit';
  const chosen = q.period ? itemsInPeriod(items, q.period, scope.timeZone) : items;
  const calendar = calendarOf(deps, viewer.tenantId);
  const options = { timeZone: scope.timeZone, calendar };
  const groups = metricsByGroup(chosen, groupBy, scope.now, options);
  const label = (key: string | null): string => {
    if (key === null) return groupBy === 'ledgerType' ? '—' : '(未交办 unassigned)';
    if (groupBy === 'ledgerType') return key;
    return scope.units.get(key)?.name ?? key;
  };
  // One pass over the scoped items already loaded; the light is computeLight with the ledger type's rules,
  // as lightOf (what every list and sweep uses) gives it, the rules worked out once per ledger type.
  const rulesByType = new Map<string, LightRules>();
  const lightTotal = zeroLights();
  const lightGroups = new Map<string | null, Record<OpenLight, number>>();
  for (const item of items) {
    if (item.status !== 'assigned' && item.status !== 'in_progress' && item.status !== 'closing') continue;
    let rules = rulesByType.get(item.ledgerType);
    if (rules === undefined) rulesByType.set(item.ledgerType, (rules = lightRulesFor(ledgerTypeOf(deps, item.tenantId, item.ledgerType))));
    const light = computeLight(item, scope.now, rules, calendar, scope.timeZone).light;
    if (light === 'none') continue;
    const key = groupBy === 'leadUnit' ? item.leadUnitId : item.ledgerType;
    let counts = lightGroups.get(key);
    if (counts === undefined) lightGroups.set(key, (counts = zeroLights()));
    counts[light]++;
    lightTotal[light]++;
  }
  const lightRows = [...lightGroups].map(([key, counts]) => ({ key, label: label(key), counts }));
  lightRows.sort((a, b) => b.counts.red - a.counts.red || b.counts.yellow - a.counts.yellow || a.label.localeCompare(b.label, 'zh'));
  return {
    at: scope.now,
    total: computeMetrics(chosen, scope.now, options),
    itemCount: chosen.length,
    groups: groups.map((g) => ({ ...g, label: label(g.key) })),
    ranking: rankGroups(groups, q.rankBy ?? 'on_time_rate', q.rankOrder ?? 'desc'),
    lights: { total: lightTotal, groups: lightRows },
  };
}
