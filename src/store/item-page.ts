import type { Kysely } from 'kysely';
import type { ItemId, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import type { StoredEvent } from './chain.js';
import { readInt } from './convert.js';
import type { Database } from './database.js';
import { preparedStatement, type Dialect } from './db.js';
import type { EventRepository } from './event.repository.js';
import { childrenInOrder, toItem, type ItemRepository } from './item.repository.js';

/** An item with what its page shows beside it: its events in order and its children in creation order. */
export interface ItemPage {
  readonly item: Item;
  readonly events: StoredEvent[];
  readonly children: Item[];
}

/** An event as the PostgreSQL page statement lists it: seq, type, actor user, actor unit, at, payload, prev, hash. */
type EventTuple = [number | string, string, string | null, string | null, string, Record<string, unknown>, string, string];
/** A child as the statement lists it: item id, version, data, created at. */
type ChildTuple = [string, number, unknown, string];

/**
 * PostgreSQL: the item, its events and its children in one statement (json_agg), one round trip instead of
 * three. Each query costs a socket write and a wake-up of the server process, which is most of what an item
 * page costs on this side. `at` is formatted as the chain covers it (`YYYY-MM-DDTHH:MM:SS.sssZ`); payloads are
 * spliced in as the JSON they are stored as.
 */
const pageSql = preparedStatement<{ tenant_id: string; item_id: string; version: number; data: unknown; events: EventTuple[]; children: ChildTuple[] }>(
  `select i.tenant_id, i.item_id, i.version, i.data,
     (select coalesce(json_agg(json_build_array(e.seq, e.type, e.actor_user_id, e.actor_unit_id,
        to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.payload::json, e.prev_hash, e.hash) order by e.seq), '[]'::json)
      from events e where e.tenant_id = i.tenant_id and e.item_id = i.item_id) as events,
     (select coalesce(json_agg(json_build_array(c.item_id, c.version, c.data,
        to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '[]'::json)
      from items c where c.tenant_id = i.tenant_id and c.parent_id = i.item_id) as children
   from items i where i.tenant_id = ? and i.item_id = ?`,
);

/** Reads an item's page: one statement on PostgreSQL; on SQLite, where a query costs no round trip, three. */
export class ItemPageReader {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly items: Pick<ItemRepository, 'get' | 'children'>,
    private readonly events: Pick<EventRepository, 'listByItem'>,
  ) {}

  /** The item with its events and children, or undefined when the tenant has no item with that id. */
  async get(tenantId: TenantId, id: ItemId): Promise<ItemPage | undefined> {
    if (this.dialect === 'sqlite') {
      const [item, events, children] = await Promise.all([this.items.get(tenantId, id), this.events.listByItem(tenantId, id), this.items.children(tenantId, id)]);
      return item ? { item, events, children } : undefined;
    }
    const r = (await pageSql(tenantId, id).execute(this.db)).rows[0];
    if (!r) return undefined;
    return {
      item: toItem(r),
      events: r.events.map(([seq, type, actorUserId, actorUnitId, at, payload, prevHash, hash]) => ({
        tenantId,
        seq: readInt(seq),
        itemId: id,
        type,
        actorUserId,
        actorUnitId,
        at,
        payload,
        prevHash,
        hash,
      })),
      children: childrenInOrder(r.children.map(([item_id, version, data, created_at]) => ({ tenant_id: tenantId, item_id, version, data, created_at }))),
    };
  }
}
