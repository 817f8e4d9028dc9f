import type { Command } from 'commander';
import { computeStats, AppError, OPEN_LIGHTS, type LightCounts } from '../../app/index.js';
import { METRIC_KEYS, type MetricKey } from '../../domain/metrics/definitions.js';
import type { Figure } from '../../domain/metrics/figures.js';
import type { MetricsReport } from '../../domain/metrics/report.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface StatsFlags extends StoreFlags {
  as?: string;
  ledger?: string;
  from?: string;
  to?: string;
  by?: string;
  groupBy?: string;
  rankBy?: string;
}

const pct = (f: Figure) =>
  f.value === null ? '—' : f.kind === 'rate' ? `${(f.value * 100).toFixed(2)}% (${f.numerator}/${f.denominator})` : f.kind === 'mean' ? f.value.toFixed(1) : String(f.value);

/**
 * `luoshi stats`: 考核 figures per lead unit (or ledger type) with a ranking, then the open items' warning lights
 * per unit; `--json` lists the items behind each figure and has the light counts under `lights`.
 */
export function registerStats(program: Command, o: Output = processOutput): void {
  withStoreOptions(program.command('stats'))
    .description('Accountability statistics per unit 考核统计 (按期办结率, 办结率, 超期率 …)')
    .option('--as <username>', 'statistics over what this user may see (default: every item)')
    .option('--ledger <types>', 'ledger types, comma-separated')
    .option('--from <date>', 'period start YYYY-MM-DD')
    .option('--to <date>', 'period end YYYY-MM-DD')
    .option('--by <date>', 'which date places an item in the period: deadline | assigned | closed', 'deadline')
    .option('--group-by <g>', 'leadUnit | ledgerType', 'leadUnit')
    .option('--rank-by <metric>', `metric to rank by (${METRIC_KEYS.join(', ')})`, 'on_time_rate')
    .action((flags: StatsFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            if ((flags.from === undefined) !== (flags.to === undefined)) throw new AppError('invalid_input', 'Give both --from and --to', '请同时给出 --from 与 --to');
            if (!(METRIC_KEYS as readonly string[]).includes(flags.rankBy ?? '')) throw new AppError('invalid_input', `Unknown metric ${flags.rankBy}`, `未知指标 ${flags.rankBy}`);
            if (flags.groupBy !== 'leadUnit' && flags.groupBy !== 'ledgerType') {
              throw new AppError('invalid_input', '--group-by is leadUnit or ledgerType', '--group-by 须为 leadUnit 或 ledgerType');
            }
            if (!['deadline', 'assigned', 'closed'].includes(flags.by ?? '')) {
              throw new AppError('invalid_input', '--by is deadline, assigned or closed', '--by 须为 deadline、assigned 或 closed');
            }
            const rankBy = flags.rankBy as MetricKey;
            const lowerIsBetter = rankBy.includes('overdue') || rankBy.includes('days') || ['returns', 'rejections', 'rebound_rate'].includes(rankBy);
            const stats = await computeStats(deps, flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true }, {
              ledgerTypes: flags.ledger?.split(','),
              period: flags.from && flags.to ? { from: flags.from, to: flags.to, by: flags.by as 'deadline' | 'assigned' | 'closed' } : undefined,
              groupBy: flags.groupBy,
              rankBy,
              rankOrder: lowerIsBetter ? 'asc' : 'desc',
            });
            if (flags.json) {
              printJson(o, stats);
              return;
            }
            const rank = new Map(stats.ranking.map((r) => [r.key, r.rank]));
            const row = (label: string, r: MetricsReport, n: number, k: string | null | undefined) => [
              k === undefined ? '' : (rank.get(k) ?? '—'),
              label,
              n,
              r.due.value,
              pct(r.on_time_rate),
              pct(r.closure_rate),
              pct(r.overdue_rate),
              pct(r.working_days_to_accept),
              pct(r.working_days_to_close),
              r.returns.value,
              r.rejections.value,
              r.extensions_granted.value,
              r.transfers.value,
              r.escalations.value,
            ];
            const groups = [...stats.groups].sort((a, b) => (rank.get(a.key) ?? 1e9) - (rank.get(b.key) ?? 1e9));
            printTable(
              o,
              [
                '名次 rank',
                '单位 unit',
                '事项 items',
                '应办结 due',
                '按期办结率 on time',
                '办结率 closed',
                '超期率 overdue',
                '签收(工作日) accept',
                '办结(工作日) close',
                '退回 returns',
                '驳回 rejections',
                '延期 extensions',
                '转办 transfers',
                '提级 escalations',
              ],
              [...groups.map((g) => row(g.label, g.report, g.itemCount, g.key)), row('合计 total', stats.total, stats.itemCount, undefined)],
            );
            // The lights of the open items now (the period does not apply; `items list --light … --unit …` lists them).
            const lightRow = (label: string, c: LightCounts) => [label, ...OPEN_LIGHTS.map((l) => c[l]), OPEN_LIGHTS.reduce((n, l) => n + c[l], 0)];
            printTable(
              o,
              [flags.groupBy === 'ledgerType' ? '台账 ledger' : '单位 unit', '红灯 red', '黄灯 yellow', '绿灯 green', '在办 open'],
              [...stats.lights.groups.map((g) => lightRow(g.label, g.counts)), lightRow('合计 total', stats.lights.total)],
            );
          }),
        o,
      ),
    );
}
