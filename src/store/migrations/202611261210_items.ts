// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/** The item projection, its co-units, the number sequences, readout documents and evidence references. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('items')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('item_id', t.text, (c) => c.notNull())
    .addColumn('ledger_type', t.text, (c) => c.notNull())
    .addColumn('number', t.text, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('draft', 'assigned', 'in_progress', 'closing', 'closed', 'cancelled')`))
    .addColumn('stage_index', t.int, (c) => c.check(sql`stage_index >= 0`))
    .addColumn('priority', t.text, (c) => c.notNull().check(sql`priority in ('normal', 'high', 'urgent')`))
    .addColumn('owner_unit_id', t.text, (c) => c.notNull())
    .addColumn('lead_unit_id', t.text)
    .addColumn('parent_id', t.text)
    .addColumn('original_deadline', t.date)
    .addColumn('current_deadline', t.date)
    .addColumn('progress', t.real, (c) => c.notNull().check(sql`progress >= 0 and progress <= 100`))
    .addColumn('version', t.int, (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .addColumn('data', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('items_pk', ['tenant_id', 'item_id'])
    .addUniqueConstraint('items_number_unique', ['tenant_id', 'ledger_type', 'number'])
    // The item contract: a closure stage index exactly while the item is closing.
    .addCheckConstraint('items_stage_while_closing', sql`(status = 'closing') = (stage_index is not null)`)
    .addForeignKeyConstraint('items_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .addForeignKeyConstraint('items_owner_fk', ['tenant_id', 'owner_unit_id'], 'units', ['tenant_id', 'unit_id'])
    .addForeignKeyConstraint('items_lead_fk', ['tenant_id', 'lead_unit_id'], 'units', ['tenant_id', 'unit_id'])
    .addForeignKeyConstraint('items_parent_fk', ['tenant_id', 'parent_id'], 'items', ['tenant_id', 'item_id'])
    .$call((b) =>
      finishTable(db, b, {
        instants: ['created_at', 'updated_at', 'closed_at'],
        dates: ['original_deadline', 'current_deadline'],
      }),
    )
    .execute();
  const indexes: [string, string[]][] = [
    ['items_ledger_status_idx', ['tenant_id', 'ledger_type', 'status']],
    ['items_status_idx', ['tenant_id', 'status']],
    ['items_lead_idx', ['tenant_id', 'lead_unit_id']],
    ['items_owner_idx', ['tenant_id', 'owner_unit_id']],
    ['items_parent_idx', ['tenant_id', 'parent_id']],
    ['items_deadline_idx', ['tenant_id', 'current_deadline']],
    ['items_updated_idx', ['tenant_id', 'updated_at', 'item_id']],
    ['items_created_idx', ['tenant_id', 'created_at', 'item_id']],
  ];
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('items').columns(columns).execute();

  await db.schema
    .createTable('item_co_units')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('item_id', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('item_co_units_pk', ['tenant_id', 'item_id', 'unit_id'])
    .addForeignKeyConstraint('item_co_units_item_fk', ['tenant_id', 'item_id'], 'items', ['tenant_id', 'item_id'], (f) => f.onDelete('cascade'))
    .addForeignKeyConstraint('item_co_units_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, {}))
    .execute();
  await db.schema.createIndex('item_co_units_unit_idx').on('item_co_units').columns(['tenant_id', 'unit_id', 'item_id']).execute();

  await db.schema
    .createTable('number_sequences')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('ledger_type', t.text, (c) => c.notNull())
    .addColumn('year', t.int, (c) => c.notNull().check(sql`year between 1900 and 9999`))
    .addColumn('last_value', t.int, (c) => c.notNull().check(sql`last_value >= 0`))
    .addPrimaryKeyConstraint('number_sequences_pk', ['tenant_id', 'ledger_type', 'year'])
    .addForeignKeyConstraint('number_sequences_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, {}))
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('document_id', t.text, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('file_name', t.text)
    .addColumn('media_type', t.text, (c) => c.notNull())
    .addColumn('text', t.text, (c) => c.notNull())
    .addColumn('digest', t.text, (c) => c.notNull())
    .addColumn('created_by', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('documents_pk', ['tenant_id', 'document_id'])
    .addForeignKeyConstraint('documents_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at'] }))
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('evidence_id', t.text, (c) => c.notNull())
    .addColumn('item_id', t.text, (c) => c.notNull())
    .addColumn('file_name', t.text, (c) => c.notNull())
    .addColumn('media_type', t.text, (c) => c.notNull())
    .addColumn('size_bytes', t.bigint, (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('digest', t.text, (c) => c.notNull())
    .addColumn('storage_key', t.text, (c) => c.notNull())
    .addColumn('uploaded_by', t.text, (c) => c.notNull())
    .addColumn('uploaded_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_pk', ['tenant_id', 'evidence_id'])
    .addForeignKeyConstraint('evidence_item_fk', ['tenant_id', 'item_id'], 'items', ['tenant_id', 'item_id'])
    .$call((b) => finishTable(db, b, { instants: ['uploaded_at'] }))
    .execute();
  await db.schema.createIndex('evidence_item_idx').on('evidence').columns(['tenant_id', 'item_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['evidence', 'documents', 'number_sequences', 'item_co_units', 'items']) await db.schema.dropTable(table).execute();
}
