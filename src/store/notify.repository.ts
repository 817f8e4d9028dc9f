import { sql, type Kysely } from 'kysely';
import type { Instant, TenantId, UnitId, UserId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, readInt, writeInstant } from './convert.js';
import type { EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import type { Dialect } from './db.js';
import { mappingWriteErrors } from './db-errors.js';
import { seal, unseal } from './notify-seal.js';

/** A channel a tenant configured: a unit's group robot, the corp app, an SMS account. */
export interface NotifyChannel {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly kind: string;
  /** The unit whose group a robot posts to; null for tenant-wide channels (corp app, SMS). */
  readonly unitId: UnitId | null;
  /** The robot's webhook URL or the vendor API's base URL (configurable for intranet gateways and tests). */
  readonly url: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly createdBy: UserId;
  readonly createdAt: Instant;
  readonly disabledAt: Instant | null;
}

/** A channel with its opened secrets, for sending. `secrets` is null when its sealed box fails its check. */
export interface OpenChannel extends NotifyChannel {
  readonly secrets: Readonly<Record<string, string>> | null;
}

export const CONTACT_KINDS = ['email', 'phone', 'dingtalk', 'wecom'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** An in-app notification. */
export interface InboxEntry {
  readonly id: string;
  readonly userId: UserId;
  readonly eventSeq: number | null;
  readonly itemId: string | null;
  readonly ruleKey: string;
  readonly urgency: string;
  readonly subject: string;
  readonly createdAt: Instant;
  readonly readAt: Instant | null;
}

export interface NewInboxEntry extends Omit<InboxEntry, 'readAt'> {
  readonly dedupeKey: string;
}

const channelContext = (tenantId: string, id: string): string => `notify-channel v1|${tenantId}|${id}`;
const contactContext = (tenantId: string, userId: string, kind: string): string => `notify-contact v1|${tenantId}|${userId}|${kind}`;
const parseRecord = (s: string): Record<string, string> => JSON.parse(s) as Record<string, string>;

/** Rows per INSERT, far below both databases' parameter limits. */
const CHUNK = 500;

/** Settings, channels, contacts, preferences, the notifier's cursor and the in-app inbox. */
export class NotifyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly crypto: CryptoProvider,
    private readonly master: EtmKeys,
    private readonly dialect: Dialect,
  ) {}

  /** The tenant's rule overrides (JSON text) and digest time, or undefined when never set. */
  async getSettings(tenantId: TenantId): Promise<{ rules: string; digestAt: string } | undefined> {
    const r = await this.db.selectFrom('notify_settings').select(['rules', 'digest_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
    return r ? { rules: r.rules, digestAt: r.digest_at } : undefined;
  }

  async putSettings(tenantId: TenantId, s: { rules: string; digestAt: string }, at: Instant): Promise<void> {
    await this.db
      .insertInto('notify_settings')
      .values({ tenant_id: tenantId, rules: s.rules, digest_at: s.digestAt, updated_at: writeInstant(at) })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ rules: s.rules, digest_at: s.digestAt, updated_at: writeInstant(at) }))
      .execute();
  }

  /** @throws StoreError `already_exists`, `reference_not_found` (unit). */
  async insertChannel(c: Omit<NotifyChannel, 'disabledAt'>, secrets: Readonly<Record<string, string>>): Promise<void> {
    const sealed = Object.keys(secrets).length === 0 ? null : seal(this.crypto, this.master, channelContext(c.tenantId, c.id), JSON.stringify(secrets));
    await mappingWriteErrors(`notification channel ${c.kind}`, () =>
      this.db
        .insertInto('notify_channels')
        .values({
          tenant_id: c.tenantId,
          channel_id: c.id,
          kind: c.kind,
          unit_id: c.unitId,
          url: c.url,
          settings: JSON.stringify(c.settings),
          sealed_secret: sealed,
          created_by: c.createdBy,
          created_at: writeInstant(c.createdAt),
          disabled_at: null,
        })
        .execute(),
    );
  }

  async disableChannel(tenantId: TenantId, id: string, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('notify_channels')
      .set({ disabled_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('channel_id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  /** The tenant's channels (without secrets), oldest first. */
  async listChannels(tenantId: TenantId): Promise<NotifyChannel[]> {
    const rows = await this.db.selectFrom('notify_channels').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('channel_id').execute();
    return rows.map((r) => ({
      id: r.channel_id,
      tenantId: r.tenant_id,
      kind: r.kind,
      unitId: r.unit_id,
      url: r.url,
      settings: parseRecord(r.settings),
      createdBy: r.created_by,
      createdAt: readInstant(r.created_at),
      disabledAt: readInstantOrNull(r.disabled_at),
    }));
  }

  /** A channel with its secrets opened, for sending. */
  async openChannel(tenantId: TenantId, id: string): Promise<OpenChannel | undefined> {
    const c = (await this.listChannels(tenantId)).find((x) => x.id === id);
    if (!c) return undefined;
    const r = await this.db.selectFrom('notify_channels').select('sealed_secret').where('tenant_id', '=', tenantId).where('channel_id', '=', id).executeTakeFirstOrThrow();
    if (r.sealed_secret === null) return { ...c, secrets: {} };
    const opened = unseal(this.crypto, this.master, channelContext(tenantId, id), r.sealed_secret);
    return { ...c, secrets: opened === null ? null : parseRecord(opened) };
  }

  /** Sets (or, with null, removes) a person's contact of a kind; the value is sealed (personal data). */
  async setContact(tenantId: TenantId, userId: UserId, kind: ContactKind, value: string | null, at: Instant): Promise<void> {
    if (value === null) {
      await this.db.deleteFrom('notify_contacts').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('kind', '=', kind).execute();
      return;
    }
    const sealed = seal(this.crypto, this.master, contactContext(tenantId, userId, kind), value);
    await mappingWriteErrors(`contact of ${userId}`, () =>
      this.db
        .insertInto('notify_contacts')
        .values({ tenant_id: tenantId, user_id: userId, kind, sealed_value: sealed, updated_at: writeInstant(at) })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'kind']).doUpdateSet({ sealed_value: sealed, updated_at: writeInstant(at) }))
        .execute(),
    );
  }

  /** A person's contact of a kind, or null (none, or its sealed box fails its check). */
  async getContact(tenantId: TenantId, userId: UserId, kind: ContactKind): Promise<string | null> {
    const r = await this.db
      .selectFrom('notify_contacts')
      .select('sealed_value')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return r ? unseal(this.crypto, this.master, contactContext(tenantId, userId, kind), r.sealed_value) : null;
  }

  /** Which kinds of contact each person of the tenant has (not the values): what the fan-out may address. */
  async contactKinds(tenantId: TenantId): Promise<Map<UserId, Set<ContactKind>>> {
    const rows = await this.db.selectFrom('notify_contacts').select(['user_id', 'kind']).where('tenant_id', '=', tenantId).execute();
    const out = new Map<UserId, Set<ContactKind>>();
    for (const r of rows) out.set(r.user_id, (out.get(r.user_id) ?? new Set()).add(r.kind as ContactKind));
    return out;
  }

  async getPreferences(tenantId: TenantId, userId: UserId): Promise<string | undefined> {
    return (await this.db.selectFrom('notify_preferences').select('prefs').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst())?.prefs;
  }

  /** Every stored preference of the tenant, as JSON text per person. */
  async allPreferences(tenantId: TenantId): Promise<Map<UserId, string>> {
    const rows = await this.db.selectFrom('notify_preferences').select(['user_id', 'prefs']).where('tenant_id', '=', tenantId).execute();
    return new Map(rows.map((r) => [r.user_id, r.prefs]));
  }

  async putPreferences(tenantId: TenantId, userId: UserId, prefs: string, at: Instant): Promise<void> {
    await mappingWriteErrors(`preferences of ${userId}`, () =>
      this.db
        .insertInto('notify_preferences')
        .values({ tenant_id: tenantId, user_id: userId, prefs, updated_at: writeInstant(at) })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ prefs, updated_at: writeInstant(at) }))
        .execute(),
    );
  }

  /**
   * Takes the tenant's notifier cursor for this transaction: the seq of the last event turned into notifications.
   * PostgreSQL holds its row lock to the commit, so a notifier on another node waits and then reads on from
   * where this one left off; SQLite's single writer gives the same. A tenant's first look starts at `startSeq`.
   */
  async lockCursor(tenantId: TenantId, startSeq: number, at: Instant): Promise<number> {
    await this.db
      .insertInto('notify_cursors')
      .values({ tenant_id: tenantId, last_seq: startSeq, updated_at: writeInstant(at) })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
    const q = this.db.selectFrom('notify_cursors').select('last_seq').where('tenant_id', '=', tenantId);
    const r = await (this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
    return readInt(r.last_seq);
  }

  async moveCursor(tenantId: TenantId, lastSeq: number, at: Instant): Promise<void> {
    await this.db
      .updateTable('notify_cursors')
      .set({ last_seq: lastSeq, updated_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .execute();
  }

  /** Adds in-app notifications; one already there (same person and dedupe key) is left as it is. @returns how many were new. */
  async insertInbox(tenantId: TenantId, entries: readonly NewInboxEntry[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < entries.length; i += CHUNK) {
      const rows = entries.slice(i, i + CHUNK).map((e) => ({
        tenant_id: tenantId,
        notification_id: e.id,
        user_id: e.userId,
        dedupe_key: e.dedupeKey,
        event_seq: e.eventSeq,
        item_id: e.itemId,
        rule_key: e.ruleKey,
        urgency: e.urgency,
        subject: e.subject,
        created_at: writeInstant(e.createdAt),
        read_at: null,
      }));
      const r = await this.db
        .insertInto('notifications')
        .values(rows)
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      n += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return n;
  }

  /** A person's notifications, newest first. */
  async listInbox(tenantId: TenantId, userId: UserId, o: { unreadOnly?: boolean; limit?: number } = {}): Promise<InboxEntry[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .$if(o.unreadOnly === true, (q) => q.where('read_at', 'is', null))
      .orderBy('created_at', 'desc')
      .orderBy(sql`coalesce(event_seq, 0)`, 'desc')
      .orderBy('notification_id', 'desc')
      .limit(Math.max(1, Math.min(o.limit ?? 50, 500)))
      .execute();
    return rows.map((r) => ({
      id: r.notification_id,
      userId: r.user_id,
      eventSeq: r.event_seq === null ? null : readInt(r.event_seq),
      itemId: r.item_id,
      ruleKey: r.rule_key,
      urgency: r.urgency,
      subject: r.subject,
      createdAt: readInstant(r.created_at),
      readAt: readInstantOrNull(r.read_at),
    }));
  }

  async unreadCount(tenantId: TenantId, userId: UserId): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return readInt(r.n);
  }

  /** Marks a person's notifications read: the ones named, or all with `ids` null. @returns how many changed. */
  async markRead(tenantId: TenantId, userId: UserId, ids: readonly string[] | null, at: Instant): Promise<number> {
    if (ids !== null && ids.length === 0) return 0;
    const r = await this.db
      .updateTable('notifications')
      .set({ read_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .$if(ids !== null, (q) => q.where('notification_id', 'in', ids!))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
