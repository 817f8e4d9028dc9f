import type { Kysely, Selectable } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

/** A login session. `id` is the digest of the cookie's token; the token itself is never stored. */
export interface Session {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** Synchronizer token the client echoes in `X-CSRF-Token` on every write. */
  readonly csrfToken: string;
  readonly secondFactor: 'none' | 'totp';
  readonly createdAt: Instant;
  readonly lastSeenAt: Instant;
  /** Absolute end of the session, whatever the activity. */
  readonly expiresAt: Instant;
  readonly revokedAt: Instant | null;
  readonly client: string | null;
}

type Row = Selectable<Database['sessions']>;

const toSession = (r: Row): Session => ({
  id: r.session_id,
  tenantId: r.tenant_id,
  userId: r.user_id,
  csrfToken: r.csrf_token,
  secondFactor: r.second_factor === 'totp' ? 'totp' : 'none',
  createdAt: readInstant(r.created_at),
  lastSeenAt: readInstant(r.last_seen_at),
  expiresAt: readInstant(r.expires_at),
  revokedAt: readInstantOrNull(r.revoked_at),
  client: r.client,
});

/** Login sessions, kept in the database so that any node behind the load balancer can check them. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** @throws StoreError `already_exists` (token collision), `reference_not_found` (user). */
  async insert(s: Omit<Session, 'revokedAt'>): Promise<void> {
    await mappingWriteErrors('session', () =>
      this.db
        .insertInto('sessions')
        .values({
          tenant_id: s.tenantId,
          session_id: s.id,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          second_factor: s.secondFactor,
          created_at: writeInstant(s.createdAt),
          last_seen_at: writeInstant(s.lastSeenAt),
          expires_at: writeInstant(s.expiresAt),
          revoked_at: null,
          client: s.client,
        })
        .execute(),
    );
  }

  async get(id: string): Promise<Session | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('session_id', '=', id).executeTakeFirst();
    return r ? toSession(r) : undefined;
  }

  /** Records activity (the idle timeout counts from here). */
  async touch(id: string, at: Instant): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: writeInstant(at) })
      .where('session_id', '=', id)
      .execute();
  }

  /** Ends one session; true when it was live. */
  async revoke(id: string, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('sessions')
      .set({ revoked_at: writeInstant(at) })
      .where('session_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  /** Ends every live session of a user (password change, disabling, role change); returns how many. */
  async revokeForUser(tenantId: TenantId, userId: UserId, at: Instant): Promise<number> {
    const r = await this.db
      .updateTable('sessions')
      .set({ revoked_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
