import type { Kysely } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import type { Role } from '../domain/roles.js';
import { readInstant, readInstantOrNull, writeInstant } from './convert.js';
import type { Database, InstantColumn, NullableInstantColumn } from './database.js';

export interface AccountRequestsTable {
  tenant_id: string;
  request_id: string;
  kind: string;
  user_id: string;
  password_hash: string | null;
  roles: string | null;
  requested_by: string;
  requested_at: InstantColumn;
  decided_by: string | null;
  decided_at: NullableInstantColumn;
  decision: string | null;
}

export interface AccountRequestTables {
  account_requests: AccountRequestsTable;
}

export type AccountRequestKind = 'password_reset' | 'totp_reset' | 'set_roles' | 'disable' | 'enable';

/** A change of an account that waits for a second administrator. */
export interface AccountRequest {
  readonly id: string;
  readonly kind: AccountRequestKind;
  readonly userId: UserId;
  /** Hash of the one-time password of a reset; never shown. */
  readonly passwordHash: string | null;
  readonly roles: readonly Role[] | null;
  readonly requestedBy: UserId;
  readonly requestedAt: Instant;
  readonly decidedBy: UserId | null;
  readonly decidedAt: Instant | null;
  readonly decision: 'approved' | 'refused' | null;
}

type Row = AccountRequestsTable & { requested_at: Date | string; decided_at: Date | string | null };

const fromRow = (r: Row): AccountRequest => ({
  id: r.request_id,
  kind: r.kind as AccountRequestKind,
  userId: r.user_id,
  passwordHash: r.password_hash,
  roles: r.roles === null ? null : (JSON.parse(r.roles) as Role[]),
  requestedBy: r.requested_by,
  requestedAt: readInstant(r.requested_at),
  decidedBy: r.decided_by,
  decidedAt: readInstantOrNull(r.decided_at),
  decision: r.decision as AccountRequest['decision'],
});

export class AccountRequestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(tenantId: TenantId, r: AccountRequest): Promise<void> {
    await this.db
      .insertInto('account_requests')
      .values({
        tenant_id: tenantId,
        request_id: r.id,
        kind: r.kind,
        user_id: r.userId,
        password_hash: r.passwordHash,
        roles: r.roles === null ? null : JSON.stringify(r.roles),
        requested_by: r.requestedBy,
        requested_at: writeInstant(r.requestedAt),
        decided_by: null,
        decided_at: null,
        decision: null,
      })
      .execute();
  }

  async get(tenantId: TenantId, id: string): Promise<AccountRequest | undefined> {
    const r = await this.db.selectFrom('account_requests').selectAll().where('tenant_id', '=', tenantId).where('request_id', '=', id).executeTakeFirst();
    return r ? fromRow(r as Row) : undefined;
  }

  /** Requests waiting for a decision, oldest first. */
  async listPending(tenantId: TenantId): Promise<AccountRequest[]> {
    const rows = await this.db
      .selectFrom('account_requests')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('decision', 'is', null)
      .orderBy('requested_at')
      .limit(500)
      .execute();
    return rows.map((r) => fromRow(r as Row));
  }

  /** Records the decision of a pending request; false when it was decided already (a race of two approvers). */
  async decide(tenantId: TenantId, id: string, by: UserId, at: Instant, decision: 'approved' | 'refused'): Promise<boolean> {
    const r = await this.db
      .updateTable('account_requests')
      .set({ decided_by: by, decided_at: writeInstant(at), decision, password_hash: null })
      .where('tenant_id', '=', tenantId)
      .where('request_id', '=', id)
      .where('decision', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }
}
