import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { readJson, writeInstant } from './convert.js';
import type { Database } from './database.js';
import type { Dialect } from './db.js';
import { StoreError } from './errors.js';
import { applyDeadlineKeyRange, applyItemFilter, deadlineKey, textCondition, type ItemFilter } from './item-query.js';
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from './page.js';
import { itemMetricRows, type ItemMetricRow } from './item-metrics.js';
import { itemGroupCounts, itemLightRows, type ItemGroupCount, type ItemLightRow } from './item-facets.js';

/** Sort orders of a searched list; each has a keyset cursor (the sort key, then the id). */
export const ITEM_SORTS = ['updated_desc', 'created_desc', 'created_asc', 'deadline_asc', 'deadline_desc'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export interface ItemSearch extends ItemFilter {
  /**
   * Free text: items whose number, title or content contain it (case-insensitive). A plain substring match,
   * so 2-character Chinese terms (河长, 信访) find what they should; trigram indexes would miss them.
   */
  readonly text?: string;
}

export interface ItemSearchPage extends PageRequest {
  readonly sort?: ItemSort;
}

type Key = { column: RawBuilder<string>; dir: 'asc' | 'desc' };

function sortKey(sort: ItemSort, dialect: Dialect): Key {
  switch (sort) {
    case 'updated_desc':
      return { column: sql<string>`items.updated_at`, dir: 'desc' };
    case 'created_desc':
      return { column: sql<string>`items.created_at`, dir: 'desc' };
    case 'created_asc':
      return { column: sql<string>`items.created_at`, dir: 'asc' };
    case 'deadline_asc':
    case 'deadline_desc':
      return { column: deadlineKey(dialect), dir: sort === 'deadline_asc' ? 'asc' : 'desc' };
    default: {
      const never: never = sort;
      throw new StoreError('invalid_input', `unknown sort ${String(never)}`, `未知的排序方式 ${String(never)}`);
    }
  }
}

/** A cursor key as stored: instants in their fixed ISO form, dates as written. */
function keyText(sort: ItemSort, value: unknown): string {
  if (sort.startsWith('deadline')) return typeof value === 'string' ? value.slice(0, 10) : String(value);
  return writeInstant(value as string | Date);
}

/**
 * Item lists for people and integrations: the filters of ItemFilter plus free text, several sort orders and
 * keyset pagination.
 */
export class ItemSearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * All the tenant's items matching the filter, in creation order, with only the fields the statistics read
   * (metrics and warning lights), in one query: see item-metrics.ts.
   * @throws StoreError `invalid_input` for a bad date bound; `corrupt_row` for a row without those fields.
   */
  metricRows(tenantId: TenantId, filter: ItemFilter = {}): Promise<ItemMetricRow[]> {
    return itemMetricRows(this.db, this.dialect, tenantId, filter);
  }

  /** Counts per state, ledger type and lead unit of the search's items: see item-facets.ts. */
  groupCounts(tenantId: TenantId, filter: ItemSearch): Promise<ItemGroupCount[]> {
    return itemGroupCounts(this.db, this.dialect, tenantId, filter);
  }

  /** The search's items that can have a warning light, with the light's fields only: see item-facets.ts. */
  lightRows(tenantId: TenantId, filter: ItemSearch): Promise<ItemLightRow[]> {
    return itemLightRows(this.db, this.dialect, tenantId, filter);
  }

  /** @throws StoreError `invalid_input` for a bad cursor (or one of another sort), page size or date bound. */
  async search(tenantId: TenantId, filter: ItemSearch, page: ItemSearchPage = {}): Promise<Page<Item>> {
    const sort = page.sort ?? 'updated_desc';
    const limit = pageSize(page.limit);
    const key = sortKey(sort, this.dialect);
    const after = page.after ? decodeCursor(sort, page.after, 2) : null;
    const text = filter.text?.trim();
    const rows = await this.db
      .selectFrom('items')
      .select(['items.item_id', 'items.tenant_id', 'items.version', 'items.data'])
      .select(key.column.as('sort_key'))
      .where('items.tenant_id', '=', tenantId)
      .$call((q) => applyDeadlineKeyRange(applyItemFilter(q, filter), filter, this.dialect))
      .$if(Boolean(text), (q) => q.where(textCondition(this.dialect, text!)))
      .$if(after !== null, (q) => q.where(sql<boolean>`(${key.column}, items.item_id) ${sql.raw(key.dir === 'desc' ? '<' : '>')} (${String(after![0])}, ${String(after![1])})`))
      .orderBy(key.column, key.dir)
      .orderBy('items.item_id', key.dir)
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map((r) => {
      const item = readJson(r.data) as Item;
      if (item.id !== r.item_id || item.version !== r.version) {
        throw new StoreError('corrupt_row', `item ${r.item_id}: stored JSON disagrees with its columns`, `事项 ${r.item_id} 的 JSON 与其索引列不一致`);
      }
      return item;
    });
    const last = rows.length > limit ? rows[limit - 1]! : null;
    return { items, nextCursor: last ? encodeCursor(sort, [keyText(sort, last.sort_key), last.item_id]) : null };
  }
}
