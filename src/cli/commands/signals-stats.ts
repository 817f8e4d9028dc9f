import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { seriesChart, signalStatistics, type ResponseFigures } from '../../app/signals/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { signalsCommand } from './signals-run.js';

interface StatsFlags extends StoreFlags {
  as?: string;
  from?: string;
  to?: string;
  window?: string;
}

interface SeriesFlags extends StoreFlags {
  as?: string;
  periods?: string;
}

const by = (tenantId: string, as: string | undefined) => (as ? { tenantId, username: as } : { tenantId, operator: true as const });
const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`);
const hours = (minutes: number | null): string => (minutes === null ? '—' : minutes < 60 ? `${minutes.toFixed(0)} min` : `${(minutes / 60).toFixed(1)} h`);
const row = (f: ResponseFigures) => [
  f.alarms,
  pct(f.respondedInTime, f.responseDue),
  hours(f.medianResponseMinutes),
  pct(f.verifiedInTime, f.verificationDue),
  hours(f.medianVerificationMinutes),
  `${f.trueAlarms}/${f.falseAlarms}`,
];
const HEAD = ['信号数 signals', '24h响应率 response', '响应时间中位数 median', '24h核实率 verified', '核实时间中位数 median', '真/误报 true/false'];

function positive(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0)) throw new AppError('invalid_input', `${flag} must be a positive number.`, `${flag} 须为正数。`);
  return n;
}

/** `luoshi signals stats` and `luoshi signals series REGION INDICATOR`. */
export function registerSignalsStats(program: Command, o: Output = processOutput): void {
  const signals = signalsCommand(program);
  withStoreOptions(signals.command('stats'))
    .description('Signals per unit and week, response within 24 h, median response time 监测预警响应统计')
    .option('--as <username>', 'over what this user may see (default: every alarm)')
    .option('--from <date>', 'first day of the alarms counted, YYYY-MM-DD')
    .option('--to <date>', 'last day of the alarms counted, YYYY-MM-DD')
    .option('--window <hours>', 'response window in hours', '24')
    .action((flags: StatsFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const stats = await signalStatistics(deps, by(tenantId, flags.as), { from: flags.from, to: flags.to, windowHours: positive(flags.window, '--window') });
            if (flags.json) return printJson(o, stats);
            printTable(o, ['周 week', '单位 unit', ...HEAD], [...stats.byUnitWeek.map((g) => [g.week, g.unitName, ...row(g)]), ['合计 total', '', ...row(stats.totals)]]);
          }),
        o,
      ),
    );
  withStoreOptions(signals.command('series'))
    .description('A series with its threshold band and alarms, chart-ready 监测序列')
    .argument('<region>', 'region unit (id, code or unique name)')
    .argument('<indicator>', 'indicator key')
    .option('--periods <n>', 'trailing periods shown (default 52 weeks / 90 days)')
    .option('--as <username>', 'as this user (default: the operator)')
    .action((region: string, indicator: string, flags: SeriesFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const periods = flags.periods === undefined ? undefined : Number(flags.periods);
            const chart = await seriesChart(deps, by(tenantId, flags.as), { region, indicator, periods });
            if (flags.json) return printJson(o, chart);
            const n = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));
            printTable(
              o,
              ['期间 period', '计数 count', '期望 expected', '阈值 threshold', '报警 alarm'],
              chart.points.map((p) => [p.period, n(p.count), n(p.expected), n(p.threshold), p.alarm === null ? '—' : p.alarm ? 'ALARM 报警' : '']),
            );
            if (chart.problem) o.err(`${chart.problem.code}: ${chart.problem.messageZh} / ${chart.problem.message}`);
          }),
        o,
      ),
    );
}
