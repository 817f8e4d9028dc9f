import { sql, type Kysely, type QueryCreator, type Selectable } from 'kysely';
import type { Instant, TenantId, UnitId, UserId } from '../domain/ids.js';
import type { StoredEvent } from './chain.js';
import { readInstant, readInstantOrNull, readInt, writeInstant } from './convert.js';
import { openBytes, sealBytes, type EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import { preparedStatement, type Dialect } from './db.js';
import { mappingWriteErrors } from './db-errors.js';

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
  /**
   * Until when this claim holds; also its fencing token for recordAttempt: a later claim of the same row (made
   * only after this one ran out, so always later) replaces it, and then this holder's outcome is not recorded.
   */
  readonly claimedUntil: Instant;
}

/** The last error of a delivery that is never sent because its webhook's sealed secret fails its check. */
export const SECRET_INVALID_ERROR = "not sent: the webhook's signing secret fails its integrity check (envelope_invalid); register the webhook again";

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

/** The last error of a delivery that was not sent because its webhook was disabled. */
export const DISABLED_ERROR = 'webhook disabled';

const secretContext = (tenantId: string, id: string): string => `webhook v1|${tenantId}|${id}`;

/**
 * Whether tenant $1 has a live webhook, as SQL: asked by the statement that appends events on PostgreSQL (see
 * appendToChain), so that the outbox costs no query of its own while a tenant has no webhooks.
 */
export const LIVE_WEBHOOKS_SQL = 'exists (select from webhooks where tenant_id = $1 and disabled_at is null)';

/** Whether an appended event is one of the loop's (about an item, carrying the item's version): those are delivered. */
export const isDelivered = (e: StoredEvent): boolean => e.itemId !== null && typeof e.payload.version === 'number';

/** The JSON body of a delivery: the event and the item as it stands after it. */
export function deliveryPayload(
  e: StoredEvent,
  item: { readonly id: string; readonly number: string; readonly ledgerType: string; readonly status: string; readonly version: number },
): string {
  return JSON.stringify({
    event: { seq: e.seq, type: e.type, itemId: e.itemId, at: e.at, actorUnitId: e.actorUnitId },
    item: { id: item.id, number: item.number, ledgerType: item.ledgerType, status: item.status, version: item.version },
  });
}

/** The tenant's live webhooks: asked on every SQLite action (PostgreSQL learns it from the chain append). */
const liveWebhooks = preparedStatement<{ webhook_id: string; unit_id: string; ledger_type: string | null }>(
  'select webhook_id, unit_id, ledger_type from webhooks where tenant_id = ? and disabled_at is null',
);

/** Webhooks and their outbox of deliveries. */
export class WebhookRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly crypto: CryptoProvider,
    private readonly master: EtmKeys,
    private readonly dialect: Dialect,
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

  /**
   * Switches a webhook off and marks its pending deliveries failed ("webhook disabled"), except those a dispatcher
   * holds a claim on at `at`: their attempt is recorded, and a retry of them becomes failed then (recordAttempt).
   */
  async disable(tenantId: TenantId, id: string, at: Instant): Promise<boolean> {
    const when = writeInstant(at);
    const r = await this.db
      .updateTable('webhooks')
      .set({ disabled_at: when })
      .where('tenant_id', '=', tenantId)
      .where('webhook_id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return false;
    await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: DISABLED_ERROR, claimed_until: null })
      .where('tenant_id', '=', tenantId)
      .where('webhook_id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', when)]))
      .execute();
    return true;
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
    const loop = events.filter(isDelivered);
    if (loop.length === 0) return 0;
    const hooks = (await liveWebhooks(tenantId).execute(this.db)).rows;
    if (hooks.length === 0) return 0;
    const ids = [...new Set(loop.map((e) => e.itemId!))];
    const [items, coUnits, units] = await Promise.all([
      this.db
        .selectFrom('items')
        .select(['item_id', 'number', 'ledger_type', 'status', 'version', 'owner_unit_id', 'lead_unit_id'])
        .where('tenant_id', '=', tenantId)
        .where('item_id', 'in', ids)
        .execute(),
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
      const payload = deliveryPayload(e, { id: item.item_id, number: item.number, ledgerType: item.ledger_type, status: item.status, version: item.version });
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
   * Claims up to `limit` pending deliveries that are due and whose webhook is live, for `leaseMs`, in one
   * statement (an update of the rows a subselect picks, on PostgreSQL skipping rows another dispatcher has
   * locked), then reads their webhooks' URLs and secrets in one more: dispatchers on several nodes never send
   * the same delivery at the same time. A delivery whose webhook's sealed secret fails its check is not
   * returned but marked failed (SECRET_INVALID_ERROR), so it holds up neither the batch nor the outbox.
   */
  async claimDue(now: Instant, limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const at = writeInstant(now);
    const until = writeInstant(new Date(Date.parse(now) + leaseMs));
    const due = (db: QueryCreator<Database>) =>
      db
        .selectFrom('webhook_deliveries as d')
        .select(['d.tenant_id', 'd.delivery_id'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', at)
        .where((w) => w.or([w('d.claimed_until', 'is', null), w('d.claimed_until', '<', at)]))
        .where((w) =>
          w.exists(
            w
              .selectFrom('webhooks as h')
              .select(sql<number>`1`.as('one'))
              .whereRef('h.tenant_id', '=', 'd.tenant_id')
              .whereRef('h.webhook_id', '=', 'd.webhook_id')
              .where('h.disabled_at', 'is', null),
          ),
        )
        .orderBy('d.next_attempt_at')
        .limit(Math.max(1, limit));
    const claimed =
      this.dialect === 'postgres'
        ? // The rows are picked and locked once, in a CTE: a locking subselect inside the UPDATE's WHERE may be run
          // again for each row it updates, skip the rows already updated and so hand over more than `limit` rows.
          // FOR UPDATE re-reads a row that another dispatcher changed since the snapshot and checks it again.
          await this.db
            .with(
              (cte) => cte('picked').materialized(),
              (db) => due(db).forUpdate().skipLocked(),
            )
            .updateTable('webhook_deliveries')
            .from('picked')
            .set({ claimed_until: until })
            .whereRef('webhook_deliveries.tenant_id', '=', 'picked.tenant_id')
            .whereRef('webhook_deliveries.delivery_id', '=', 'picked.delivery_id')
            .returningAll('webhook_deliveries')
            .execute()
        : // SQLite has one writer at a time and runs an uncorrelated IN subquery once.
          await this.db
            .updateTable('webhook_deliveries')
            .set({ claimed_until: until })
            .where((eb) => eb(eb.refTuple('tenant_id', 'delivery_id'), 'in', due(this.db).$asTuple('tenant_id', 'delivery_id')))
            .returningAll()
            .execute();
    if (claimed.length === 0) return [];
    const hooks = await this.db
      .selectFrom('webhooks')
      .select(['tenant_id', 'webhook_id', 'url', 'sealed_secret'])
      .where('tenant_id', 'in', [...new Set(claimed.map((r) => r.tenant_id))])
      .where('webhook_id', 'in', [...new Set(claimed.map((r) => r.webhook_id))])
      .execute();
    const key = (tenantId: string, webhookId: string): string => `${tenantId}\u0000${webhookId}`;
    const opened = new Map<string, { url: string; secret: string | null }>();
    for (const h of hooks) opened.set(key(h.tenant_id, h.webhook_id), { url: h.url, secret: this.openSecret(h.tenant_id, h.webhook_id, h.sealed_secret) });
    const out: DueDelivery[] = [];
    const bad = new Map<string, string[]>();
    for (const r of claimed.sort((a, b) => readInstant(a.next_attempt_at).localeCompare(readInstant(b.next_attempt_at)))) {
      const hook = opened.get(key(r.tenant_id, r.webhook_id));
      if (hook?.secret == null) {
        bad.set(r.tenant_id, [...(bad.get(r.tenant_id) ?? []), r.delivery_id]);
        continue;
      }
      out.push({ ...toDelivery(r), url: hook.url, secret: hook.secret, claimedUntil: until });
    }
    for (const [tenantId, ids] of bad) {
      await this.db
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', last_error: SECRET_INVALID_ERROR, claimed_until: null })
        .where('tenant_id', '=', tenantId)
        .where('delivery_id', 'in', ids)
        .where('claimed_until', '=', until)
        .execute();
    }
    return out;
  }

  /**
   * Marks failed ("webhook disabled") the pending deliveries of disabled webhooks that nobody holds a claim on at
   * `now`: those whose dispatcher stopped while sending when the webhook was disabled (claimDue never takes them).
   * @returns how many.
   */
  async failDisabled(now: Instant): Promise<number> {
    const at = writeInstant(now);
    const r = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: DISABLED_ERROR, claimed_until: null })
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('webhooks as h')
            .select(sql<number>`1`.as('one'))
            .whereRef('h.tenant_id', '=', 'webhook_deliveries.tenant_id')
            .whereRef('h.webhook_id', '=', 'webhook_deliveries.webhook_id')
            .where('h.disabled_at', 'is not', null),
        ),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** The webhook's signing secret, or null when its sealed box fails the integrity check. */
  private openSecret(tenantId: string, id: string, sealed: string): string | null {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < 48) return null;
    const opened = openBytes(this.crypto, this.master, secretContext(tenantId, id), {
      iv: raw.subarray(0, 16),
      ct: raw.subarray(16, raw.length - 32),
      tag: raw.subarray(raw.length - 32),
    });
    return opened ? Buffer.from(opened).toString('utf8') : null;
  }

  /**
   * Records the outcome of an attempt — delivered, retried at `nextAttemptAt`, or failed for good (null) — if the
   * caller still holds the claim `claimedUntil` it was sent under (compare-and-set): once that claim ran out and
   * another dispatcher claimed the delivery, or it was settled meanwhile, nothing is written. A retry of a delivery
   * whose webhook has been disabled since it was claimed is failed instead.
   * @returns whether the outcome was recorded.
   */
  async recordAttempt(
    tenantId: TenantId,
    id: string,
    claimedUntil: Instant,
    outcome: { readonly ok: boolean; readonly status: number | null; readonly error: string | null; readonly at: Instant; readonly nextAttemptAt: Instant | null },
  ): Promise<boolean> {
    const error = outcome.error === null ? null : outcome.error.slice(0, 500);
    const retry = !outcome.ok && outcome.nextAttemptAt !== null;
    const disabled = sql<boolean>`exists (select 1 from webhooks h where h.tenant_id = webhook_deliveries.tenant_id and h.webhook_id = webhook_deliveries.webhook_id and h.disabled_at is not null)`;
    const r = await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: outcome.ok ? 'delivered' : retry ? sql<string>`case when ${disabled} then 'failed' else 'pending' end` : 'failed',
        last_status: outcome.status,
        last_error: retry ? sql<string>`case when ${disabled} then cast(${`${error}; ${DISABLED_ERROR}`} as text) else cast(${error} as text) end` : error,
        delivered_at: outcome.ok ? writeInstant(outcome.at) : null,
        next_attempt_at: writeInstant(outcome.nextAttemptAt ?? outcome.at),
        claimed_until: null,
      }))
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', '=', id)
      .where('status', '=', 'pending')
      .where('claimed_until', '=', writeInstant(claimedUntil))
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }
}
