import type { Kysely, Selectable } from 'kysely';
import type { Instant, TenantId, UnitId, UserId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, readJson, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

/** An API token for an integration: acts as its user, narrowed to a unit and a set of scopes. */
export interface ApiToken {
  readonly id: string;
  readonly tenantId: TenantId;
  /** Digest of the secret; the secret is shown once and never stored. */
  readonly tokenHash: string;
  readonly userId: UserId;
  readonly name: string;
  readonly unitId: UnitId;
  readonly scopes: readonly string[];
  readonly createdAt: Instant;
  readonly expiresAt: Instant | null;
  readonly lastUsedAt: Instant | null;
  readonly revokedAt: Instant | null;
}

const toToken = (r: Selectable<Database['api_tokens']>): ApiToken => ({
  id: r.token_id,
  tenantId: r.tenant_id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  name: r.name,
  unitId: r.unit_id,
  scopes: (readJson(r.scopes) as string[]) ?? [],
  createdAt: readInstant(r.created_at),
  expiresAt: readInstantOrNull(r.expires_at),
  lastUsedAt: readInstantOrNull(r.last_used_at),
  revokedAt: readInstantOrNull(r.revoked_at),
});

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** @throws StoreError `already_exists`, `reference_not_found` (user or unit). */
  async insert(t: Omit<ApiToken, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    await mappingWriteErrors(`token ${t.name}`, () =>
      this.db
        .insertInto('api_tokens')
        .values({
          tenant_id: t.tenantId,
          token_id: t.id,
          token_hash: t.tokenHash,
          user_id: t.userId,
          name: t.name,
          unit_id: t.unitId,
          scopes: JSON.stringify(t.scopes),
          created_at: writeInstant(t.createdAt),
          expires_at: t.expiresAt === null ? null : writeInstant(t.expiresAt),
          last_used_at: null,
          revoked_at: null,
        })
        .execute(),
    );
  }

  async getByHash(tokenHash: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? toToken(r) : undefined;
  }

  async get(tenantId: TenantId, id: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId).where('token_id', '=', id).executeTakeFirst();
    return r ? toToken(r) : undefined;
  }

  /** A user's tokens, newest first (revoked ones included, so the owner sees what was revoked). */
  async listByUser(tenantId: TenantId, userId: UserId): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('token_id')
      .execute();
    return rows.map(toToken);
  }

  async touch(tenantId: TenantId, id: string, at: Instant): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('token_id', '=', id)
      .execute();
  }

  /** True when a live token was revoked. */
  async revoke(tenantId: TenantId, id: string, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('token_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }
}
