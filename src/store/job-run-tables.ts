import type { ColumnType } from 'kysely';
import type { DateColumn, InstantColumn, NullableInstantColumn } from './database.js';

/* Row type of the job-run table (migration 202611271600_job_runs). */

export interface JobRunsTable {
  tenant_id: string;
  job: string;
  day: DateColumn;
  status: string;
  node: string;
  attempts: number;
  started_at: InstantColumn;
  finished_at: NullableInstantColumn;
  /** jsonb on PostgreSQL (read parsed), TEXT on SQLite; NULL until the run finishes. */
  outcome: ColumnType<unknown, string | null, string | null>;
  error: string | null;
}

export interface JobRunTables {
  job_runs: JobRunsTable;
}
