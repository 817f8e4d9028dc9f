import { sql, type Kysely } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, readInt, writeInstant } from './convert.js';
import { openBytes, sealBytes, type EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import { StoreError } from './errors.js';

/** A user's TOTP second factor; the secret is sealed under the master key, as the server must read it back. */
export interface TotpFactor {
  /** The shared secret (base32), opened. */
  readonly secret: string;
  readonly createdAt: Instant;
  /** Null while enrolment waits for the first valid code. */
  readonly confirmedAt: Instant | null;
  /** Time step of the last accepted code (codes are single-use). */
  readonly lastStep: number | null;
}

const context = (tenantId: string, userId: string): string => `totp v1|${tenantId}|${userId}`;

export class TotpRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly crypto: CryptoProvider,
    private readonly master: EtmKeys,
  ) {}

  /** Starts (or restarts) enrolment with a new secret; an unconfirmed factor is not required at login. */
  async put(tenantId: TenantId, userId: UserId, secret: string, at: Instant): Promise<void> {
    const box = sealBytes(this.crypto, this.master, context(tenantId, userId), Buffer.from(secret, 'utf8'));
    const sealed = Buffer.concat([box.iv, box.ct, box.tag]).toString('base64');
    const values = { sealed_secret: sealed, created_at: writeInstant(at), confirmed_at: null, last_step: null };
    await this.db
      .insertInto('user_totp')
      .values({ tenant_id: tenantId, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values))
      .execute();
  }

  /**
   * @throws StoreError `envelope_invalid` when the sealed secret fails its check (altered, or another master key).
   */
  async get(tenantId: TenantId, userId: UserId): Promise<TotpFactor | undefined> {
    const r = await this.db.selectFrom('user_totp').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    if (!r) return undefined;
    const raw = Buffer.from(r.sealed_secret, 'base64');
    const opened = openBytes(this.crypto, this.master, context(tenantId, userId), {
      iv: raw.subarray(0, 16),
      ct: raw.subarray(16, raw.length - 32),
      tag: raw.subarray(raw.length - 32),
    });
    if (!opened) throw new StoreError('envelope_invalid', `the TOTP secret of ${userId} fails its integrity check`, `用户 ${userId} 的动态口令密钥校验失败`);
    return {
      secret: Buffer.from(opened).toString('utf8'),
      createdAt: readInstant(r.created_at),
      confirmedAt: readInstantOrNull(r.confirmed_at),
      lastStep: r.last_step === null ? null : readInt(r.last_step),
    };
  }

  /**
   * Records an accepted code's time step (and confirms enrolment), only if no code of that step or a later one
   * was accepted before: two logins racing with the same code cannot both win.
   */
  async accept(tenantId: TenantId, userId: UserId, step: number, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('user_totp')
      .set({ last_step: step, confirmed_at: sql<string>`coalesce(confirmed_at, ${writeInstant(at)})` })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  async remove(tenantId: TenantId, userId: UserId): Promise<void> {
    await this.db.deleteFrom('user_totp').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  }
}
