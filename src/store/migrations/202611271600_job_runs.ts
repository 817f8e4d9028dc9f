// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Runs of the daily jobs (signal detection, the escalation sweep): one row per (tenant, job, city day). The
 * primary key is the claim: of several nodes starting the same day's job, only the one whose insert lands
 * does the work. The row then records who ran it, when, and what it did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('job_runs')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('job', t.text, (c) => c.notNull().check(sql`length(job) between 1 and 64`))
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    // Which process holds or held the claim (host and process id), for the operator reading the table.
    .addColumn('node', t.text, (c) => c.notNull())
    .addColumn('attempts', t.int, (c) => c.notNull().check(sql`attempts >= 1`))
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    // Outcome counts of a finished run (series evaluated, alarms opened, items urged …).
    .addColumn('outcome', t.json)
    .addColumn('error', t.text)
    .addPrimaryKeyConstraint('job_runs_pk', ['tenant_id', 'job', 'day'])
    .addForeignKeyConstraint('job_runs_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['started_at', 'finished_at'], dates: ['day'] }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_runs').execute();
}
