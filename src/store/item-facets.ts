/**
 * The reads behind an item list's counts (facets): how many items of a search there are per state, ledger
 * type and lead unit, grouped by the database, and the few fields the warning light reads for the items that
 * can have one. Both take the list's own filter, so a count never includes an item the list would not show.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { TenantId, UnitId } from '../domain/ids.js';
import type { ItemStatus } from '../domain/item.js';
import type { LightItem } from '../domain/lights.js';
import { readInt, readJson } from './convert.js';
import type { Database } from './database.js';
import type { Dialect } from './db.js';
import { StoreError } from './errors.js';
import { applyDeadlineKeyRange, applyItemFilter, textCondition } from './item-query.js';
import type { ItemSearch } from './item-search.repository.js';

/** The number of items of one state, ledger type and lead unit (null: no lead unit yet). */
export interface ItemGroupCount {
  readonly status: ItemStatus;
  readonly ledgerType: string;
  readonly leadUnitId: UnitId | null;
  readonly count: number;
}

/** An item as its warning light sees it, with what the counts group by. */
export type ItemLightRow = LightItem & { readonly ledgerType: string; readonly leadUnitId: UnitId | null };

/** States in which an item can have a light other than `none` (computeLight). */
export const LIT_STATUSES: readonly ItemStatus[] = ['assigned', 'in_progress', 'closing'];

const LIGHT_FIELDS = ['currentDeadline', 'deadlineAt', 'assignedAt', 'cadence', 'lastReportAt', 'plannedStart', 'stageKey', 'stageEnteredAt', 'closureRequestedAt'] as const;

function searched<O>(q: SelectQueryBuilder<Database, 'items', O>, dialect: Dialect, tenantId: TenantId, f: ItemSearch) {
  const text = f.text?.trim();
  return q
    .where('items.tenant_id', '=', tenantId)
    .$call((b) => applyDeadlineKeyRange(applyItemFilter(b, f), f, dialect))
    .$if(Boolean(text), (b) => b.where(textCondition(dialect, text!)));
}

/**
 * Counts of the search's items per (state, ledger type, lead unit), in one grouped query: the database
 * counts, nothing but the groups comes back. Without a filter it reads only the index on (tenant, ledger
 * type, state, lead unit).
 * @throws StoreError `invalid_input` for a bad date bound.
 */
export async function itemGroupCounts(db: Kysely<Database>, dialect: Dialect, tenantId: TenantId, f: ItemSearch): Promise<ItemGroupCount[]> {
  const rows = await db
    .selectFrom('items')
    .select(['items.status', 'items.ledger_type', 'items.lead_unit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .$call((q) => searched(q, dialect, tenantId, f))
    .groupBy(['items.ledger_type', 'items.status', 'items.lead_unit_id'])
    .execute();
  return rows.map((r) => ({ status: r.status as ItemStatus, ledgerType: r.ledger_type, leadUnitId: r.lead_unit_id as UnitId | null, count: readInt(r.n) }));
}

/**
 * The search's items that can have a light (assigned, in progress, closing), each with only the fields the
 * light reads, picked from the JSON by the database. A light depends on the reader's clock and the working-day
 * calendar, so it is computed, not stored: this is the one part of the counts read row by row.
 * @throws StoreError `invalid_input` for a bad date bound; `corrupt_row` for a row without those fields.
 */
export async function itemLightRows(db: Kysely<Database>, dialect: Dialect, tenantId: TenantId, f: ItemSearch): Promise<ItemLightRow[]> {
  const statuses = (f.statuses ?? LIT_STATUSES).filter((s) => LIT_STATUSES.includes(s));
  if (statuses.length === 0) return [];
  const pick =
    dialect === 'postgres'
      ? sql.raw(`json_build_array(${LIGHT_FIELDS.map((k) => `items.data->>'${k}'`).join(', ')})`)
      : sql.raw(`json_extract(items.data, ${LIGHT_FIELDS.map((k) => `'$.${k}'`).join(', ')})`);
  const rows = await db
    .selectFrom('items')
    .select(['items.item_id', 'items.status', 'items.ledger_type', 'items.lead_unit_id', 'items.progress', sql<unknown>`${pick}`.as('m')])
    .$call((q) => searched(q, dialect, tenantId, { ...f, statuses }))
    .execute();
  return rows.map((r) => {
    const m = readJson(r.m);
    if (!Array.isArray(m) || m.length !== LIGHT_FIELDS.length) {
      throw new StoreError('corrupt_row', `item ${r.item_id}: stored JSON lacks the light's fields`, `事项 ${r.item_id} 的 JSON 缺少预警所需字段`, { itemId: r.item_id });
    }
    const [currentDeadline, deadlineAt, assignedAt, cadence, lastReportAt, plannedStart, stageKey, stageEnteredAt, closureRequestedAt] = m as (string | null)[];
    return {
      status: r.status as ItemStatus,
      ledgerType: r.ledger_type,
      leadUnitId: r.lead_unit_id as UnitId | null,
      progress: Number(r.progress),
      currentDeadline: currentDeadline ?? null,
      ...(deadlineAt !== null && deadlineAt !== undefined && { deadlineAt }),
      assignedAt: assignedAt ?? null,
      cadence: (cadence ?? null) as LightItem['cadence'],
      lastReportAt: lastReportAt ?? null,
      plannedStart: plannedStart ?? null,
      stageKey: stageKey ?? null,
      stageEnteredAt: stageEnteredAt ?? null,
      closureRequestedAt: closureRequestedAt ?? null,
    } as ItemLightRow;
  });
}
