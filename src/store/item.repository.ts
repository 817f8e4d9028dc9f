import type { Kysely } from 'kysely';
import type { Instant, ItemId, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { readInt, readJson, writeInstant, writeInstantOrNull, writeLocalDateOrNull } from './convert.js';
import type { Database } from './database.js';
import { preparedStatement } from './db.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';
import { applyItemFilter, type ItemFilter } from './item-query.js';
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from './page.js';

/** Sort orders of item lists, each with a keyset cursor. */
export type ItemOrder = 'updated_desc' | 'created_asc';

export interface ItemPageRequest extends PageRequest {
  readonly order?: ItemOrder;
}

function row(item: Item, at: Instant) {
  return {
    tenant_id: item.tenantId,
    item_id: item.id,
    ledger_type: item.ledgerType,
    number: item.number,
    title: item.title,
    status: item.status,
    stage_index: item.stageIndex,
    priority: item.priority,
    owner_unit_id: item.ownerUnitId,
    lead_unit_id: item.leadUnitId,
    parent_id: item.parentId,
    original_deadline: writeLocalDateOrNull(item.originalDeadline, 'originalDeadline'),
    current_deadline: writeLocalDateOrNull(item.currentDeadline, 'currentDeadline'),
    progress: item.progress,
    version: item.version,
    created_at: writeInstant(item.createdAt, 'createdAt'),
    updated_at: writeInstant(at, 'updatedAt'),
    closed_at: writeInstantOrNull(item.closedAt, 'closedAt'),
    data: JSON.stringify(item),
  };
}

/** Columns after the key (tenant_id, item_id), in the order of the parameters of the statements below. */
export const UPDATED = [
  'ledger_type',
  'number',
  'title',
  'status',
  'stage_index',
  'priority',
  'owner_unit_id',
  'lead_unit_id',
  'parent_id',
  'original_deadline',
  'current_deadline',
  'progress',
  'version',
  'created_at',
  'updated_at',
  'closed_at',
  'data',
] as const;

/**
 * Loading an item and its version-checked update run on every action, the insert on every creation: written
 * out once (and prepared on PostgreSQL) instead of built and compiled by Kysely on every call.
 */
const getItem = preparedStatement<{ tenant_id: string; item_id: string; version: number; data: unknown }>(
  'select tenant_id, item_id, version, data from items where tenant_id = ? and item_id = ?',
);
const insertItem = preparedStatement(`insert into items (tenant_id, item_id, ${UPDATED.join(', ')}) values (?, ?, ${UPDATED.map(() => '?').join(', ')})`);
const updateItem = preparedStatement(`update items set ${UPDATED.map((c) => `${c} = ?`).join(', ')} where tenant_id = ? and item_id = ? and version = ?`);

/** The stored JSON is read back only if it agrees with the row's own key columns. */
export function toItem(r: { tenant_id: string; item_id: string; version: number; data: unknown }): Item {
  const item = readJson(r.data) as Item | null;
  if (!item || item.id !== r.item_id || item.tenantId !== r.tenant_id || item.version !== r.version) {
    throw new StoreError('corrupt_row', `item ${r.item_id}: stored JSON disagrees with its columns`, `事项 ${r.item_id} 的 JSON 与其索引列不一致`, {
      itemId: r.item_id,
    });
  }
  return item;
}

/** Children in creation order (ties by id), however the database returned them. */
export function childrenInOrder(rows: { tenant_id: string; item_id: string; version: number; data: unknown; created_at: Date | string }[]): Item[] {
  return rows.sort((a, b) => writeInstant(a.created_at).localeCompare(writeInstant(b.created_at)) || a.item_id.localeCompare(b.item_id)).map(toItem);
}

/** Whether two co-unit lists are the same, in order (an update that keeps them writes no co-unit rows). */
export const sameUnits = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((u, i) => u === b[i]);

/** The values of an item's columns after its key, in UPDATED order. */
export function updatedValues(item: Item, at: Instant): unknown[] {
  const values = row(item, at);
  return UPDATED.map((c) => values[c]);
}

/** @throws StoreError `invalid_input` unless `next` is a later version of the same item. */
export function checkLaterVersion(previous: Item, next: Item): void {
  if (next.id !== previous.id || next.tenantId !== previous.tenantId || !(next.version > previous.version)) {
    throw new StoreError('invalid_input', `item ${next.id}: the update must be a later version of the same item`, `事项 ${next.id}：更新必须是同一事项的更高版本`);
  }
}

/** The error of an update that found the item at another version than `expected` (or gone), naming the one found. */
export async function versionConflict(db: Kysely<Database>, tenantId: TenantId, id: ItemId, expected: number): Promise<StoreError> {
  const current = await db.selectFrom('items').select('version').where('tenant_id', '=', tenantId).where('item_id', '=', id).executeTakeFirst();
  const actual = current ? current.version : null;
  return new StoreError(
    'version_conflict',
    `item ${id} was changed by someone else (expected version ${expected}, found ${actual ?? 'none'}); reload and try again`,
    `事项 ${id} 已被他人修改（预期版本 ${expected}，实际 ${actual ?? '无'}），请刷新后重试`,
    { itemId: id, expectedVersion: expected, actualVersion: actual },
  );
}

/**
 * The item projection: one row per item with indexed columns for lists and scope, the full Item as JSON,
 * and its co-units in item_co_units. Written in the caller's transaction, beside the events.
 */
export class ItemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts a new item and its co-units.
   * @throws StoreError `already_exists` (same id or number), `reference_not_found` (unknown tenant, unit or
   *   parent), `invalid_input` (a value the schema refuses).
   */
  async insert(item: Item, at: Instant): Promise<void> {
    await mappingWriteErrors(`item ${item.number}`, async () => {
      await insertItem(item.tenantId, item.id, ...updatedValues(item, at)).execute(this.db);
      await this.insertCoUnits(item);
    });
  }

  /**
   * Replaces an item with its next state if nobody changed it since it was loaded: the update says
   * `where version = previous.version`.
   * @param previous the item as loaded (its version is the expected one; its co-units are compared).
   * @param next the item after the action, with a higher version.
   * @throws StoreError `version_conflict` when the stored version is not `previous.version` (or the item is
   *   gone); `invalid_input` when next is not a later version of the same item.
   */
  async update(previous: Item, next: Item, at: Instant): Promise<void> {
    checkLaterVersion(previous, next);
    await mappingWriteErrors(`item ${next.number}`, async () => {
      const params = [...updatedValues(next, at), next.tenantId, next.id, previous.version];
      const r = await updateItem(...params).execute(this.db);
      if (r.numAffectedRows !== 1n) throw await versionConflict(this.db, next.tenantId, next.id, previous.version);
      if (!sameUnits(previous.coUnitIds, next.coUnitIds)) {
        await this.db.deleteFrom('item_co_units').where('tenant_id', '=', next.tenantId).where('item_id', '=', next.id).execute();
        await this.insertCoUnits(next);
      }
    });
  }

  private async insertCoUnits(item: Item): Promise<void> {
    if (item.coUnitIds.length === 0) return;
    const rows = [...new Set(item.coUnitIds)].map((unit_id) => ({ tenant_id: item.tenantId, item_id: item.id, unit_id }));
    await this.db.insertInto('item_co_units').values(rows).execute();
  }

  /** The item, or undefined when the tenant has no item with that id. */
  async get(tenantId: TenantId, id: ItemId): Promise<Item | undefined> {
    const r = (await getItem(tenantId, id).execute(this.db)).rows[0];
    return r ? toItem(r) : undefined;
  }

  /** The items with these ids that exist in the tenant, in no particular order. */
  async getMany(tenantId: TenantId, ids: readonly ItemId[]): Promise<Item[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('items').select(['tenant_id', 'item_id', 'version', 'data']).where('tenant_id', '=', tenantId).where('item_id', 'in', ids).execute();
    return rows.map(toItem);
  }

  /**
   * The items of a ledger type with these human-readable numbers (督办〔2026〕0012号), in no particular order:
   * an imported sheet names its rows by number. Numbers not found are simply absent. Reads in chunks of 500.
   */
  async getByNumbers(tenantId: TenantId, ledgerType: string, numbers: readonly string[]): Promise<Item[]> {
    const out: Item[] = [];
    const unique = [...new Set(numbers)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('items')
        .select(['tenant_id', 'item_id', 'version', 'data'])
        .where('tenant_id', '=', tenantId)
        .where('ledger_type', '=', ledgerType)
        .where('number', 'in', unique.slice(i, i + 500))
        .execute();
      out.push(...rows.map(toItem));
    }
    return out;
  }

  /**
   * One page of the tenant's items matching the filter, newest change first (`updated_desc`, default) or in
   * creation order (`created_asc`).
   * @throws StoreError `invalid_input` for a bad cursor, page size or date bound.
   */
  async list(tenantId: TenantId, filter: ItemFilter = {}, page: ItemPageRequest = {}): Promise<Page<Item>> {
    const order = page.order ?? 'updated_desc';
    const limit = pageSize(page.limit);
    const col = order === 'updated_desc' ? 'items.updated_at' : 'items.created_at';
    const after = page.after ? decodeCursor(order, page.after, 2) : null;
    const rows = await this.db
      .selectFrom('items')
      .select(['tenant_id', 'item_id', 'version', 'data', 'updated_at', 'created_at'])
      .where('items.tenant_id', '=', tenantId)
      .$call((q) => applyItemFilter(q, filter))
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple(col, 'items.item_id'), order === 'updated_desc' ? '<' : '>', eb.tuple(String(after![0]), String(after![1])))))
      .orderBy(col, order === 'updated_desc' ? 'desc' : 'asc')
      .orderBy('items.item_id', order === 'updated_desc' ? 'desc' : 'asc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toItem);
    const last = rows.length > limit ? rows[limit - 1]! : null;
    const key = (r: NonNullable<typeof last>) => writeInstant(order === 'updated_desc' ? r.updated_at : r.created_at);
    return { items, nextCursor: last ? encodeCursor(order, [key(last), last.item_id]) : null };
  }

  /**
   * The children of an item, in creation order. A query of its own, so the planner walks the parent index
   * rather than a sorted scan of the whole table (an item page asks this on every view).
   */
  async children(tenantId: TenantId, parentId: ItemId): Promise<Item[]> {
    const rows = await this.db
      .selectFrom('items')
      .select(['tenant_id', 'item_id', 'version', 'data', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('parent_id', '=', parentId)
      .execute();
    return childrenInOrder(rows);
  }

  /** How many of the tenant's items match the filter. */
  async count(tenantId: TenantId, filter: ItemFilter = {}): Promise<number> {
    const r = await this.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('items.tenant_id', '=', tenantId)
      .$call((q) => applyItemFilter(q, filter))
      .executeTakeFirstOrThrow();
    return readInt(r.n);
  }
}
