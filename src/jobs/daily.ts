import { resolveActor } from '../app/actors.js';
import type { ActorRef, AppDeps } from '../app/context.js';
import { sweepEscalations } from '../app/escalation/index.js';
import { AppError } from '../app/errors.js';
import { tenantZone } from '../app/items/load.js';
import { remindInspectionRounds } from '../app/inspection/round-reminders.js';
import { scheduleRechecks, sendDeadlineReminders } from '../app/reminders/index.js';
import { detectSignals } from '../app/signals/index.js';
import { isCodedError } from '../contracts/errors.js';
import { DomainError } from '../domain/errors.js';
import type { LocalDate, TenantId } from '../domain/ids.js';
import { hasRole } from '../domain/roles.js';
import { addDays, isLocalDate, toLocalDate } from '../domain/time.js';
import type { JobRun } from '../store/index.js';

/**
 * The daily jobs, in the order they run: detection first, so today's alarms exist before anything else; the
 * reminders of near deadlines before the sweep of passed ones; then 回头看, and the inspection rounds that open.
 */
export const DAILY_JOBS = ['signals_detect', 'deadline_reminders', 'escalation_sweep', 'recheck_schedule', 'inspection_rounds'] as const;
export type DailyJob = (typeof DAILY_JOBS)[number];

export interface DailyRunOptions {
  readonly tenantId: TenantId;
  /** The supervisor the work is done as (alarm items are opened, steps taken, in its name and area). */
  readonly username: string;
  /** The city day to run for (default: today there). Detection evaluates the periods complete by the end of the day before. */
  readonly day?: LocalDate;
  /** Who claims the run (host and process id), recorded in the run row. */
  readonly node: string;
  /** A run still `running` this long after its start is presumed dead and may be taken over (default 2 hours). */
  readonly staleAfterMs?: number;
  /** Attempts a failed run gets in all (default 3). */
  readonly maxAttempts?: number;
  /** Only these jobs (all by default). */
  readonly jobs?: readonly DailyJob[];
}

/** What happened to one job: this node did it, it failed here, or another node holds or did it. */
export type JobResult =
  | { readonly job: DailyJob; readonly status: 'done'; readonly attempt: number; readonly outcome: Record<string, unknown> }
  | { readonly job: DailyJob; readonly status: 'failed'; readonly attempt: number; readonly error: { readonly code: string; readonly message: string } }
  | { readonly job: DailyJob; readonly status: 'skipped'; readonly heldBy: JobRun | null };

export interface DailyRunReport {
  readonly tenantId: TenantId;
  readonly day: LocalDate;
  readonly username: string;
  readonly results: readonly JobResult[];
}

const DEFAULT_STALE_MS = 2 * 60 * 60 * 1000;

async function work(deps: AppDeps, ref: ActorRef, job: DailyJob, day: LocalDate): Promise<Record<string, unknown>> {
  switch (job) {
    case 'signals_detect': {
      const r = await detectSignals(deps, ref, { date: addDays(day, -1) });
      return { date: r.date, series: r.series.length, outOfScope: r.outOfScope, ...r.totals };
    }
    case 'deadline_reminders':
    case 'recheck_schedule': {
      const r = await (job === 'deadline_reminders' ? sendDeadlineReminders : scheduleRechecks)(deps, ref);
      return { examined: r.examined, outOfScope: r.outOfScope, written: r.written.length, conflicts: r.conflicts, items: r.written.slice(0, 200) };
    }
    case 'inspection_rounds': {
      const notices = await remindInspectionRounds(deps, ref);
      return { periods: notices.length, places: notices.reduce((n, x) => n + x.places, 0) };
    }
    case 'escalation_sweep': {
      const r = await sweepEscalations(deps, ref);
      return {
        overdue: r.overdue,
        outOfScope: r.outOfScope,
        notDue: r.notDue,
        urged: r.steps.length,
        ...r.byKind,
        reportsUrged: r.reportUrges.length,
        failures: r.failures.length,
        items: r.steps.slice(0, 200).map((s) => s.number),
      };
    }
  }
}

/**
 * The scheduler's user must exist, be enabled and be a supervisor; checked before anything is claimed.
 * @throws AppError `user_not_found`, `user_disabled`; DomainError `forbidden`.
 */
async function checkRunner(deps: AppDeps, ref: Extract<ActorRef, { username: string }>): Promise<void> {
  const { actor } = await resolveActor(deps.store.read, ref);
  if (!hasRole(actor, 'supervisor')) {
    throw new DomainError('forbidden', `The daily jobs run as a supervisor; ${ref.username} is not one.`, `每日任务须以督办员身份运行，${ref.username} 不是督办员。`, {
      user: ref.username,
    });
  }
}

/** The city day a run is for: the given one (not in the future) or today. @throws AppError `invalid_input`. */
async function runDay(deps: AppDeps, tenantId: TenantId, day: LocalDate | undefined): Promise<LocalDate> {
  const today = toLocalDate(deps.now(), await tenantZone(deps.store, deps.store.read, tenantId));
  if (day === undefined) return today;
  if (!isLocalDate(day)) throw new AppError('invalid_input', `The day must be written YYYY-MM-DD: ${day}.`, `日期应写作 YYYY-MM-DD：${day}。`, { day });
  if (day > today) {
    throw new AppError('invalid_input', `Cannot run the daily jobs for ${day}, after today (${today}).`, `不能为今天（${today}）之后的 ${day} 运行每日任务。`, { day, today });
  }
  return day;
}

/**
 * Runs the daily jobs of a city day once across all nodes: for each job, claims (tenant, job, day) in the
 * job-run table in a transaction of its own; the node whose claim lands does the work and records its
 * outcome counts, every other node skips. A run presumed dead (still running after `staleAfterMs`) or failed
 * with attempts left is taken over by the next claimant; the work itself is idempotent (one alarm item per
 * series and period, one escalation step per item), so a take-over repeats nothing. One job failing does not
 * stop the next; the failure is recorded and reported.
 * @throws AppError `invalid_input` (day), `user_not_found`, `user_disabled`, `tenant_not_found`; DomainError
 *   `forbidden` (not a supervisor) — all before anything is claimed.
 */
export async function runDaily(deps: AppDeps, o: DailyRunOptions): Promise<DailyRunReport> {
  const ref = { tenantId: o.tenantId, username: o.username };
  const day = await runDay(deps, o.tenantId, o.day);
  await checkRunner(deps, ref);
  const results: JobResult[] = [];
  for (const job of o.jobs ?? DAILY_JOBS) {
    const at = deps.now();
    const rules = { staleBefore: new Date(at.getTime() - (o.staleAfterMs ?? DEFAULT_STALE_MS)).toISOString(), maxAttempts: o.maxAttempts ?? 3 };
    const claim = await deps.store.transaction((tx) => tx.jobRuns.claim(o.tenantId, job, day, o.node, at.toISOString(), rules));
    if (!claim.claimed) {
      results.push({ job, status: 'skipped', heldBy: claim.current ?? null });
      continue;
    }
    try {
      const outcome = await work(deps, ref, job, day);
      await deps.store.transaction((tx) => tx.jobRuns.finish(o.tenantId, job, day, o.node, { status: 'done', outcome }, deps.now().toISOString()));
      results.push({ job, status: 'done', attempt: claim.attempt, outcome });
    } catch (e) {
      const error = isCodedError(e) ? { code: e.code, message: e.message } : { code: 'internal_error', message: e instanceof Error ? e.message : String(e) };
      await deps.store.transaction((tx) =>
        tx.jobRuns.finish(o.tenantId, job, day, o.node, { status: 'failed', error: `${error.code}: ${error.message}` }, deps.now().toISOString()),
      );
      results.push({ job, status: 'failed', attempt: claim.attempt, error });
    }
  }
  // The day's writes may have changed the tables' shape enough for the planner to need new statistics (SQLite).
  await deps.store.ops.refreshPlannerStats();
  return { tenantId: o.tenantId, day, username: o.username, results };
}
