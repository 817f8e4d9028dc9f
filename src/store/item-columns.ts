import type { Kysely } from 'kysely';
import type { ItemId, TenantId } from '../domain/ids.js';
import { readInt } from './convert.js';
import type { Database } from './database.js';

/**
 * The queryable columns of an item row, beside the item's JSON: lists, filters, sorting and search read them,
 * so verification compares them with the replayed item too (an edited title column changes what a search
 * finds even when the JSON is intact).
 */
export interface ItemColumns {
  readonly id: ItemId;
  readonly title: string;
  readonly number: string;
  readonly ledgerType: string;
  readonly status: string;
  readonly stageIndex: number | null;
  readonly priority: string;
  readonly ownerUnitId: string;
  readonly leadUnitId: string | null;
  readonly parentId: string | null;
  readonly progress: number;
  readonly version: number;
}

export class ItemColumnsReader {
  constructor(private readonly db: Kysely<Database>) {}

  /** A page of rows by id, after `afterId`. */
  async page(tenantId: TenantId, afterId: string | null, limit: number): Promise<ItemColumns[]> {
    const rows = await this.db
      .selectFrom('items')
      .select(['item_id', 'title', 'number', 'ledger_type', 'status', 'stage_index', 'priority', 'owner_unit_id', 'lead_unit_id', 'parent_id', 'progress', 'version'])
      .where('tenant_id', '=', tenantId)
      .$if(afterId !== null, (q) => q.where('item_id', '>', afterId!))
      .orderBy('item_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.item_id,
      title: r.title,
      number: r.number,
      ledgerType: r.ledger_type,
      status: r.status,
      stageIndex: r.stage_index === null ? null : readInt(r.stage_index),
      priority: r.priority,
      ownerUnitId: r.owner_unit_id,
      leadUnitId: r.lead_unit_id,
      parentId: r.parent_id,
      progress: Number(r.progress),
      version: readInt(r.version),
    }));
  }

  /** Every co-unit row of the tenant (item_co_units, what lists and scoping read), by item then unit. */
  async coUnits(tenantId: TenantId): Promise<{ readonly itemId: ItemId; readonly unitId: string }[]> {
    const rows = await this.db.selectFrom('item_co_units').select(['item_id', 'unit_id']).where('tenant_id', '=', tenantId).orderBy('item_id').orderBy('unit_id').execute();
    return rows.map((r) => ({ itemId: r.item_id, unitId: r.unit_id }));
  }
}
