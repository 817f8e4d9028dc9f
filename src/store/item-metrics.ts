/**
 * The read behind 考核 statistics: every item of a filter in creation order with only the fields the metrics
 * and the warning lights read, in one query. The stored JSON is neither sent whole nor parsed whole: the
 * database picks the fields (one small JSON array per row), so 100k items take one query instead of a hundred
 * sorted pages of full items.
 */
import { sql, type Kysely } from 'kysely';
import type { ItemId, TenantId, UnitId } from '../domain/ids.js';
import type { ItemStatus } from '../domain/item.js';
import type { LightItem } from '../domain/lights.js';
import type { MetricItem } from '../domain/metrics/scoring.js';
import type { Database } from './database.js';
import type { Dialect } from './db.js';
import { StoreError } from './errors.js';
import { applyDeadlineKeyRange, applyItemFilter, type ItemFilter } from './item-query.js';
import { readJson } from './convert.js';

/** An item as the statistics see it: the metrics' fields, the light's fields, and its tenant. */
export type ItemMetricRow = MetricItem & LightItem & { readonly tenantId: TenantId };

/** Fields taken from the stored JSON, in the order of the array each row carries (a missing key reads as null). */
const JSON_FIELDS = [
  'originalDeadline',
  'currentDeadline',
  'counters',
  'assignedAt',
  'acceptedAt',
  'closedAt',
  'rating',
  'cadence',
  'lastReportAt',
  'plannedStart',
  'stageKey',
  'stageEnteredAt',
  'closureRequestedAt',
  'deadlineAt',
  'moves',
  'originalLeadUnitId',
  'recheck',
] as const;

type Picked = [
  MetricItem['originalDeadline'],
  MetricItem['currentDeadline'],
  MetricItem['counters'],
  MetricItem['assignedAt'],
  MetricItem['acceptedAt'],
  MetricItem['closedAt'],
  MetricItem['rating'],
  LightItem['cadence'],
  LightItem['lastReportAt'],
  LightItem['plannedStart'],
  LightItem['stageKey'],
  LightItem['stageEnteredAt'],
  LightItem['closureRequestedAt'],
  LightItem['deadlineAt'],
  MetricItem['moves'],
  MetricItem['originalLeadUnitId'],
  MetricItem['recheck'],
];

/**
 * PostgreSQL: the narrow columns the database generates from the JSON in the statement that writes the item
 * (migrations 202612072000_item_metric_columns, 202612072010_item_move_columns and 202612090200_item_recheck_column: the string fields as text, SQL null for a JSON null or a missing
 * key, the two objects as jsonb), in JSON_FIELDS order, in one JSON array (one column, as on SQLite): the rows'
 * jsonb is not detoasted or walked at all. Building a jsonb array instead took twice as long on the server.
 */
const pgPick = sql.raw(
  `json_build_array(${['m_original_deadline', 'm_current_deadline', 'm_counters', 'm_assigned_at', 'm_accepted_at', 'm_closed_at', 'm_rating', 'm_cadence', 'm_last_report_at', 'm_planned_start', 'm_stage_key', 'm_stage_entered_at', 'm_closure_requested_at', 'm_deadline_at', 'm_moves', 'm_original_lead_unit_id', 'm_recheck'].map((c) => `items.${c}`).join(', ')})`,
);
const sqlitePick = sql.raw(`json_extract(items.data, ${JSON_FIELDS.map((f) => `'$.${f}'`).join(', ')})`);

/**
 * The tenant's items matching the filter (unit scope, ledger types, …), oldest first (created_at, item_id: the
 * order of the item list's `created_asc`), as statistics rows.
 * @throws StoreError `invalid_input` for a bad date bound; `corrupt_row` when a row's JSON is not what was stored.
 */
export async function itemMetricRows(db: Kysely<Database>, dialect: Dialect, tenantId: TenantId, filter: ItemFilter = {}): Promise<ItemMetricRow[]> {
  const pick = dialect === 'postgres' ? pgPick : sqlitePick;
  const rows = await db
    .selectFrom('items')
    .select(['items.item_id', 'items.ledger_type', 'items.status', 'items.lead_unit_id', 'items.progress', sql<unknown>`${pick}`.as('m')])
    .where('items.tenant_id', '=', tenantId)
    .$call((q) => applyDeadlineKeyRange(applyItemFilter(q, filter), filter, dialect))
    .orderBy('items.created_at', 'asc')
    .orderBy('items.item_id', 'asc')
    .execute();
  const out = new Array<ItemMetricRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const m = readJson(r.m);
    if (!Array.isArray(m) || m.length !== JSON_FIELDS.length) {
      throw new StoreError('corrupt_row', `item ${r.item_id}: stored JSON lacks the statistics fields`, `事项 ${r.item_id} 的 JSON 缺少统计所需字段`, { itemId: r.item_id });
    }
    const [
      originalDeadline,
      currentDeadline,
      counters,
      assignedAt,
      acceptedAt,
      closedAt,
      rating,
      cadence,
      lastReportAt,
      plannedStart,
      stageKey,
      stageEnteredAt,
      closureRequestedAt,
      deadlineAt,
      moves,
      originalLeadUnitId,
      recheck,
    ] = m as Picked;
    if (counters === null || typeof counters !== 'object') {
      throw new StoreError('corrupt_row', `item ${r.item_id}: stored JSON has no counters`, `事项 ${r.item_id} 的 JSON 缺少计数`, { itemId: r.item_id });
    }
    out[i] = {
      id: r.item_id as ItemId,
      tenantId,
      ledgerType: r.ledger_type,
      status: r.status as ItemStatus,
      leadUnitId: r.lead_unit_id as UnitId | null,
      progress: Number(r.progress),
      originalDeadline,
      currentDeadline,
      counters,
      assignedAt,
      acceptedAt,
      closedAt,
      rating,
      cadence,
      lastReportAt,
      plannedStart,
      stageKey,
      stageEnteredAt,
      closureRequestedAt,
      // Only items with an hour-based deadline carry the key: the rest read exactly as before.
      ...(deadlineAt !== null && deadlineAt !== undefined && { deadlineAt }),
      // Likewise only items that moved carry how (转办/提级 counts and their first lead unit, scored for it).
      ...(moves !== null && moves !== undefined && { moves }),
      ...(originalLeadUnitId !== null && originalLeadUnitId !== undefined && { originalLeadUnitId }),
      // And only closed items of types with 回头看 carry one (反弹率).
      ...(recheck !== null && recheck !== undefined && { recheck }),
    };
  }
  return out;
}
