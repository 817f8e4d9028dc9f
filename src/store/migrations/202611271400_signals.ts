// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Monitoring signals (监测预警): indicators with their detection algorithm, who answers for a region's alarms,
 * aggregate counts per (region unit, indicator, period), and one detection per series and period, which
 * holds the item an alarm opened. Counts only: no table here can hold a record about a person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('signal_indicators')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('indicator_key', t.text, (c) => c.notNull().check(sql`length(indicator_key) between 1 and 64`))
    .addColumn('name', t.text, (c) => c.notNull().check(sql`length(name) > 0`))
    .addColumn('algorithm', t.text, (c) => c.notNull())
    .addColumn('control', t.json, (c) => c.notNull())
    .addColumn('frequency', t.text, (c) => c.notNull().check(sql`frequency in ('day', 'week')`))
    // Trailing periods the algorithm runs over at each detection (sequential charts accumulate over it).
    .addColumn('window_periods', t.int, (c) => c.notNull().check(sql`window_periods >= 1`))
    .addColumn('ledger_type', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('signal_indicators_pk', ['tenant_id', 'indicator_key'])
    .addForeignKeyConstraint('signal_indicators_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'updated_at'] }))
    .execute();

  // indicator_key '*' stands for every indicator of the region.
  await db.schema
    .createTable('signal_responsibles')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('region_unit_id', t.text, (c) => c.notNull())
    .addColumn('indicator_key', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('signal_responsibles_pk', ['tenant_id', 'region_unit_id', 'indicator_key'])
    .addForeignKeyConstraint('signal_responsibles_region_fk', ['tenant_id', 'region_unit_id'], 'units', ['tenant_id', 'unit_id'])
    .addForeignKeyConstraint('signal_responsibles_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();

  await db.schema
    .createTable('signal_counts')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('indicator_key', t.text, (c) => c.notNull())
    .addColumn('region_unit_id', t.text, (c) => c.notNull())
    // YYYY-MM-DD or YYYY-Www; period_start is its first day, so text order of period_start is time order.
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('period_start', t.date, (c) => c.notNull())
    // NULL: reported as missing (NA).
    .addColumn('count', t.int, (c) => c.check(sql`count >= 0`))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('signal_counts_pk', ['tenant_id', 'indicator_key', 'region_unit_id', 'period'])
    .addUniqueConstraint('signal_counts_start_unique', ['tenant_id', 'indicator_key', 'region_unit_id', 'period_start'])
    .addForeignKeyConstraint('signal_counts_indicator_fk', ['tenant_id', 'indicator_key'], 'signal_indicators', ['tenant_id', 'indicator_key'])
    .addForeignKeyConstraint('signal_counts_region_fk', ['tenant_id', 'region_unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['updated_at'], dates: ['period_start'] }))
    .execute();

  // One row per series and period: the latest evaluation, and the item its alarm opened. The primary key is
  // what makes detection idempotent: a second run finds the row and its item instead of opening another.
  await db.schema
    .createTable('signal_detections')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('indicator_key', t.text, (c) => c.notNull())
    .addColumn('region_unit_id', t.text, (c) => c.notNull())
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('period_start', t.date, (c) => c.notNull())
    .addColumn('algorithm', t.text, (c) => c.notNull())
    .addColumn('outcome', t.text, (c) => c.notNull().check(sql`outcome in ('alarm', 'no_alarm', 'no_result')`))
    .addColumn('observed', t.real)
    .addColumn('threshold', t.real)
    .addColumn('expected', t.real)
    .addColumn('evaluated_at', t.instant, (c) => c.notNull())
    .addColumn('item_id', t.text)
    .addColumn('unit_id', t.text)
    .addColumn('alarm_at', t.instant)
    .addPrimaryKeyConstraint('signal_detections_pk', ['tenant_id', 'indicator_key', 'region_unit_id', 'period'])
    .addUniqueConstraint('signal_detections_item_unique', ['tenant_id', 'item_id'])
    .addCheckConstraint('signal_detections_item_with_alarm', sql`(item_id is null) = (alarm_at is null) and (item_id is null) = (unit_id is null)`)
    .addCheckConstraint('signal_detections_item_only_for_alarm', sql`item_id is null or outcome = 'alarm'`)
    .addForeignKeyConstraint('signal_detections_indicator_fk', ['tenant_id', 'indicator_key'], 'signal_indicators', ['tenant_id', 'indicator_key'])
    .addForeignKeyConstraint('signal_detections_region_fk', ['tenant_id', 'region_unit_id'], 'units', ['tenant_id', 'unit_id'])
    .addForeignKeyConstraint('signal_detections_item_fk', ['tenant_id', 'item_id'], 'items', ['tenant_id', 'item_id'])
    .addForeignKeyConstraint('signal_detections_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['evaluated_at', 'alarm_at'], dates: ['period_start'] }))
    .execute();
  await db.schema.createIndex('signal_detections_alarm_idx').on('signal_detections').columns(['tenant_id', 'alarm_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['signal_detections', 'signal_counts', 'signal_responsibles', 'signal_indicators']) await db.schema.dropTable(table).execute();
}
