// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Readout drafts: the directives extracted from a stored document, as the supervisor edits them before
 * confirming. Confirmation turns the kept ones into items; the draft keeps which items it created.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('readout_drafts')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('draft_id', t.text, (c) => c.notNull())
    .addColumn('document_id', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('open', 'confirmed', 'discarded')`))
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('created_by', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', t.int, (c) => c.notNull().check(sql`version >= 1`))
    .addPrimaryKeyConstraint('readout_drafts_pk', ['tenant_id', 'draft_id'])
    .addForeignKeyConstraint('readout_drafts_document_fk', ['tenant_id', 'document_id'], 'documents', ['tenant_id', 'document_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'updated_at'] }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('readout_drafts').execute();
}
