import type { Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import { DEFAULT_TIME_ZONE } from '../domain/time.js';
import { readInstant, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

/** A city (or county) running Luoshi: every other row belongs to one. */
export interface Tenant {
  readonly id: TenantId;
  readonly name: string;
  /** IANA zone of its dates and deadlines, Asia/Shanghai by default. */
  readonly timeZone: string;
  readonly createdAt: Instant;
}

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
   * @throws StoreError `already_exists`; `invalid_input` for an unknown time zone.
   */
  async insert(tenant: Omit<Tenant, 'timeZone'> & { timeZone?: string }): Promise<Tenant> {
    const timeZone = tenant.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isTimeZone(timeZone)) {
      throw new StoreError('invalid_input', `unknown time zone: ${timeZone}`, `未知的时区：${timeZone}`, { timeZone });
    }
    const createdAt = writeInstant(tenant.createdAt, 'createdAt');
    await mappingWriteErrors(`tenant ${tenant.id}`, () =>
      this.db.insertInto('tenants').values({ tenant_id: tenant.id, name: tenant.name, time_zone: timeZone, created_at: createdAt }).execute(),
    );
    return { id: tenant.id, name: tenant.name, timeZone, createdAt };
  }

  async get(id: TenantId): Promise<Tenant | undefined> {
    const r = await this.db.selectFrom('tenants').selectAll().where('tenant_id', '=', id).executeTakeFirst();
    return r ? { id: r.tenant_id, name: r.name, timeZone: r.time_zone, createdAt: readInstant(r.created_at) } : undefined;
  }

  async list(): Promise<Tenant[]> {
    const rows = await this.db.selectFrom('tenants').selectAll().orderBy('tenant_id').execute();
    return rows.map((r) => ({ id: r.tenant_id, name: r.name, timeZone: r.time_zone, createdAt: readInstant(r.created_at) }));
  }
}
