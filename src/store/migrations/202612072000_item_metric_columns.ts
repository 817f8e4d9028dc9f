// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './v1-columns.js';

/**
 * PostgreSQL: the fourteen fields the 考核 statistics and the warning lights read from an item's JSON, as narrow
 * columns the database generates from `data` in the same statement that writes the item (STORED generated
 * columns: no write path of the application changes, and they can never disagree with the JSON). Reading them
 * spares the statistics query detoasting and walking every item's jsonb. Adding them rewrites the items table
 * once. SQLite keeps reading the JSON: it cannot add stored generated columns to an existing table, and its
 * json_extract on the row it reads anyway costs little.
 */
export const METRIC_COLUMNS: readonly (readonly [string, string, 'text' | 'jsonb'])[] = [
  ['m_original_deadline', 'originalDeadline', 'text'],
  ['m_current_deadline', 'currentDeadline', 'text'],
  ['m_counters', 'counters', 'jsonb'],
  ['m_assigned_at', 'assignedAt', 'text'],
  ['m_accepted_at', 'acceptedAt', 'text'],
  ['m_closed_at', 'closedAt', 'text'],
  ['m_rating', 'rating', 'jsonb'],
  ['m_cadence', 'cadence', 'text'],
  ['m_last_report_at', 'lastReportAt', 'text'],
  ['m_planned_start', 'plannedStart', 'text'],
  ['m_stage_key', 'stageKey', 'text'],
  ['m_stage_entered_at', 'stageEnteredAt', 'text'],
  ['m_closure_requested_at', 'closureRequestedAt', 'text'],
  ['m_deadline_at', 'deadlineAt', 'text'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  const adds = METRIC_COLUMNS.map(([column, field, type]) =>
    type === 'jsonb' ? `add column ${column} jsonb generated always as (data->'${field}') stored` : `add column ${column} text generated always as (data->>'${field}') stored`,
  );
  await sql.raw(`alter table items ${adds.join(', ')}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`alter table items ${METRIC_COLUMNS.map(([c]) => `drop column ${c}`).join(', ')}`).execute(db);
}
