import type { Kysely } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readInt, readJson, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

/** A tenant's stored ledger configuration (the app validates `config` before writing it). */
export interface StoredLedgerConfig {
  readonly tenantId: TenantId;
  readonly config: unknown;
  /** 1 for the first stored configuration, +1 per change. A tenant without a row is at version 0. */
  readonly version: number;
  readonly updatedAt: Instant;
  readonly updatedBy: UserId | null;
}

type Row = { tenant_id: string; config: unknown; version: number | string; updated_at: Date | string; updated_by: string | null };

const toConfig = (r: Row): StoredLedgerConfig => ({
  tenantId: r.tenant_id,
  config: readJson(r.config),
  version: readInt(r.version),
  updatedAt: readInstant(r.updated_at),
  updatedBy: r.updated_by,
});

const conflict = (tenantId: TenantId, expectedVersion: number): StoreError =>
  new StoreError(
    'version_conflict',
    `the ledger configuration of ${tenantId} was changed by someone else (expected version ${expectedVersion}); reload it`,
    `台账配置已被他人修改(预期版本 ${expectedVersion}),请刷新后重试`,
    {
      expectedVersion,
    },
  );

/** The ledger configuration of each tenant: one row, replaced as a whole under optimistic concurrency. */
export class LedgerConfigRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(tenantId: TenantId): Promise<StoredLedgerConfig | undefined> {
    const r = await this.db.selectFrom('ledger_configs').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    return r ? toConfig(r) : undefined;
  }

  /**
   * Stores `config` as the tenant's configuration if it is still at `expectedVersion` (0: none stored yet) and
   * returns the new version.
   * @throws StoreError `version_conflict` when another write landed first; `reference_not_found` (unknown tenant).
   */
  async put(tenantId: TenantId, expectedVersion: number, config: unknown, at: Instant, by: UserId | null): Promise<number> {
    const json = JSON.stringify(config);
    const updatedAt = writeInstant(at, 'updatedAt');
    if (expectedVersion === 0) {
      const inserted = await mappingWriteErrors(`ledger configuration of ${tenantId}`, () =>
        this.db
          .insertInto('ledger_configs')
          .values({ tenant_id: tenantId, config: json, version: 1, updated_at: updatedAt, updated_by: by })
          .onConflict((oc) => oc.column('tenant_id').doNothing())
          .returning('version')
          .executeTakeFirst(),
      );
      if (!inserted) throw conflict(tenantId, expectedVersion);
      return 1;
    }
    const r = await this.db
      .updateTable('ledger_configs')
      .set({ config: json, version: expectedVersion + 1, updated_at: updatedAt, updated_by: by })
      .where('tenant_id', '=', tenantId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) throw conflict(tenantId, expectedVersion);
    return expectedVersion + 1;
  }
}
