import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { ingestCountFile, ingestCounts, type IngestReport } from '../../app/signals/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printFields, printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { signalsCommand } from './signals-run.js';

interface IngestFlags extends StoreFlags {
  as?: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
}

/** Errors printed as a table; --json gives all. */
const SHOWN_ERRORS = 50;

/** Count files are small tables; anything larger is a wrong file. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads a CSV file as UTF-8, or as GB18030 when it is not valid UTF-8 (Excel in a Chinese locale saves so).
 * @throws AppError `invalid_input` when the file cannot be read or is too large.
 */
export function readCountsFile(file: string): string {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_BYTES) throw new AppError('invalid_input', `${file} is larger than ${MAX_BYTES} bytes.`, `文件 ${file} 超过 ${MAX_BYTES} 字节。`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', `Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, `无法读取文件 ${file}。`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function printReport(o: Output, r: IngestReport, dryRun: boolean): void {
  printFields(o, [
    ['written 已写入', r.committed ? '是 yes' : dryRun ? '否，试导入 no, dry run' : '否 no'],
    ['valid rows 有效行', r.valid],
    ['rejected rows 错误行', r.invalid],
    ['inserted 新增', r.inserted],
    ['updated 更新', r.updated],
    ['unchanged 未变', r.unchanged],
    ['series 序列', r.series],
  ]);
  const shown = r.errors.slice(0, SHOWN_ERRORS);
  if (shown.length > 0) {
    printTable(
      o,
      ['行 line', '列 column', '代码 code', '说明', 'message'],
      shown.map((e) => [e.line, e.column ?? '', e.code, e.messageZh, e.message]),
    );
  }
  if (r.errors.length > shown.length) o.out(`另有 ${r.errors.length - shown.length} 个错误（--json 列出全部）/ ${r.errors.length - shown.length} more errors (--json lists all)`);
  if (!dryRun && !r.committed && r.errors.length > 0) {
    o.err('文件有错误，未写入任何数据（可用 --skip-invalid 只写入有效行）/ the file has errors and nothing was written (--skip-invalid writes the valid rows)');
  }
}

/**
 * `luoshi signals ingest FILE.csv`: imports aggregate counts (region, indicator, period, count) with a
 * row-level error report. Exit 0 when written, 2 when the file had errors and nothing was written.
 */
export function registerSignalsIngest(program: Command, o: Output = processOutput): void {
  withStoreOptions(signalsCommand(program).command('ingest'))
    .description('Import count series from CSV or .xlsx (region, indicator, period, count) 导入监测计数')
    .argument('<file>', 'CSV file (UTF-8 or GB18030) or .xlsx workbook')
    .option('--as <username>', 'import as this supervisor (regions outside its area are refused); default: the operator')
    .option('--skip-invalid', 'write the valid rows of a file that has errors')
    .option('--dry-run', 'check and count only (试导入): report what would be written, write nothing')
    .action((file: string, flags: IngestFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const by = flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true as const };
            const options = { skipInvalid: flags.skipInvalid, dryRun: flags.dryRun };
            const report = /\.xlsx$/i.test(file) ? await ingestCountFile(deps, by, readFileSync(file), options) : await ingestCounts(deps, by, readCountsFile(file), options);
            if (flags.json) printJson(o, report);
            else printReport(o, report, flags.dryRun === true);
            return report.committed || report.errors.length === 0 ? 0 : 2;
          }),
        o,
      ),
    );
}
