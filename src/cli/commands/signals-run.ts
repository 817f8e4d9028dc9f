import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runSignalCase, SignalsError, type CaseResult } from '../../signals/index.js';

/** The `signals` command group: the existing one if another command created it, else a new one. */
export function signalsCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'signals') ?? program.command('signals').description('Monitoring signals: aberration detection on count series (监测预警)');
}

function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'NA';
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

/** A readable table of the result, one line per evaluated period. */
export function formatCaseTable(r: CaseResult): string {
  const head = ['t', 'upperbound 阈值', 'alarm 报警', ...(r.expected ? ['expected 期望'] : [])];
  const rows = r.t.map((t, i) => [
    String(t),
    formatNumber(r.upperbound[i]),
    r.alarm[i] === null || r.alarm[i] === undefined ? 'NA' : r.alarm[i] ? 'ALARM 报警' : '-',
    ...(r.expected ? [formatNumber(r.expected[i])] : []),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  const line = (cells: string[]): string => cells.map((c, j) => c.padStart(widths[j]!)).join('  ');
  const alarms = r.alarm.filter((a) => a === true).length;
  return [line(head), ...rows.map(line), `${r.t.length} periods, ${alarms} alarm(s) / 共 ${r.t.length} 期，报警 ${alarms} 次`].join('\n');
}

/** Reads and runs a case file; returns the result or a bilingual error text. */
export function runCaseFile(file: string): { ok: true; result: CaseResult } | { ok: false; message: string } {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `error: cannot read case file ${file}: ${reason}\n错误：无法读取案例文件 ${file}：${reason}` };
  }
  try {
    return { ok: true, result: runSignalCase(input) };
  } catch (e) {
    if (e instanceof SignalsError) return { ok: false, message: `error [${e.code}]: ${e.message}\n错误：${e.messageZh}` };
    throw e;
  }
}

/**
 * Adds `luoshi signals run CASE.json [--json]`: runs a detection case in the format of the R reference
 * fixtures and prints {t, upperbound, alarm, expected?} (JSON) or a table. Exit code 1 on bad input.
 */
export function registerSignalsRun(program: Command): void {
  signalsCommand(program)
    .command('run')
    .description('Run a detection case file (algorithm, observed, freq, dates, range, control) 运行检测案例')
    .argument('<case>', 'case file (JSON)')
    .option('--json', 'print JSON {t, upperbound, alarm, expected?}')
    .action((file: string, opts: { json?: boolean }) => {
      const res = runCaseFile(file);
      if (!res.ok) {
        process.stderr.write(`${res.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${opts.json ? JSON.stringify(res.result) : formatCaseTable(res.result)}\n`);
    });
}
