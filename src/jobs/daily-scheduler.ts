import type { AppDeps } from '../app/context.js';
import { tenantZone } from '../app/items/load.js';
import { isCodedError } from '../contracts/errors.js';
import { MS_PER_DAY, localWallMs } from '../domain/calendar-days.js';
import type { LocalDate, TenantId } from '../domain/ids.js';
import { toLocalDate } from '../domain/time.js';
import { runDaily, type DailyRunReport } from './daily.js';

/** The logger calls the scheduler makes (pino's signature). */
export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DailySchedulerOptions {
  readonly tenantId: TenantId;
  /** The supervisor the jobs run as (LUOSHI_SCHEDULER_USER); null leaves the scheduler idle. */
  readonly username: string | null;
  /** City time (HH:MM, the tenant's zone) from which a day's jobs run; counts of the day before should be in by then. */
  readonly at: string;
  /** This process, as recorded in the job-run rows. */
  readonly node: string;
  /** How often to look whether the day's run is due (default every minute). */
  readonly everyMs?: number;
  readonly log: SchedulerLog;
}

/** What one scheduler remembers between ticks, so a settled day costs no query. */
export interface SchedulerState {
  /** The last day whose jobs are all done (here or on another node) or out of attempts. */
  settledDay: LocalDate | null;
  /** The last problem reported (day and code), so a misconfiguration is logged once a day, not every minute. */
  reported: string | null;
}

/** Minutes after local midnight of an HH:MM time; NaN when malformed. */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

function settled(report: DailyRunReport): boolean {
  return report.results.every((r) => r.status === 'done' || (r.status === 'skipped' && r.heldBy?.status !== 'running'));
}

function logReport(log: SchedulerLog, report: DailyRunReport): void {
  for (const r of report.results) {
    const base = { job: r.job, day: report.day, as: report.username };
    if (r.status === 'done') log.info({ ...base, attempt: r.attempt, outcome: r.outcome }, 'daily job done');
    else if (r.status === 'failed') log.error({ ...base, attempt: r.attempt, error: r.error }, 'daily job failed');
    else log.info({ ...base, heldBy: r.heldBy && { node: r.heldBy.node, status: r.heldBy.status, startedAt: r.heldBy.startedAt } }, 'daily job skipped: claimed by another run');
  }
}

/**
 * One look of the scheduler: when it is past `at` in the city and the day is not settled, runs the day's jobs
 * (runDaily claims each one, so of several nodes only one works). Returns the run's report, or null when
 * nothing was due. Never throws for a misconfiguration (unknown user, not a supervisor, no tenant yet): it is
 * logged once per day and retried at the next tick.
 */
export async function schedulerTick(deps: AppDeps, o: DailySchedulerOptions & { username: string }, state: SchedulerState): Promise<DailyRunReport | null> {
  let day: LocalDate;
  try {
    const zone = await tenantZone(deps.store, deps.store.read, o.tenantId);
    const now = deps.now();
    day = toLocalDate(now, zone);
    const minutes = Math.floor((((localWallMs(now.getTime(), zone) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
    if (state.settledDay === day || minutes < minutesOf(o.at)) return null;
    const report = await runDaily(deps, { tenantId: o.tenantId, username: o.username, day, node: o.node });
    logReport(o.log, report);
    if (settled(report)) state.settledDay = day;
    return report;
  } catch (e) {
    if (!isCodedError(e)) throw e;
    const key = `${toLocalDate(deps.now())}:${e.code}`;
    if (state.reported !== key) {
      state.reported = key;
      o.log.error({ code: e.code, as: o.username, tenant: o.tenantId }, `daily scheduler cannot run: ${e.message} ${e.messageZh}`);
    }
    return null;
  }
}

/**
 * Runs the daily jobs (signal detection, the escalation sweep) once per city day from this process: looks
 * every `everyMs` and at start. Without a user it stays idle and says so. Returns the stopper, which waits
 * for a run in progress.
 */
export function startDailyScheduler(deps: AppDeps, o: DailySchedulerOptions): () => Promise<void> {
  const username = o.username;
  if (!username) {
    o.log.warn(
      { tenant: o.tenantId },
      "daily scheduler idle: LUOSHI_SCHEDULER_USER is not set, so the daily jobs (signal detection, deadline reminders, the escalation sweep, 回头看 and inspection round notices) do not run automatically (set it to a supervisor's username) 每日任务未启用：未设置 LUOSHI_SCHEDULER_USER",
    );
    return () => Promise.resolve();
  }
  o.log.info({ tenant: o.tenantId, as: username, at: o.at, node: o.node }, 'daily scheduler on: signal detection and the escalation sweep run once per city day');
  const state: SchedulerState = { settledDay: null, reported: null };
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => schedulerTick(deps, { ...o, username }, state)).catch((e: unknown) => o.log.error({ err: e }, 'daily scheduler tick failed'));
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, o.everyMs ?? 60_000);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
