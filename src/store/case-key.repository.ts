import type { Kysely } from 'kysely';
import type { Instant, LocalDate, TenantId } from '../domain/ids.js';
import { readInstant, writeInstant, writeLocalDateOrNull } from './convert.js';
import { deriveEtmKeys, openBytes, sealBytes, type EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';
import { PERSONAL_ALGORITHM, caseKeyFromSecret, type CaseKey } from './personal.js';

/** The state of a case's key. */
export type CaseKeyLookup = { readonly status: 'active'; readonly key: CaseKey } | { readonly status: 'destroyed'; readonly destroyedAt: Instant } | { readonly status: 'absent' };

/** Derives the keys that wrap case keys from the master secret (master.key). */
export function masterKeys(crypto: CryptoProvider, masterSecret: Uint8Array): EtmKeys {
  return deriveEtmKeys(crypto, masterSecret, 'luoshi master v1');
}

const wrapContext = (tenantId: string, caseId: string): string => `case key v1|${tenantId}|${caseId}`;

/**
 * Destroys a case's key, inside the caller's transaction: the wrapped key is overwritten with NULL (SQLite
 * runs with secure_delete, so the old bytes are zeroed in the file), and every sealed value of the case
 * reads as erased from then on. The events keep their ciphertext, so the chain still verifies.
 * @returns true when a live key was destroyed, false when there was none or it was already destroyed.
 */
export async function destroyCaseKey(trx: Kysely<Database>, tenantId: TenantId, caseId: string, at: Instant): Promise<boolean> {
  const r = await trx
    .updateTable('case_keys')
    .set({ wrapped_key: null, destroyed_at: writeInstant(at, 'destroyedAt') })
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('destroyed_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Per-case keys for personal data, stored wrapped by the master key (which never enters the database). */
export class CaseKeyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly crypto: CryptoProvider,
    private readonly master: EtmKeys,
  ) {}

  /**
   * Creates a random key for a case and stores it wrapped.
   * @param retainUntil last day personal data of the case may be kept; a sweep destroys the key after it.
   * @throws StoreError `case_key_exists` when the case has (or had) a key.
   */
  async create(tenantId: TenantId, caseId: string, at: Instant, retainUntil: LocalDate | null = null): Promise<CaseKey> {
    const secret = this.crypto.randomBytes(32);
    const box = sealBytes(this.crypto, this.master, wrapContext(tenantId, caseId), secret);
    const wrapped = Buffer.concat([box.iv, box.ct, box.tag]).toString('base64');
    const existing = await this.db.selectFrom('case_keys').select('case_id').where('tenant_id', '=', tenantId).where('case_id', '=', caseId).executeTakeFirst();
    if (existing) {
      throw new StoreError('case_key_exists', `case ${caseId} already has a key`, `案件 ${caseId} 已有密钥`, { caseId });
    }
    await mappingWriteErrors(`case key of ${caseId}`, () =>
      this.db
        .insertInto('case_keys')
        .values({
          tenant_id: tenantId,
          case_id: caseId,
          wrapped_key: wrapped,
          algorithm: PERSONAL_ALGORITHM,
          created_at: writeInstant(at, 'createdAt'),
          retain_until: writeLocalDateOrNull(retainUntil, 'retainUntil'),
          destroyed_at: null,
        })
        .execute(),
    );
    return caseKeyFromSecret(this.crypto, tenantId, caseId, secret);
  }

  /**
   * Looks up and unwraps a case's key.
   * @throws StoreError `envelope_invalid` when the wrapped key fails its check (altered, moved from another
   *   case, or a different master key).
   */
  async get(tenantId: TenantId, caseId: string): Promise<CaseKeyLookup> {
    const row = await this.db.selectFrom('case_keys').select(['wrapped_key', 'destroyed_at']).where('tenant_id', '=', tenantId).where('case_id', '=', caseId).executeTakeFirst();
    if (!row) return { status: 'absent' };
    if (row.wrapped_key === null || row.destroyed_at !== null) {
      return { status: 'destroyed', destroyedAt: row.destroyed_at === null ? '' : readInstant(row.destroyed_at) };
    }
    const raw = Buffer.from(row.wrapped_key, 'base64');
    const box = { iv: raw.subarray(0, 16), ct: raw.subarray(16, raw.length - 32), tag: raw.subarray(raw.length - 32) };
    const secret = raw.length === 16 + 32 + 32 ? openBytes(this.crypto, this.master, wrapContext(tenantId, caseId), box) : null;
    if (secret === null) {
      throw new StoreError(
        'envelope_invalid',
        `the key of case ${caseId} cannot be unwrapped: altered, or another master key`,
        `案件 ${caseId} 的密钥无法解开：已被篡改，或主密钥不同`,
        { caseId },
      );
    }
    return { status: 'active', key: caseKeyFromSecret(this.crypto, tenantId, caseId, secret) };
  }

  /** The key for openPersonal: the live key, or null when destroyed or never created (reads as erased). */
  async keyOrNull(tenantId: TenantId, caseId: string): Promise<CaseKey | null> {
    const r = await this.get(tenantId, caseId);
    return r.status === 'active' ? r.key : null;
  }

  /** Destroys the case's key (see destroyCaseKey). */
  destroy(tenantId: TenantId, caseId: string, at: Instant): Promise<boolean> {
    return destroyCaseKey(this.db, tenantId, caseId, at);
  }

  /** Cases whose retention ended before `today` and whose key is still live: what the retention sweep destroys. */
  async listExpired(tenantId: TenantId, today: LocalDate, limit = 1000): Promise<string[]> {
    const rows = await this.db
      .selectFrom('case_keys')
      .select('case_id')
      .where('tenant_id', '=', tenantId)
      .where('retain_until', '<', today)
      .where('destroyed_at', 'is', null)
      .orderBy('retain_until')
      .limit(limit)
      .execute();
    return rows.map((r) => r.case_id);
  }
}
