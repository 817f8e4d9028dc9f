// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './v1-columns.js';

/**
 * Composite indexes for the item list's common filter shapes, so that a filtered, sorted page is a range of one
 * index instead of a walk of a single-column index with a sort on top:
 * - state + lead unit (+ deadline range), sorted by deadline: (tenant, lead, status, deadline key, id);
 * - state (+ deadline range), sorted by deadline: (tenant, status, deadline key, id);
 * - the same two shapes sorted by last change (the list's default): (…, updated_at, id);
 * - no filter, sorted by deadline (or a deadline range alone): (tenant, deadline key, id), which replaces
 *   (tenant, deadline);
 * - counts per state, ledger type and lead unit (the list's facets) without a filter read only an index:
 *   (tenant, ledger type, status, lead), which replaces (tenant, ledger type, status).
 * The deadline key is the list's sort expression, `coalesce(current_deadline, '9999-12-31')` (items without a
 * deadline sort last), written with a literal so that both databases match the query's expression to the
 * index. The indexes replaced are prefixes of the new ones (the deadline one: the list reads its bounds on
 * the key too) and are dropped: fewer indexes to write per item change. Plain CREATE INDEX builds on both
 * databases whatever the table size (PostgreSQL holds writes while it builds; a city's supervision ledger has
 * well under a million rows, built in seconds).
 */
const DEADLINE_KEY_SQLITE = `coalesce(current_deadline, '9999-12-31')`;
const DEADLINE_KEY_PG = `coalesce(current_deadline, '9999-12-31'::date)`;

function indexes(pg: boolean): [string, string][] {
  const key = pg ? DEADLINE_KEY_PG : DEADLINE_KEY_SQLITE;
  return [
    ['items_lead_status_deadline_idx', `tenant_id, lead_unit_id, status, ${key}, item_id`],
    ['items_status_deadline_idx', `tenant_id, status, ${key}, item_id`],
    ['items_lead_status_updated_idx', `tenant_id, lead_unit_id, status, updated_at, item_id`],
    ['items_status_updated_idx', `tenant_id, status, updated_at, item_id`],
    ['items_ledger_status_lead_idx', `tenant_id, ledger_type, status, lead_unit_id`],
    ['items_deadline_key_idx', `tenant_id, ${key}, item_id`],
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of indexes(isPostgres(db))) await sql.raw(`create index ${name} on items (${columns})`).execute(db);
  await db.schema.dropIndex('items_status_idx').execute();
  await db.schema.dropIndex('items_lead_idx').execute();
  await db.schema.dropIndex('items_ledger_status_idx').execute();
  await db.schema.dropIndex('items_deadline_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('items_deadline_idx').on('items').columns(['tenant_id', 'current_deadline']).execute();
  await db.schema.createIndex('items_ledger_status_idx').on('items').columns(['tenant_id', 'ledger_type', 'status']).execute();
  await db.schema.createIndex('items_status_idx').on('items').columns(['tenant_id', 'status']).execute();
  await db.schema.createIndex('items_lead_idx').on('items').columns(['tenant_id', 'lead_unit_id']).execute();
  for (const [name] of indexes(isPostgres(db))) await db.schema.dropIndex(name).execute();
}
