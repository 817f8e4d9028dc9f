import type { Kysely } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readInt, readJson, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

/** A loaded holiday notice (the app validates `notice` before writing it and again when building a calendar). */
export interface StoredHolidayNotice {
  readonly year: number;
  readonly notice: unknown;
  readonly loadedAt: Instant;
  readonly loadedBy: UserId | null;
}

/** The holiday notices of each tenant, one per year. */
export class HolidayNoticeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The tenant's notices, by year ascending. */
  async list(tenantId: TenantId): Promise<StoredHolidayNotice[]> {
    const rows = await this.db.selectFrom('holiday_notices').selectAll().where('tenant_id', '=', tenantId).orderBy('year').execute();
    return rows.map((r) => ({ year: readInt(r.year), notice: readJson(r.notice), loadedAt: readInstant(r.loaded_at), loadedBy: r.loaded_by }));
  }

  /**
   * Stores the notice of `year`, replacing one loaded before.
   * @throws StoreError `reference_not_found` (unknown tenant), `invalid_input`.
   */
  async put(tenantId: TenantId, year: number, notice: unknown, at: Instant, by: UserId | null): Promise<void> {
    const row = { notice: JSON.stringify(notice), loaded_at: writeInstant(at, 'loadedAt'), loaded_by: by };
    await mappingWriteErrors(`holiday notice ${year}`, () =>
      this.db
        .insertInto('holiday_notices')
        .values({ tenant_id: tenantId, year, ...row })
        .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet(row))
        .execute(),
    );
  }
}
