import type { Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import { DEFAULT_TIME_ZONE } from '../domain/time.js';
import { readInstant, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

/**
 * 签章要求: whether a decision signed with a person's key (审签, 销号, 印发通报) is refused when the person has no
 * active registered key (`required`), or passes unsigned then (`when_enrolled`, what tenants had before the
 * policy existed and still get from the migration).
 */
export const SIGNING_POLICIES = ['required', 'when_enrolled'] as const;
export type SigningPolicy = (typeof SIGNING_POLICIES)[number];
const isSigningPolicy = (v: unknown): v is SigningPolicy => (SIGNING_POLICIES as readonly unknown[]).includes(v);

/** A city (or county) running Luoshi: every other row belongs to one. */
export interface Tenant {
  readonly id: TenantId;
  readonly name: string;
  /** IANA zone of its dates and deadlines, Asia/Shanghai by default. */
  readonly timeZone: string;
  readonly createdAt: Instant;
  readonly signingPolicy: SigningPolicy;
}

type Row = { tenant_id: string; name: string; time_zone: string; created_at: Date | string; signing_policy: string };

// A value the CHECK constraint would not let in reads as the stricter policy.
const toTenant = (r: Row): Tenant => ({
  id: r.tenant_id,
  name: r.name,
  timeZone: r.time_zone,
  createdAt: readInstant(r.created_at),
  signingPolicy: isSigningPolicy(r.signing_policy) ? r.signing_policy : 'required',
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class TenantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Without a signing policy the tenant gets the column's default, `when_enrolled`.
   * @throws StoreError `already_exists`; `invalid_input` for an unknown time zone.
   */
  async insert(tenant: Omit<Tenant, 'timeZone' | 'signingPolicy'> & { timeZone?: string; signingPolicy?: SigningPolicy }): Promise<Tenant> {
    const timeZone = tenant.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isTimeZone(timeZone)) {
      throw new StoreError('invalid_input', `unknown time zone: ${timeZone}`, `未知的时区：${timeZone}`, { timeZone });
    }
    const signingPolicy = tenant.signingPolicy ?? 'when_enrolled';
    const createdAt = writeInstant(tenant.createdAt, 'createdAt');
    await mappingWriteErrors(`tenant ${tenant.id}`, () =>
      this.db.insertInto('tenants').values({ tenant_id: tenant.id, name: tenant.name, time_zone: timeZone, created_at: createdAt, signing_policy: signingPolicy }).execute(),
    );
    return { id: tenant.id, name: tenant.name, timeZone, createdAt, signingPolicy };
  }

  async get(id: TenantId): Promise<Tenant | undefined> {
    const r = await this.db.selectFrom('tenants').selectAll().where('tenant_id', '=', id).executeTakeFirst();
    return r ? toTenant(r) : undefined;
  }

  async list(): Promise<Tenant[]> {
    const rows = await this.db.selectFrom('tenants').selectAll().orderBy('tenant_id').execute();
    return rows.map(toTenant);
  }

  /** Sets the tenant's 签章要求; false when there is no such tenant. */
  async setSigningPolicy(id: TenantId, policy: SigningPolicy): Promise<boolean> {
    const r = await this.db.updateTable('tenants').set({ signing_policy: policy }).where('tenant_id', '=', id).executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }
}
