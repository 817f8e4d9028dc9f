import type { Kysely, Selectable } from 'kysely';
import type { Instant, TenantId, UnitId, UserId } from '../domain/ids.js';
import type { StoredEvent } from './chain.js';
import { readInstant, readInstantOrNull, readInt, writeInstant } from './convert.js';
import { openBytes, sealBytes, type EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

/** A subscription: every loop event of the items of `unitId`'s subtree (optionally one ledger type) is posted to `url`. */
export interface Webhook {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly url: string;
  readonly unitId: UnitId;
  readonly ledgerType: string | null;
  readonly createdBy: UserId;
  readonly createdAt: Instant;
  readonly disabledAt: Instant | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly webhookId: string;
  readonly eventSeq: number;
  readonly eventType: string;
  readonly itemId: string | null;
  /** The JSON body posted, exactly as signed. */
  readonly payload: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Instant;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: Instant;
  readonly deliveredAt: Instant | null;
}

/** A claimed delivery with what sending it needs. */
export interface DueDelivery extends Delivery {
  readonly url: string;
  readonly secret: string;
}

const toHook = (r: Selectable<Database['webhooks']>): Webhook => ({
  id: r.webhook_id,
  tenantId: r.tenant_id,
  url: r.url,
  unitId: r.unit_id,
  ledgerType: r.ledger_type,
  createdBy: r.created_by,
  createdAt: readInstant(r.created_at),
  disabledAt: readInstantOrNull(r.disabled_at),
});

const toDelivery = (r: Selectable<Database['webhook_deliveries']>): Delivery => ({
  id: r.delivery_id,
  tenantId: r.tenant_id,
  webhookId: r.webhook_id,
  eventSeq: readInt(r.event_seq),
  eventType: r.event_type,
  itemId: r.item_id,
  payload: r.payload,
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: readInstant(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: readInstant(r.created_at),
  deliveredAt: readInstantOrNull(r.delivered_at),
});

const secretContext = (tenantId: string, id: string): string => `webhook v1|${tenantId}|${id}`;

/**
 * Whether tenant $1 has a live webhook, as SQL: asked by the statement that appends events on PostgreSQL (see
 * appendToChain), so that the outbox costs no query of its own while a tenant has no webhooks.
 */
export const LIVE_WEBHOOKS_SQL = 'exists (select from webhooks where tenant_id = $1 and disabled_at is null)';

/** Webhooks and their outbox of deliveries. */
export class WebhookRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly crypto: CryptoProvider,
    private readonly master: EtmKeys,
  ) {}

  /** @throws StoreError `already_exists`, `reference_not_found` (unit). */
  async insert(hook: Omit<Webhook, 'disabledAt'>, secret: string): Promise<void> {
    const box = sealBytes(this.crypto, this.master, secretContext(hook.tenantId, hook.id), Buffer.from(secret, 'utf8'));
    await mappingWriteErrors(`webhook ${hook.url}`, () =>
      this.db
        .insertInto('webhooks')
        .values({
          tenant_id: hook.tenantId,
          webhook_id: hook.id,
          url: hook.url,
          sealed_secret: Buffer.concat([box.iv, box.ct, box.tag]).toString('base64'),
          unit_id: hook.unitId,
          ledger_type: hook.ledgerType,
          created_by: hook.createdBy,
          created_at: writeInstant(hook.createdAt),
          disabled_at: null,
        })
        .execute(),
    );
  }

  async get(tenantId: TenantId, id: string): Promise<Webhook | undefined> {
    const r = await this.db.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).where('webhook_id', '=', id).executeTakeFirst();
    return r ? toHook(r) : undefined;
  }

  async list(tenantId: TenantId): Promise<Webhook[]> {
    const rows = await this.db.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('webhook_id').execute();
    return rows.map(toHook);
  }

  async disable(tenantId: TenantId, id: string, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('webhooks')
      .set({ disabled_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('webhook_id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  /**
   * Writes a delivery for every live webhook that covers an appended loop event, in the caller's transaction
   * (the transactional outbox: the event and its deliveries commit or roll back together). A webhook covers an
   * item when its unit owns, leads or co-handles it, or lies above one that does.
   * @param live whether the tenant has live webhooks, when already known (LIVE_WEBHOOKS_SQL): false skips the lookup.
   */
  async enqueue(events: readonly StoredEvent[], live?: boolean): Promise<number> {
    if (live === false) return 0;
    const first = events[0];
    if (!first) return 0;
    const tenantId = first.tenantId;
    const loop = events.filter((e) => e.itemId !== null && typeof e.payload.version === 'number');
    if (loop.length === 0) return 0;
    const hooks = await this.db.selectFrom('webhooks').select(['webhook_id', 'unit_id', 'ledger_type']).where('tenant_id', '=', tenantId).where('disabled_at', 'is', null).execute();
    if (hooks.length === 0) return 0;
    const ids = [...new Set(loop.map((e) => e.itemId!))];
    const [items, coUnits, units] = await Promise.all([
      this.db.selectFrom('items').select(['item_id', 'number', 'ledger_type', 'status', 'version', 'owner_unit_id', 'lead_unit_id']).where('tenant_id', '=', tenantId).where('item_id', 'in', ids).execute(),
      this.db.selectFrom('item_co_units').select(['item_id', 'unit_id']).where('tenant_id', '=', tenantId).where('item_id', 'in', ids).execute(),
      this.db.selectFrom('units').select(['unit_id', 'parent_id']).where('tenant_id', '=', tenantId).execute(),
    ]);
    const parent = new Map(units.map((u) => [u.unit_id, u.parent_id]));
    const above = (unit: string | null): string[] => {
      const out: string[] = [];
      for (let u = unit; u !== null && u !== undefined && out.length < 64; u = parent.get(u) ?? null) out.push(u);
      return out;
    };
    const rows = [];
    for (const e of loop) {
      const item = items.find((i) => i.item_id === e.itemId);
      if (!item) continue;
      const covering = new Set([item.owner_unit_id, item.lead_unit_id, ...coUnits.filter((c) => c.item_id === e.itemId).map((c) => c.unit_id)].flatMap(above));
      const payload = JSON.stringify({
        event: { seq: e.seq, type: e.type, itemId: e.itemId, at: e.at, actorUnitId: e.actorUnitId },
        item: { id: item.item_id, number: item.number, ledgerType: item.ledger_type, status: item.status, version: item.version },
      });
      for (const h of hooks) {
        if (!covering.has(h.unit_id) || (h.ledger_type !== null && h.ledger_type !== item.ledger_type)) continue;
        rows.push({
          tenant_id: tenantId,
          delivery_id: Buffer.from(this.crypto.randomBytes(12)).toString('hex'),
          webhook_id: h.webhook_id,
          event_seq: e.seq,
          event_type: e.type,
          item_id: e.itemId,
          payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: writeInstant(e.at),
          claimed_until: null,
          last_status: null,
          last_error: null,
          created_at: writeInstant(e.at),
          delivered_at: null,
        });
      }
    }
    if (rows.length > 0) await this.db.insertInto('webhook_deliveries').values(rows).execute();
    return rows.length;
  }

  /** A webhook's deliveries, newest event first. */
  async listDeliveries(tenantId: TenantId, webhookId: string, limit = 100): Promise<Delivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('webhook_id', '=', webhookId)
      .orderBy('event_seq', 'desc')
      .limit(Math.max(1, Math.min(limit, 1000)))
      .execute();
    return rows.map(toDelivery);
  }

  /**
   * Claims up to `limit` pending deliveries that are due, for `leaseMs`: a row is claimed by one conditional
   * update, so dispatchers on several nodes never send the same delivery at the same time.
   * @throws StoreError `envelope_invalid` when a webhook's sealed secret fails its check.
   */
  async claimDue(now: Instant, limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const at = writeInstant(now);
    const until = writeInstant(new Date(Date.parse(now) + leaseMs));
    const candidates = await this.db
      .selectFrom('webhook_deliveries')
      .select(['tenant_id', 'delivery_id'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const out: DueDelivery[] = [];
    for (const c of candidates) {
      const r = await this.db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: until })
        .where('tenant_id', '=', c.tenant_id)
        .where('delivery_id', '=', c.delivery_id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
        .executeTakeFirst();
      if (r.numUpdatedRows !== 1n) continue;
      const row = await this.db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', (j) => j.onRef('w.tenant_id', '=', 'd.tenant_id').onRef('w.webhook_id', '=', 'd.webhook_id'))
        .selectAll('d')
        .select(['w.url', 'w.sealed_secret'])
        .where('d.tenant_id', '=', c.tenant_id)
        .where('d.delivery_id', '=', c.delivery_id)
        .executeTakeFirstOrThrow();
      out.push({ ...toDelivery(row), url: row.url, secret: this.openSecret(row.tenant_id, row.webhook_id, row.sealed_secret) });
    }
    return out;
  }

  private openSecret(tenantId: string, id: string, sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const opened = openBytes(this.crypto, this.master, secretContext(tenantId, id), { iv: raw.subarray(0, 16), ct: raw.subarray(16, raw.length - 32), tag: raw.subarray(raw.length - 32) });
    if (!opened) throw new StoreError('envelope_invalid', `the secret of webhook ${id} fails its integrity check`, `Webhook ${id} 的密钥校验失败`);
    return Buffer.from(opened).toString('utf8');
  }

  /** Records the outcome of an attempt: delivered, retried at `nextAttemptAt`, or failed for good (null). */
  async recordAttempt(
    tenantId: TenantId,
    id: string,
    outcome: { readonly ok: boolean; readonly status: number | null; readonly error: string | null; readonly at: Instant; readonly nextAttemptAt: Instant | null },
  ): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: outcome.ok ? 'delivered' : outcome.nextAttemptAt === null ? 'failed' : 'pending',
        last_status: outcome.status,
        last_error: outcome.error === null ? null : outcome.error.slice(0, 500),
        delivered_at: outcome.ok ? writeInstant(outcome.at) : null,
        next_attempt_at: writeInstant(outcome.nextAttemptAt ?? outcome.at),
        claimed_until: null,
      }))
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', '=', id)
      .execute();
  }
}
