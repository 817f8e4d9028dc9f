import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { listItems, type ItemRow } from '../../app/items/queries.js';
import { ITEM_SORTS, type ItemSort } from '../../store/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { unitNames } from './units-lookup.js';
import { checked, itemFilterOf, withItemFilterOptions, type ItemFilterFlags } from './item-filter-flags.js';
import { presentItem, LIGHT_ZH, STATUS_ZH } from './present.js';
import { registerItemsExchange } from './items-exchange.js';
import { registerItemsBulk } from './items-bulk.js';
import { registerItemsCount } from './items-count.js';

interface ListFlags extends StoreFlags, ItemFilterFlags {
  as?: string;
  sort?: string;
  limit?: string;
  after?: string;
  queue?: boolean;
  parent?: string;
}

/** `luoshi items list` and `items count`: the items a user may see (or all, for the operator), with filters. */
export function registerItems(program: Command, o: Output = processOutput): void {
  const items = program.command('items').description('Item lists 事项列表');
  registerItemsBulk(items, o);
  withItemFilterOptions(withStoreOptions(items.command('list')))
    .description('List items with their warning lights 列出事项')
    .option('--as <username>', 'list what this user may see (default: every item, as the operator)')
    .option('--queue', "the 待立项 queue: reported items (上报) waiting for a supervisor's 立项")
    .option('--parent <id>', "a campaign's children: items under this item")
    .option('--sort <order>', `order: ${ITEM_SORTS.join(', ')} (default updated_desc)`)
    .option('--limit <n>', 'rows per page (1–1000)', '100')
    .option('--after <cursor>', 'cursor of the next page, as printed by the previous one')
    .action((flags: ListFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, store, tenantId }) => {
            const units = await unitNames(store, tenantId);
            const limit = Number(flags.limit);
            if (!Number.isInteger(limit)) throw new AppError('invalid_input', '--limit must be a whole number', '--limit 须为整数');
            const page = await listItems(deps, flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true }, {
              ...itemFilterOf(flags, units),
              ...(flags.queue && { awaitingIntake: true }),
              ...(flags.parent !== undefined && { parentId: flags.parent }),
              sort: flags.sort === undefined ? undefined : checked<ItemSort>([flags.sort], ITEM_SORTS, 'sort', '排序方式')![0],
              limit,
              after: flags.after ?? null,
            });
            if (flags.json) printJson(o, { items: page.items.map((r) => presentItem(r.item, r.light, units)), next_cursor: page.nextCursor });
            else printRows(o, page.items, units, page.nextCursor);
          }),
        o,
      ),
    );
  registerItemsCount(items, o);
  registerItemsExchange(items, o);
}

function printRows(o: Output, rows: readonly ItemRow[], units: Map<string, { name: string }>, next: string | null): void {
  printTable(
    o,
    ['number 编号', 'title 事项', 'lead 牵头单位', 'state 状态', 'deadline 时限', '%', 'light 预警'],
    rows.map(({ item, light }) => [
      item.number,
      item.title.length > 24 ? `${item.title.slice(0, 24)}…` : item.title,
      item.leadUnitId ? (units.get(item.leadUnitId)?.name ?? item.leadUnitId) : '—',
      STATUS_ZH[item.status],
      item.currentDeadline ?? (item.cadence ? `长期(${item.cadence})` : '—'),
      item.progress,
      LIGHT_ZH[light.light],
    ]),
  );
  o.out(`${rows.length} items 条${next ? ` · next page 下一页: --after ${next}` : ''}`);
}
