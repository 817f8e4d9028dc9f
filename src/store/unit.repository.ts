import type { Kysely } from 'kysely';
import type { Instant, TenantId, UnitId } from '../domain/ids.js';
import type { Unit, UnitKind } from '../domain/units.js';
import { writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

/** A unit as stored: the domain's Unit plus an optional code and its place among its siblings. */
export interface StoredUnit extends Unit {
  readonly code: string | null;
  readonly sortOrder: number;
}

export interface NewUnit extends Unit {
  readonly code?: string | null;
  readonly sortOrder?: number;
}

const CHUNK = 500;

function toUnit(r: { unit_id: string; name: string; kind: string; parent_id: string | null; code: string | null; sort_order: number }): StoredUnit {
  return { id: r.unit_id, name: r.name, kind: r.kind as UnitKind, parentId: r.parent_id, code: r.code, sortOrder: r.sort_order };
}

export class UnitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts units, parents before children (the list is written in the order given).
   * @throws StoreError `already_exists`, `reference_not_found` (unknown parent or tenant), `invalid_input`.
   */
  async insertMany(tenantId: TenantId, units: readonly NewUnit[], at: Instant): Promise<void> {
    const createdAt = writeInstant(at);
    const rows = units.map((u) => ({
      tenant_id: tenantId,
      unit_id: u.id,
      parent_id: u.parentId,
      name: u.name,
      kind: u.kind,
      code: u.code ?? null,
      sort_order: u.sortOrder ?? 0,
      created_at: createdAt,
    }));
    await mappingWriteErrors('unit', async () => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await this.db
          .insertInto('units')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      }
    });
  }

  async get(tenantId: TenantId, id: UnitId): Promise<StoredUnit | undefined> {
    const r = await this.db.selectFrom('units').selectAll().where('tenant_id', '=', tenantId).where('unit_id', '=', id).executeTakeFirst();
    return r ? toUnit(r) : undefined;
  }

  /** All units of the tenant (build the domain's UnitTree from them), ordered by sort order then id. */
  async list(tenantId: TenantId): Promise<StoredUnit[]> {
    const rows = await this.db.selectFrom('units').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('unit_id').execute();
    return rows.map(toUnit);
  }

  /** The unit and all units below it (a recursive query), e.g. a supervisor's scope. */
  async subtreeIds(tenantId: TenantId, rootId: UnitId): Promise<UnitId[]> {
    const rows = await this.db
      .withRecursive('sub(unit_id)', (db) =>
        db
          .selectFrom('units')
          .select('unit_id')
          .where('tenant_id', '=', tenantId)
          .where('unit_id', '=', rootId)
          .unionAll((q) => q.selectFrom('units as u').innerJoin('sub', 'sub.unit_id', 'u.parent_id').select('u.unit_id').where('u.tenant_id', '=', tenantId)),
      )
      .selectFrom('sub')
      .select('unit_id')
      .execute();
    return rows.map((r) => r.unit_id);
  }
}
