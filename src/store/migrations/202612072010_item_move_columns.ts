// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './v1-columns.js';

/**
 * PostgreSQL: two more fields of an item's JSON that the 考核 statistics read, as narrow generated columns like
 * those of 202612072000_item_metric_columns: how work moved (转办 and 提级 counts, and the first lead unit, kept
 * for scoring). SQLite reads them from the JSON.
 */
const COLUMNS: readonly (readonly [string, string, 'text' | 'jsonb'])[] = [
  ['m_moves', 'moves', 'jsonb'],
  ['m_original_lead_unit_id', 'originalLeadUnitId', 'text'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  const adds = COLUMNS.map(([column, field, type]) =>
    type === 'jsonb' ? `add column ${column} jsonb generated always as (data->'${field}') stored` : `add column ${column} text generated always as (data->>'${field}') stored`,
  );
  await sql.raw(`alter table items ${adds.join(', ')}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`alter table items ${COLUMNS.map(([c]) => `drop column ${c}`).join(', ')}`).execute(db);
}
