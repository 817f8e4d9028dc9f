import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { exportItems } from '../../app/exchange/export.js';
import { importItems, type ImportResult } from '../../app/exchange/import.js';
import { IMPORT_LIMITS } from '../../app/exchange/read-sheet.js';
import { importTemplate } from '../../app/exchange/template.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { itemFilterOf, withItemFilterOptions, type ItemFilterFlags } from './item-filter-flags.js';
import { unitNames } from './units-lookup.js';

interface ExportFlags extends StoreFlags, ItemFilterFlags {
  as?: string;
  parent?: string;
  format: string;
  out: string;
  lang?: string;
}

function formatOf(given: string, allowed: readonly string[]): string {
  if (!allowed.includes(given)) throw new AppError('invalid_input', `--format must be one of ${allowed.join(', ')}`, `--format 须为 ${allowed.join('、')} 之一`);
  return given;
}

/** `luoshi items export|template|import`: the ledger as the spreadsheet offices keep, and back. */
export function registerItemsExchange(items: Command, o: Output): void {
  withItemFilterOptions(withStoreOptions(items.command('export')))
    .description('Export a filtered list as .xlsx or CSV 导出台账')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .option('--as <username>', 'export what this user may see (default: every item, as the operator)')
    .option('--parent <id>', "a campaign's children: items under this item")
    .option('--lang <lang>', 'zh (default) or en')
    .action((flags: ExportFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, store, tenantId }) => {
            const format = formatOf(flags.format, ['xlsx', 'csv']) as 'xlsx' | 'csv';
            const lang = flags.lang === undefined ? 'zh' : (formatOf(flags.lang, ['zh', 'en']) as 'zh' | 'en');
            const units = await unitNames(store, tenantId);
            const file = await exportItems(
              deps,
              flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true },
              { ...itemFilterOf(flags, units), parentId: flags.parent },
              { format, lang },
            );
            writeFileSync(flags.out, file.body);
            if (flags.json) printJson(o, { file: flags.out, rows: file.rows, format });
            else o.out(`${file.rows} items written to ${flags.out} 已导出 ${file.rows} 项`);
          }),
        o,
      ),
    );
  withStoreOptions(items.command('template'))
    .description('Write the import template of a ledger type 下载导入模板')
    .requiredOption('--ledger <type>', 'ledger type (directive, rectification, hazard, …)')
    .requiredOption('--out <file>', 'file to write (.xlsx)')
    .option('--as <username>', 'the units of the dropdown as this user sees them (default: all)')
    .option('--lang <lang>', 'zh (default) or en')
    .action((flags: StoreFlags & { ledger: string; out: string; as?: string; lang?: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const lang = flags.lang === undefined ? 'zh' : (formatOf(flags.lang, ['zh', 'en']) as 'zh' | 'en');
            const file = await importTemplate(deps, flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true }, flags.ledger, lang);
            writeFileSync(flags.out, file.body);
            if (flags.json) printJson(o, { file: flags.out });
            else o.out(`Template written to ${flags.out} 已生成导入模板`);
          }),
        o,
      ),
    );

  withStoreOptions(items.command('import'))
    .description('Import items from an .xlsx or CSV sheet 导入事项 (exit 2 when a row is refused and nothing was written)')
    .argument('<file>', 'the sheet: the template filled in, or an exported ledger edited')
    .requiredOption('--ledger <type>', 'ledger type of the sheet')
    .requiredOption('--as <username>', 'the supervisor who imports')
    .option('--dry-run', 'check every row and report, write nothing 试导入')
    .option('--valid-rows', 'write the valid rows even when others are refused (default: all rows or none)')
    .action((file: string, flags: StoreFlags & { ledger: string; as: string; dryRun?: boolean; validRows?: boolean }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            if (!existsSync(file)) throw new AppError('invalid_input', `No file ${file}.`, `文件 ${file} 不存在。`);
            if (statSync(file).size > IMPORT_LIMITS.maxFileBytes) {
              throw new AppError('import_too_large', `${file} is larger than ${IMPORT_LIMITS.maxFileBytes} bytes.`, `${file} 超过 ${IMPORT_LIMITS.maxFileBytes} 字节。`);
            }
            const result = await importItems(deps, { tenantId, username: flags.as }, readFileSync(file), {
              ledgerType: flags.ledger,
              dryRun: flags.dryRun === true,
              mode: flags.validRows ? 'valid' : 'all',
            });
            printResult(o, result, flags.json === true, flags.dryRun === true);
            return result.errors.length > 0 && !result.written ? 2 : 0;
          }),
        o,
      ),
    );
}

const ACTION_WORDS: Record<ImportResult['rows'][number]['actions'][number]['kind'], string> = {
  create: 'create 新建',
  edit: 'edit 修改',
  assign: 'assign 交办',
  transfer: 'transfer 转办',
  extension: 'approve extension 批准延期',
};

function printResult(o: Output, r: ImportResult, json: boolean, dryRun: boolean): void {
  if (json) {
    printJson(o, {
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      written: r.written,
      errors: r.errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: e.message, message_en: e.messageEn })),
      actions: r.rows.flatMap((x) => x.actions.map((a) => ({ row: x.row, number: x.number, kind: a.kind, column: a.column, from: a.from, to: a.to }))),
    });
    return;
  }
  // What changes on existing items, cell by cell (new rows are counted below, not listed).
  const changes = r.rows.flatMap((x) => x.actions.filter((a) => a.from !== null).map((a) => [x.row, x.number ?? '', ACTION_WORDS[a.kind], a.column, `${a.from} → ${a.to}`]));
  if (changes.length) printTable(o, ['row 行', 'number 编号', 'action 操作', 'column 列', 'change 变化'], changes);
  if (r.errors.length) {
    printTable(
      o,
      ['row 行', 'column 列', 'code', 'message 说明'],
      r.errors.map((e) => [e.row, e.column, e.code, `${e.message}\n${e.messageEn}`]),
    );
  }
  const what = `${r.created} to create 新建, ${r.updated} to change 修改, ${r.unchanged} unchanged 未变, ${r.errors.length} refused 拒绝`;
  if (dryRun) o.out(`Dry run 试导入: ${what}; nothing written 未写入`);
  else o.out(r.written ? `Imported 已导入: ${what}` : `Nothing written 未写入 (${what})`);
}
