import { sql, type Kysely, type QueryCreator, type Selectable } from 'kysely';
import type { Instant, LocalDate, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, readInt, writeInstant } from './convert.js';
import type { Database } from './database.js';
import type { Dialect } from './db.js';

export type NotifyDeliveryStatus = 'pending' | 'sent' | 'failed';

/** One message to one recipient by one channel: a row of the outbox. */
export interface NotifyDelivery {
  readonly id: string;
  readonly tenantId: TenantId;
  /** Same key, same delivery: written twice (a retried fan-out, two nodes), it is stored once. */
  readonly dedupeKey: string;
  readonly channelKind: string;
  /** The configured channel; null for e-mail by the installation's SMTP server. */
  readonly channelId: string | null;
  readonly recipientKind: 'user' | 'unit';
  readonly recipientId: string;
  readonly eventSeq: number | null;
  readonly itemId: string | null;
  readonly urgency: string;
  /** JSON of the composed message (domain/notify/message.ts): what every recipient of it may see, no address. */
  readonly message: string;
  readonly status: NotifyDeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Instant;
  readonly lastError: string | null;
  readonly createdAt: Instant;
  readonly sentAt: Instant | null;
}

export type NewNotifyDelivery = Omit<NotifyDelivery, 'tenantId' | 'status' | 'attempts' | 'lastError' | 'sentAt'>;

/** A claimed delivery: `claimedUntil` is its fencing token for recordAttempt, as for webhook deliveries. */
export interface ClaimedNotifyDelivery extends NotifyDelivery {
  readonly claimedUntil: Instant;
}

const toDelivery = (r: Selectable<Database['notify_deliveries']>): NotifyDelivery => ({
  id: r.delivery_id,
  tenantId: r.tenant_id,
  dedupeKey: r.dedupe_key,
  channelKind: r.channel_kind,
  channelId: r.channel_id,
  recipientKind: r.recipient_kind as 'user' | 'unit',
  recipientId: r.recipient_id,
  eventSeq: r.event_seq === null ? null : readInt(r.event_seq),
  itemId: r.item_id,
  urgency: r.urgency,
  message: r.message,
  status: r.status as NotifyDeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: readInstant(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: readInstant(r.created_at),
  sentAt: readInstantOrNull(r.sent_at),
});

const CHUNK = 300;

/** The notification outbox: deliveries to outside channels, and the claimed rows of the digests. */
export class NotifyOutboxRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /** Writes deliveries; one whose dedupe key is there already is skipped. @returns how many were new. */
  async insert(tenantId: TenantId, deliveries: readonly NewNotifyDelivery[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < deliveries.length; i += CHUNK) {
      const rows = deliveries.slice(i, i + CHUNK).map((d) => ({
        tenant_id: tenantId,
        delivery_id: d.id,
        dedupe_key: d.dedupeKey,
        channel_kind: d.channelKind,
        channel_id: d.channelId,
        recipient_kind: d.recipientKind,
        recipient_id: d.recipientId,
        event_seq: d.eventSeq,
        item_id: d.itemId,
        urgency: d.urgency,
        message: d.message,
        status: 'pending',
        attempts: 0,
        next_attempt_at: writeInstant(d.nextAttemptAt),
        claimed_until: null,
        last_error: null,
        created_at: writeInstant(d.createdAt),
        sent_at: null,
      }));
      const r = await this.db
        .insertInto('notify_deliveries')
        .values(rows)
        .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      n += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return n;
  }

  /**
   * Claims up to `limit` due pending deliveries for `leaseMs` in one statement (PostgreSQL skips rows another
   * dispatcher has locked), so dispatchers on several nodes never send one delivery at the same time.
   */
  async claimDue(now: Instant, limit: number, leaseMs: number): Promise<ClaimedNotifyDelivery[]> {
    const at = writeInstant(now);
    const until = writeInstant(new Date(Date.parse(now) + leaseMs));
    const due = (db: QueryCreator<Database>) =>
      db
        .selectFrom('notify_deliveries as d')
        .select(['d.tenant_id', 'd.delivery_id'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', at)
        .where((w) => w.or([w('d.claimed_until', 'is', null), w('d.claimed_until', '<', at)]))
        .orderBy('d.next_attempt_at')
        .limit(Math.max(1, limit));
    const claimed =
      this.dialect === 'postgres'
        ? await this.db
            .with(
              (cte) => cte('picked').materialized(),
              (db) => due(db).forUpdate().skipLocked(),
            )
            .updateTable('notify_deliveries')
            .from('picked')
            .set({ claimed_until: until })
            .whereRef('notify_deliveries.tenant_id', '=', 'picked.tenant_id')
            .whereRef('notify_deliveries.delivery_id', '=', 'picked.delivery_id')
            .returningAll('notify_deliveries')
            .execute()
        : await this.db
            .updateTable('notify_deliveries')
            .set({ claimed_until: until })
            .where((eb) => eb(eb.refTuple('tenant_id', 'delivery_id'), 'in', due(this.db).$asTuple('tenant_id', 'delivery_id')))
            .returningAll()
            .execute();
    return claimed.map((r) => ({ ...toDelivery(r), claimedUntil: until })).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  /**
   * Records an attempt while the caller still holds its claim: sent, retried at `nextAttemptAt`, or failed for
   * good (nextAttemptAt null). `postponed`: not attempted at all (the channel's rate limit), so not counted.
   * @returns whether it was recorded.
   */
  async recordAttempt(
    tenantId: TenantId,
    id: string,
    claimedUntil: Instant,
    o: { readonly ok: boolean; readonly error: string | null; readonly at: Instant; readonly nextAttemptAt: Instant | null; readonly postponed?: boolean },
  ): Promise<boolean> {
    const retry = !o.ok && o.nextAttemptAt !== null;
    const r = await this.db
      .updateTable('notify_deliveries')
      .set((eb) => ({
        attempts: o.postponed ? eb.ref('attempts') : eb('attempts', '+', 1),
        status: o.ok ? 'sent' : retry ? 'pending' : 'failed',
        last_error: o.postponed ? eb.ref('last_error') : o.error === null ? null : o.error.slice(0, 500),
        sent_at: o.ok ? writeInstant(o.at) : null,
        next_attempt_at: writeInstant(o.nextAttemptAt ?? o.at),
        claimed_until: null,
      }))
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', '=', id)
      .where('status', '=', 'pending')
      .where('claimed_until', '=', writeInstant(claimedUntil))
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  /** How many deliveries a channel sent since `since`, across every node: what its rate limit counts. */
  async sentSince(tenantId: TenantId, channelId: string, since: Instant): Promise<number> {
    const r = await this.db
      .selectFrom('notify_deliveries')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('channel_id', '=', channelId)
      .where('sent_at', '>=', writeInstant(since))
      .executeTakeFirstOrThrow();
    return readInt(r.n);
  }

  /** The delivery log, newest first, optionally only one status. */
  async list(tenantId: TenantId, o: { status?: NotifyDeliveryStatus; limit?: number } = {}): Promise<NotifyDelivery[]> {
    const rows = await this.db
      .selectFrom('notify_deliveries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(o.status !== undefined, (q) => q.where('status', '=', o.status!))
      .orderBy('created_at', 'desc')
      .orderBy('delivery_id', 'desc')
      .limit(Math.max(1, Math.min(o.limit ?? 100, 1000)))
      .execute();
    return rows.map(toDelivery);
  }

  async get(tenantId: TenantId, id: string): Promise<NotifyDelivery | undefined> {
    const r = await this.db.selectFrom('notify_deliveries').selectAll().where('tenant_id', '=', tenantId).where('delivery_id', '=', id).executeTakeFirst();
    return r ? toDelivery(r) : undefined;
  }

  /** Puts a delivery back in the queue, due at `at`, with a fresh count of attempts (the admin's resend). */
  async resend(tenantId: TenantId, id: string, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('notify_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: writeInstant(at), claimed_until: null, sent_at: null })
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', '=', id)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  /**
   * Claims a person's digest of a kind for a day: true for exactly one caller across every node (the row's
   * primary key decides), false when it was claimed already.
   */
  async claimDigest(tenantId: TenantId, userId: UserId, kind: 'daily' | 'weekly', day: LocalDate, node: string, at: Instant): Promise<boolean> {
    const r = await this.db
      .insertInto('notify_digests')
      .values({ tenant_id: tenantId, user_id: userId, kind, day, node, created_at: writeInstant(at) })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'kind', 'day']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
}
