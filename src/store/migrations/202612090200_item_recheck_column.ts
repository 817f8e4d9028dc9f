// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './v1-columns.js';

/**
 * PostgreSQL: the item's 回头看 (due, confirmed or reopened) as a narrow generated column like those of
 * 202612072000_item_metric_columns, for 考核's 反弹率. SQLite reads it from the JSON.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`alter table items add column m_recheck jsonb generated always as (data->'recheck') stored`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`alter table items drop column m_recheck`).execute(db);
}
