import type { Command } from 'commander';
import { detectSignals, type DetectReport } from '../../app/signals/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { signalsCommand } from './signals-run.js';

interface DetectFlags extends StoreFlags {
  as: string;
  date?: string;
  indicator?: string;
}

const STATUS_ZH = { alarm_opened: '报警·已交办', alarm_open: '报警·已有事项', no_alarm: '正常', no_result: '数据缺失', error: '无法评估' } as const;

const num = (v: number | null): string => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));

function printReport(o: Output, r: DetectReport): void {
  printTable(
    o,
    ['指标 indicator', '地区 region', '期间 period', '观测 observed', '阈值 threshold', '结果 status', '事项 item / 说明'],
    r.series.map((s) => [
      s.indicator,
      s.regionName,
      s.period ?? '—',
      num(s.observed),
      num(s.threshold),
      `${STATUS_ZH[s.status]} ${s.status}`,
      s.item ? `${s.item.number} → ${s.item.unitId}` : s.problem ? `${s.problem.code}: ${s.problem.messageZh}` : s.gaps.length ? `缺 ${s.gaps.length} 期 gaps` : '',
    ]),
  );
  const t = r.totals;
  o.out(
    `${r.date}: ${r.series.length} series, ${t.alarm_opened} new alarm item(s), ${t.alarm_open} already open, ${t.no_result} without result, ${t.error} not evaluable${r.outOfScope ? `, ${r.outOfScope} outside your area` : ''}`,
  );
  o.out(`${r.date}：共 ${r.series.length} 个序列，新交办预警 ${t.alarm_opened} 件，已有事项 ${t.alarm_open} 件，数据缺失 ${t.no_result} 个，无法评估 ${t.error} 个`);
}

/**
 * `luoshi signals detect [--date YYYY-MM-DD] --as USER`: evaluates every series and opens an item per new
 * alarm (what the daily scheduler runs). Exit 0 also when some series cannot be evaluated: they are reported.
 */
export function registerSignalsDetect(program: Command, o: Output = processOutput): void {
  withStoreOptions(signalsCommand(program).command('detect'))
    .description('Evaluate every series and open an item per alarm 运行监测预警检测')
    .requiredOption('--as <username>', 'the supervisor the alarm items are opened by')
    .option('--date <YYYY-MM-DD>', 'evaluate as of this date (default: today in the city)')
    .option('--indicator <keys>', 'only these indicators, comma-separated')
    .action((flags: DetectFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const report = await detectSignals(deps, { tenantId, username: flags.as }, { date: flags.date, indicators: flags.indicator?.split(',').filter(Boolean) });
            if (flags.json) printJson(o, report);
            else printReport(o, report);
          }),
        o,
      ),
    );
}
