import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { exportItems } from '../../app/exchange/export.js';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/item.js';
import type { Light } from '../../domain/lights.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { checked, collect, LIGHTS } from './items.js';
import { resolveUnit, unitNames } from './units-lookup.js';

interface ExportFlags extends StoreFlags {
  as?: string;
  ledger?: string[];
  unit?: string[];
  state?: string[];
  light?: string[];
  text?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
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
  withStoreOptions(items.command('export'))
    .description('Export a filtered list as .xlsx or CSV 导出台账')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .option('--as <username>', 'export what this user may see (default: every item, as the operator)')
    .option('--ledger <types>', 'ledger types, comma-separated', collect)
    .option('--unit <units>', 'lead units (id or name), comma-separated', collect)
    .option('--state <states>', `states: ${ITEM_STATUSES.join(', ')}`, collect)
    .option('--light <lights>', 'warning lights: red, yellow, green, none', collect)
    .option('--text <words>', 'free text in number, title and content')
    .option('--deadline-from <date>', 'current deadline on or after (YYYY-MM-DD)')
    .option('--deadline-to <date>', 'current deadline on or before (YYYY-MM-DD)')
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
              {
                ledgerTypes: flags.ledger,
                statuses: checked<ItemStatus>(flags.state, ITEM_STATUSES, 'state', '状态'),
                lights: checked<Light>(flags.light, LIGHTS, 'light', '预警灯'),
                leadUnitIds: flags.unit?.map((u) => resolveUnit(units, u)),
                deadlineFrom: flags.deadlineFrom,
                deadlineTo: flags.deadlineTo,
                parentId: flags.parent,
                text: flags.text?.trim() || undefined,
              },
              { format, lang },
            );
            writeFileSync(flags.out, file.body);
            if (flags.json) printJson(o, { file: flags.out, rows: file.rows, format });
            else o.out(`${file.rows} items written to ${flags.out} 已导出 ${file.rows} 项`);
          }),
        o,
      ),
    );
}
