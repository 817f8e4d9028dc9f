import type { Kysely } from 'kysely';
import type { Instant, LocalDate, TenantId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, readJson, writeInstant, writeLocalDate } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { pageSize } from './page.js';

export type JobRunStatus = 'running' | 'done' | 'failed';

/** One run of a daily job for one city day: who holds it, and, once finished, what it did. */
export interface JobRun {
  readonly tenantId: TenantId;
  readonly job: string;
  readonly day: LocalDate;
  readonly status: JobRunStatus;
  readonly node: string;
  readonly attempts: number;
  readonly startedAt: Instant;
  readonly finishedAt: Instant | null;
  readonly outcome: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
}

export interface ClaimRules {
  /** A `running` claim started before this instant is taken to be dead (its node crashed) and may be taken over. */
  readonly staleBefore: Instant;
  /** A `failed` run is tried again until it has had this many attempts. */
  readonly maxAttempts: number;
}

export type ClaimResult = { readonly claimed: true; readonly attempt: number } | { readonly claimed: false; readonly current: JobRun | undefined };

type Row = {
  tenant_id: string;
  job: string;
  day: string | null;
  status: string;
  node: string;
  attempts: number;
  started_at: Date | string;
  finished_at: Date | string | null;
  outcome: unknown;
  error: string | null;
};

const toRun = (r: Row): JobRun => ({
  tenantId: r.tenant_id,
  job: r.job,
  day: String(r.day),
  status: r.status as JobRunStatus,
  node: r.node,
  attempts: r.attempts,
  startedAt: readInstant(r.started_at),
  finishedAt: readInstantOrNull(r.finished_at),
  outcome: r.outcome === null ? null : (readJson(r.outcome) as Record<string, unknown>),
  error: r.error,
});

/**
 * The job-run table: the claim that lets exactly one node run a tenant's daily job for a given day, and the
 * record of each run. Each method is one statement; call claim and finish in transactions of their own, so
 * other nodes see the claim as soon as it is made.
 */
export class JobRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Claims (tenant, job, day) for `node`: inserts the run row, or, when the row exists, takes it over only if
   * its holder died (`running` since before `staleBefore`) or it failed with attempts left. Of several nodes
   * claiming at once exactly one succeeds: the primary key settles the insert, the conditional update the
   * take-over (PostgreSQL re-checks the condition on the row it waited for; SQLite writes one at a time).
   * @throws StoreError `invalid_input` (day or instant malformed), `reference_not_found` (unknown tenant).
   */
  async claim(tenantId: TenantId, job: string, day: LocalDate, node: string, at: Instant, rules: ClaimRules): Promise<ClaimResult> {
    const started = writeInstant(at, 'startedAt');
    const inserted = await mappingWriteErrors(`job run ${job} ${day}`, () =>
      this.db
        .insertInto('job_runs')
        .values({
          tenant_id: tenantId,
          job,
          day: writeLocalDate(day, 'day'),
          status: 'running',
          node,
          attempts: 1,
          started_at: started,
          finished_at: null,
          outcome: null,
          error: null,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'job', 'day']).doNothing())
        .returning('attempts')
        .executeTakeFirst(),
    );
    if (inserted) return { claimed: true, attempt: 1 };
    const stale = writeInstant(rules.staleBefore, 'staleBefore');
    const taken = await this.db
      .updateTable('job_runs')
      .set((eb) => ({ status: 'running', node, attempts: eb('attempts', '+', 1), started_at: started, finished_at: null, outcome: null, error: null }))
      .where('tenant_id', '=', tenantId)
      .where('job', '=', job)
      .where('day', '=', day)
      .where((eb) => eb.or([eb.and([eb('status', '=', 'failed'), eb('attempts', '<', rules.maxAttempts)]), eb.and([eb('status', '=', 'running'), eb('started_at', '<', stale)])]))
      .returning('attempts')
      .executeTakeFirst();
    if (taken) return { claimed: true, attempt: taken.attempts };
    return { claimed: false, current: await this.get(tenantId, job, day) };
  }

  /**
   * Records the end of a run the node holds; returns false (and changes nothing) when the claim was taken over
   * meanwhile, so a node that was presumed dead cannot overwrite its successor's record.
   */
  async finish(
    tenantId: TenantId,
    job: string,
    day: LocalDate,
    node: string,
    result: { status: 'done' | 'failed'; outcome?: Record<string, unknown>; error?: string },
    at: Instant,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('job_runs')
      .set({
        status: result.status,
        finished_at: writeInstant(at, 'finishedAt'),
        outcome: result.outcome === undefined ? null : JSON.stringify(result.outcome),
        error: result.error === undefined ? null : result.error.slice(0, 2000),
      })
      .where('tenant_id', '=', tenantId)
      .where('job', '=', job)
      .where('day', '=', day)
      .where('node', '=', node)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async get(tenantId: TenantId, job: string, day: LocalDate): Promise<JobRun | undefined> {
    const r = await this.db.selectFrom('job_runs').selectAll().where('tenant_id', '=', tenantId).where('job', '=', job).where('day', '=', day).executeTakeFirst();
    return r ? toRun(r) : undefined;
  }

  /** The tenant's latest runs, newest day first (1–1000, default 50). */
  async list(tenantId: TenantId, limit?: number): Promise<JobRun[]> {
    const rows = await this.db.selectFrom('job_runs').selectAll().where('tenant_id', '=', tenantId).orderBy('day', 'desc').orderBy('job').limit(pageSize(limit)).execute();
    return rows.map(toRun);
  }
}
