/*
 * Planner statistics. SQLite has none until ANALYZE runs, and without them it judges indexes by rules of
 * thumb: on the item list it walked the single-column deadline index over half the table. PostgreSQL's
 * autovacuum keeps its statistics current by itself, so there is nothing to do on that side.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from './db.js';

/**
 * Rows ANALYZE samples per index (SQLite's `analysis_limit`): enough for the planner to tell a selective
 * index from a broad one, and bounded, so that ANALYZE of a large file takes milliseconds rather than a scan.
 */
const ANALYSIS_LIMIT = 1000;

/**
 * SQLite, on open: statistics for every table after migrations (a new index has none), otherwise
 * `PRAGMA optimize=0x10002`, which analyzes only the tables that grew or shrank a lot since the last time (the
 * form SQLite recommends for a connection that has just opened). Both are bounded by ANALYSIS_LIMIT.
 */
export async function refreshPlannerStatsOnOpen(handle: DatabaseHandle, migrated: boolean): Promise<void> {
  if (handle.dialect !== 'sqlite') return;
  await sql.raw(`pragma analysis_limit = ${ANALYSIS_LIMIT}`).execute(handle.db);
  await sql.raw(migrated ? 'analyze' : 'pragma optimize = 0x10002').execute(handle.db);
}

/** SQLite, periodically (the day job): `PRAGMA optimize`, which re-analyzes tables whose size changed a lot. */
export async function refreshPlannerStats(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect !== 'sqlite') return;
  await sql.raw(`pragma analysis_limit = ${ANALYSIS_LIMIT}`).execute(handle.db);
  await sql.raw('pragma optimize').execute(handle.db);
}
