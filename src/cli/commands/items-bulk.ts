import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { bulkAction, BULK_ACTIONS, type BulkAction } from '../../app/items/bulk.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { ACTION_SPECS, actionData, optionKey } from './item-actions.js';
import { unitNames } from './units-lookup.js';

interface BulkFlags extends StoreFlags {
  as?: string;
  ids?: string;
  [flag: string]: unknown;
}

/**
 * `luoshi items bulk assign|urge|transfer|cancel --ids A,B,… --as USER …`: the action's own flags, applied to each
 * selected item by the same use case as `luoshi item <action>`, one result per item. Exit 1 when any item was
 * refused (the others are done; the refused ones untouched).
 */
export function registerItemsBulk(items: Command, o: Output): void {
  const bulk = items.command('bulk').description('One action on many items, one result each 批量操作');
  for (const action of Object.keys(BULK_ACTIONS) as BulkAction[]) {
    const spec = ACTION_SPECS.find((s) => s.name === action)!;
    const cmd = withStoreOptions(bulk.command(action))
      .description(`${spec.help} (bulk 批量)`)
      .requiredOption('--ids <ids>', 'item ids, comma-separated 事项编号')
      .option('--as <username>', 'the user who acts (required)');
    for (const f of spec.flags) cmd.option(f.flag, f.help);
    cmd.action((flags: BulkFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, store, tenantId }) => {
            if (!flags.as) throw new AppError('invalid_input', 'Say who acts: --as USERNAME', '请用 --as 用户名 指明操作人');
            const ids = String(flags.ids ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
            const units = await unitNames(store, tenantId);
            const own: Record<string, unknown> = {};
            for (const f of spec.flags) own[optionKey(f.flag)] = flags[optionKey(f.flag)];
            const results = await bulkAction(deps, { tenantId, username: flags.as }, action, ids, actionData(spec, own, units));
            if (flags.json) printJson(o, { results });
            else {
              printTable(
                o,
                ['item 事项', 'result 结果'],
                results.map((r) => [
                  r.itemId,
                  r.ok ? `ok v${r.version}${r.warnings.length ? ` · ${r.warnings.map((w) => w.messageZh).join(' ')}` : ''}` : `${r.code}: ${r.messageZh}`,
                ]),
              );
              o.out(`${results.filter((r) => r.ok).length}/${results.length} done 已完成`);
            }
            return results.every((r) => r.ok) ? 0 : 1;
          }),
        o,
      ),
    );
  }
}
