import type { Kysely } from 'kysely';
import type { Instant, TenantId, UnitId, UserId } from '../domain/ids.js';
import type { Role } from '../domain/roles.js';
import { readInstant, readInstantOrNull, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

export interface User {
  readonly id: UserId;
  readonly username: string;
  readonly displayName: string;
  readonly unitId: UnitId;
  readonly roles: readonly Role[];
  /** Argon2id hash; null until a password is set. Never leaves the server. */
  readonly passwordHash: string | null;
  readonly createdAt: Instant;
  readonly disabledAt: Instant | null;
  /** Set while the password is a one-time reset password: its owner must choose a new one at login. */
  readonly passwordResetAt?: Instant | null;
}

export type NewUser = Omit<User, 'createdAt' | 'disabledAt' | 'passwordHash' | 'passwordResetAt'> & { readonly passwordHash?: string | null };

type UserRow = {
  user_id: string;
  username: string;
  display_name: string;
  unit_id: string;
  password_hash: string | null;
  created_at: Date | string;
  disabled_at: Date | string | null;
  password_reset_at: Date | string | null;
};

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts a user with their roles.
   * @throws StoreError `already_exists` (id or username taken in the tenant), `reference_not_found` (unit),
   *   `invalid_input` (unknown role).
   */
  async insert(tenantId: TenantId, user: NewUser, at: Instant): Promise<void> {
    await mappingWriteErrors(`user ${user.username}`, async () => {
      await this.db
        .insertInto('users')
        .values({
          tenant_id: tenantId,
          user_id: user.id,
          username: user.username,
          display_name: user.displayName,
          unit_id: user.unitId,
          password_hash: user.passwordHash ?? null,
          created_at: writeInstant(at),
          disabled_at: null,
          password_reset_at: null,
        })
        .execute();
      await this.insertRoles(tenantId, user.id, user.roles);
    });
  }

  private async insertRoles(tenantId: TenantId, userId: UserId, roles: readonly Role[]): Promise<void> {
    if (roles.length === 0) return;
    await this.db
      .insertInto('user_roles')
      .values([...new Set(roles)].map((role) => ({ tenant_id: tenantId, user_id: userId, role })))
      .execute();
  }

  /** Replaces the user's roles. */
  async setRoles(tenantId: TenantId, userId: UserId, roles: readonly Role[]): Promise<void> {
    await mappingWriteErrors(`roles of ${userId}`, async () => {
      await this.db.deleteFrom('user_roles').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
      await this.insertRoles(tenantId, userId, roles);
    });
  }

  /** Sets the password hash; `resetAt` marks a one-time password its owner must replace at login. */
  async setPasswordHash(tenantId: TenantId, userId: UserId, hash: string | null, resetAt: Instant | null = null): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ password_hash: hash, password_reset_at: resetAt === null ? null : writeInstant(resetAt) })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  /** Disables (or, with null, re-enables) a user. */
  async setDisabled(tenantId: TenantId, userId: UserId, at: Instant | null): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ disabled_at: at === null ? null : writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  async get(tenantId: TenantId, userId: UserId): Promise<User | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    return r ? (await this.withRoles(tenantId, [r]))[0] : undefined;
  }

  async getByUsername(tenantId: TenantId, username: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('username', '=', username).executeTakeFirst();
    return r ? (await this.withRoles(tenantId, [r]))[0] : undefined;
  }

  /** Users of the tenant, optionally of one unit, by username. */
  async list(tenantId: TenantId, unitId?: UnitId): Promise<User[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(unitId !== undefined, (q) => q.where('unit_id', '=', unitId!))
      .orderBy('username')
      .execute();
    return this.withRoles(tenantId, rows);
  }

  private async withRoles(tenantId: TenantId, rows: readonly UserRow[]): Promise<User[]> {
    if (rows.length === 0) return [];
    const roleRows = await this.db
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where('tenant_id', '=', tenantId)
      .$if(rows.length === 1, (q) => q.where('user_id', '=', rows[0]!.user_id))
      .orderBy('role')
      .execute();
    const roles = new Map<string, Role[]>();
    for (const r of roleRows) roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), r.role as Role]);
    return rows.map((r) => ({
      id: r.user_id,
      username: r.username,
      displayName: r.display_name,
      unitId: r.unit_id,
      roles: roles.get(r.user_id) ?? [],
      passwordHash: r.password_hash,
      createdAt: readInstant(r.created_at),
      disabledAt: readInstantOrNull(r.disabled_at),
      passwordResetAt: readInstantOrNull(r.password_reset_at),
    }));
  }
}
