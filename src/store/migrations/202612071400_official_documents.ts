// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Official documents (公文) the system issues: 督办通知单, 催办通知, 督办函 for an item and the periodic 通报.
 * Each has its 发文字号 from a gapless per-kind, per-year sequence (number_sequences, key `doc:<kind>`); `data`
 * holds what the document says (the model it is rendered from), so a download renders the same text every
 * time. A 通报 stays editable while a draft; issued documents are never changed (enforced by the repository's
 * version-checked update, which refuses issued rows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('official_documents')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('document_id', t.text, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull().check(sql`kind in ('notice', 'urge', 'letter', 'bulletin')`))
    .addColumn('item_id', t.text)
    .addColumn('year', t.int, (c) => c.notNull())
    .addColumn('sequence', t.int, (c) => c.notNull())
    .addColumn('number', t.text, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('draft', 'issued')`))
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('version', t.int, (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('created_by', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('issued_at', t.instant)
    .addPrimaryKeyConstraint('official_documents_pk', ['tenant_id', 'document_id'])
    .addUniqueConstraint('official_documents_number_unique', ['tenant_id', 'kind', 'year', 'sequence'])
    .addForeignKeyConstraint('official_documents_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .addForeignKeyConstraint('official_documents_item_fk', ['tenant_id', 'item_id'], 'items', ['tenant_id', 'item_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'issued_at'] }))
    .execute();
  await db.schema.createIndex('official_documents_item_idx').on('official_documents').columns(['tenant_id', 'item_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('official_documents').execute();
}
