import { hostname } from 'node:os';
import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { errorClass } from '../../contracts/errors.js';
import { runDaily, type DailyRunReport, type JobResult } from '../../jobs/daily.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface RunDailyFlags extends StoreFlags {
  as?: string;
  date?: string;
}

const STATUS_ZH = { done: '已完成', failed: '失败', skipped: '已由其他进程执行' } as const;
const JOB_ZH = {
  signals_detect: '监测预警检测',
  deadline_reminders: '临期提醒',
  escalation_sweep: '逾期催办',
  recheck_schedule: '回头看',
  inspection_rounds: '巡查轮次提醒',
} as const;

function summary(r: JobResult): string {
  if (r.status === 'done') {
    return Object.entries(r.outcome)
      .filter(([k]) => k !== 'items')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
  }
  if (r.status === 'failed') return `${r.error.code}: ${r.error.message}`;
  const h = r.heldBy;
  return h ? `${h.node} ${h.status} ${h.startedAt}${h.outcome ? ` ${JSON.stringify(h.outcome)}` : ''}` : '';
}

function printReport(o: Output, r: DailyRunReport): void {
  o.out(`${r.day}（以 ${r.username} 身份 / as ${r.username}）`);
  printTable(
    o,
    ['任务 job', '结果 status', '详情 details'],
    r.results.map((x) => [`${JOB_ZH[x.job]} ${x.job}`, `${STATUS_ZH[x.status]} ${x.status}`, summary(x)]),
  );
}

/** Registers `luoshi jobs` with its subcommands. */
export function registerJobs(program: Command, o: Output = processOutput): void {
  const jobs = program.command('jobs').description('Scheduled work: daily signal detection and the escalation sweep 定时任务');
  withStoreOptions(jobs.command('run-daily'))
    .description("Run the day's jobs once by hand, as the scheduler does (skipped when already run that day) 手动运行每日任务")
    .option('--as <username>', 'the supervisor to run as (default: LUOSHI_SCHEDULER_USER)')
    .option('--date <YYYY-MM-DD>', 'the city day to run for (default: today); detection evaluates the periods complete by the day before')
    .action((flags: RunDailyFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId, config }) => {
            const username = flags.as ?? config.scheduler.user;
            if (!username) {
              throw new AppError(
                'invalid_input',
                'Name the supervisor to run as: --as USER (or set LUOSHI_SCHEDULER_USER).',
                '请用 --as 指定以哪位督办员身份运行（或设置 LUOSHI_SCHEDULER_USER）。',
              );
            }
            const report = await runDaily(deps, { tenantId, username, day: flags.date, node: `cli:${hostname()}#${process.pid}` });
            if (flags.json) printJson(o, report);
            else printReport(o, report);
            const failed = report.results.find((r) => r.status === 'failed');
            return failed ? errorClass(failed.error.code).exit : 0;
          }),
        o,
      ),
    );
  withStoreOptions(jobs.command('runs'))
    .description('The latest runs of the daily jobs 每日任务运行记录')
    .action((flags: StoreFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ store, tenantId }) => {
            const runs = await store.read.jobRuns.list(tenantId, 50);
            if (flags.json) printJson(o, runs);
            else {
              printTable(
                o,
                ['日期 day', '任务 job', '结果 status', '节点 node', '次数 attempts', '开始 started', '结束 finished', '详情 outcome / error'],
                runs.map((r) => [r.day, r.job, r.status, r.node, r.attempts, r.startedAt, r.finishedAt ?? '', r.error ?? JSON.stringify(r.outcome ?? {})]),
              );
            }
          }),
        o,
      ),
    );
}
