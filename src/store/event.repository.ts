import type { Kysely } from 'kysely';
import type { ItemId, TenantId } from '../domain/ids.js';
import type { StoredEvent } from './chain.js';
import { readInstant, readInt, readJson } from './convert.js';
import type { Database } from './database.js';
import { pageSize } from './page.js';

export type EventRow = {
  tenant_id: string;
  seq: string | number;
  item_id: string | null;
  type: string;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  at: Date | string;
  payload: string;
  prev_hash: string;
  hash: string;
};

export const toEvent = (r: EventRow): StoredEvent => ({
  tenantId: r.tenant_id,
  seq: readInt(r.seq),
  itemId: r.item_id,
  type: r.type,
  actorUserId: r.actor_user_id,
  actorUnitId: r.actor_unit_id,
  at: readInstant(r.at),
  payload: readJson(r.payload) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** What the auditor narrows the event log to (every part optional); instants are ISO strings. */
export interface EventQuery {
  /** Only events before this sequence number: the next page when reading newest first. */
  readonly beforeSeq?: number;
  readonly type?: string;
  readonly actorUserId?: string;
  readonly actorUnitId?: string;
  readonly itemId?: string;
  /** at ≥ fromAt */
  readonly fromAt?: string;
  /** at < toAt */
  readonly toAt?: string;
}

/** Reads of the event log. Writing is appendEvents only; nothing updates or deletes events. */
export class EventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** An item's events in order (only those of `types`, when given): its timeline, and what replaying the item needs. */
  async listByItem(tenantId: TenantId, itemId: ItemId, types?: readonly string[]): Promise<StoredEvent[]> {
    let query = this.db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('item_id', '=', itemId);
    if (types) {
      if (types.length === 0) return [];
      query = query.where('type', 'in', types);
    }
    const rows = await query.orderBy('seq').execute();
    return rows.map(toEvent);
  }

  /** Up to `limit` (1–1000) events after a sequence number: for rebuilding projections, outboxes and exports. */
  async listAfter(tenantId: TenantId, afterSeq: number, limit = 1000): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('seq', '>', afterSeq).orderBy('seq').limit(pageSize(limit)).execute();
    return rows.map(toEvent);
  }

  /**
   * Up to `limit` (1–1000) events newest first, narrowed by `q`: the audit log as an auditor reads it. The
   * primary key (tenant, seq) walks backwards from the cursor; the item and type filters have their own indexes.
   */
  async listNewestFirst(tenantId: TenantId, q: EventQuery, limit = 100): Promise<StoredEvent[]> {
    let query = this.db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId);
    if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
    if (q.type !== undefined) query = query.where('type', '=', q.type);
    if (q.actorUserId !== undefined) query = query.where('actor_user_id', '=', q.actorUserId);
    if (q.actorUnitId !== undefined) query = query.where('actor_unit_id', '=', q.actorUnitId);
    if (q.itemId !== undefined) query = query.where('item_id', '=', q.itemId);
    if (q.fromAt !== undefined) query = query.where('at', '>=', q.fromAt);
    if (q.toAt !== undefined) query = query.where('at', '<', q.toAt);
    const rows = await query.orderBy('seq', 'desc').limit(pageSize(limit)).execute();
    return rows.map(toEvent);
  }

  /**
   * The tenant's events of the given types in order (signing keys and signed decisions are few); with `since`,
   * only those at or after it (notices that pile up day by day are read for the recent days only).
   */
  async listByTypes(tenantId: TenantId, types: readonly string[], since?: string): Promise<StoredEvent[]> {
    if (types.length === 0) return [];
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('type', 'in', types)
      .$if(since !== undefined, (q) => q.where('at', '>=', since!))
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  /** The recorded head of the tenant's chain (seq 0 and no hash before the first event). */
  async head(tenantId: TenantId): Promise<{ seq: number; hash: string | null; algorithm: string | null }> {
    const r = await this.db.selectFrom('chain_heads').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    return r ? { seq: readInt(r.head_seq), hash: r.head_hash, algorithm: r.algorithm } : { seq: 0, hash: null, algorithm: null };
  }
}
