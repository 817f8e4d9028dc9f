// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * A tenant's ledger configuration (overrides of the built-in types, its own types, the types it switched off),
 * one row per tenant. `version` guards concurrent edits by two admins (or two nodes): a write names the version
 * it read and is refused when another landed first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('ledger_configs')
    .addColumn('tenant_id', t.text, (c) => c.notNull().primaryKey())
    .addColumn('config', t.json, (c) => c.notNull())
    .addColumn('version', t.int, (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    // Who made the change (a user id of the tenant); the event chain records it too.
    .addColumn('updated_by', t.text)
    .addForeignKeyConstraint('ledger_configs_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_configs').execute();
}
