import type { Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, writeInstant } from './convert.js';
import type { Database } from './database.js';

/** Failed logins counted per name typed (existing or not), and the lockout they led to. */
export interface LoginFailures {
  readonly failures: number;
  readonly firstFailureAt: Instant;
  readonly lockedUntil: Instant | null;
}

export class LoginFailureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(tenantId: TenantId, username: string): Promise<LoginFailures | undefined> {
    const r = await this.db.selectFrom('login_failures').selectAll().where('tenant_id', '=', tenantId).where('username', '=', username).executeTakeFirst();
    return r ? { failures: r.failures, firstFailureAt: readInstant(r.first_failure_at), lockedUntil: readInstantOrNull(r.locked_until) } : undefined;
  }

  /** Replaces the record of a name (the caller computed the next count and lockout). */
  async put(tenantId: TenantId, username: string, f: LoginFailures): Promise<void> {
    const values = {
      failures: f.failures,
      first_failure_at: writeInstant(f.firstFailureAt),
      locked_until: f.lockedUntil === null ? null : writeInstant(f.lockedUntil),
    };
    await this.db
      .insertInto('login_failures')
      .values({ tenant_id: tenantId, username, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'username']).doUpdateSet(values))
      .execute();
  }

  /** Forgets the failures of a name (after a successful login, or an administrator's unlock). */
  async clear(tenantId: TenantId, username: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('tenant_id', '=', tenantId).where('username', '=', username).execute();
  }
}
