// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import type { Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * The holiday notices a tenant's admin loaded (国务院办公厅关于某年部分节假日安排的通知), one row per year: the
 * working-day calendar of the tenant is the installation's plus these. A later load of the same year replaces
 * the row; the event chain keeps every load.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('holiday_notices')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('year', t.int, (c) => c.notNull())
    .addColumn('notice', t.json, (c) => c.notNull())
    .addColumn('loaded_at', t.instant, (c) => c.notNull())
    .addColumn('loaded_by', t.text)
    .addPrimaryKeyConstraint('holiday_notices_pk', ['tenant_id', 'year'])
    .addForeignKeyConstraint('holiday_notices_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['loaded_at'] }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('holiday_notices').execute();
}
