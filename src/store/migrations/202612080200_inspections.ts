// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * 城市安全运行常态化检查: inspection plans, the photos taken on a round, and the rounds recorded. Rounds due are
 * computed from the plan and the working-day calendar; a round gets a row only when it is recorded, and its
 * primary key is what makes a second record of the same round impossible, even from two nodes at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('inspection_plans')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('plan_id', t.text, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addColumn('cadence', t.text, (c) => c.notNull().check(sql`cadence in ('weekly', 'monthly', 'before_holidays')`))
    .addColumn('checklist', t.json, (c) => c.notNull())
    .addColumn('places', t.json, (c) => c.notNull())
    .addColumn('starts_on', t.date, (c) => c.notNull())
    .addColumn('ends_on', t.date)
    .addColumn('created_by', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_plans_pk', ['tenant_id', 'plan_id'])
    .addForeignKeyConstraint('inspection_plans_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .addForeignKeyConstraint('inspection_plans_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at'], dates: ['starts_on'] }))
    .execute();
  await db.schema.createIndex('inspection_plans_unit_idx').on('inspection_plans').columns(['tenant_id', 'unit_id']).execute();

  await db.schema
    .createTable('inspection_photos')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('photo_id', t.text, (c) => c.notNull())
    .addColumn('plan_id', t.text, (c) => c.notNull())
    .addColumn('round_id', t.text, (c) => c.notNull())
    .addColumn('file_name', t.text, (c) => c.notNull())
    .addColumn('media_type', t.text, (c) => c.notNull())
    .addColumn('size_bytes', t.bigint, (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('digest', t.text, (c) => c.notNull())
    .addColumn('storage_key', t.text, (c) => c.notNull())
    .addColumn('uploaded_by', t.text, (c) => c.notNull())
    .addColumn('uploaded_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_photos_pk', ['tenant_id', 'photo_id'])
    .addForeignKeyConstraint('inspection_photos_plan_fk', ['tenant_id', 'plan_id'], 'inspection_plans', ['tenant_id', 'plan_id'])
    .$call((b) => finishTable(db, b, { instants: ['uploaded_at'] }))
    .execute();
  await db.schema.createIndex('inspection_photos_round_idx').on('inspection_photos').columns(['tenant_id', 'round_id']).execute();

  await db.schema
    .createTable('inspection_rounds')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('round_id', t.text, (c) => c.notNull())
    .addColumn('plan_id', t.text, (c) => c.notNull())
    .addColumn('place_no', t.int, (c) => c.notNull())
    .addColumn('period', t.date, (c) => c.notNull())
    .addColumn('due_on', t.date, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addColumn('results', t.json, (c) => c.notNull())
    .addColumn('failed', t.int, (c) => c.notNull().check(sql`failed >= 0`))
    .addColumn('hazard_item_ids', t.json, (c) => c.notNull())
    .addColumn('recorded_by', t.text, (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_on', t.date, (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_rounds_pk', ['tenant_id', 'round_id'])
    .addForeignKeyConstraint('inspection_rounds_plan_fk', ['tenant_id', 'plan_id'], 'inspection_plans', ['tenant_id', 'plan_id'])
    .$call((b) => finishTable(db, b, { instants: ['recorded_at'], dates: ['period', 'due_on', 'recorded_on'] }))
    .execute();
  await db.schema.createIndex('inspection_rounds_plan_idx').on('inspection_rounds').columns(['tenant_id', 'plan_id', 'due_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inspection_rounds').execute();
  await db.schema.dropTable('inspection_photos').execute();
  await db.schema.dropTable('inspection_plans').execute();
}
