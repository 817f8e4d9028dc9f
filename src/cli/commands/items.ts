import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { listItems, type ItemRow } from '../../app/items/queries.js';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/item.js';
import type { Light } from '../../domain/lights.js';
import { ITEM_SORTS, type ItemSort } from '../../store/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { resolveUnit, unitNames } from './units-lookup.js';
import { presentItem, LIGHT_ZH, STATUS_ZH } from './present.js';
import { registerItemsExchange } from './items-exchange.js';
import { registerItemsBulk } from './items-bulk.js';

interface ListFlags extends StoreFlags {
  as?: string;
  ledger?: string[];
  unit?: string[];
  state?: string[];
  light?: string[];
  text?: string;
  sort?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  limit?: string;
  after?: string;
  queue?: boolean;
}

export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'none'];
export const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').filter(Boolean)];

export function checked<T extends string>(given: string[] | undefined, allowed: readonly T[], what: string, whatZh: string): T[] | undefined {
  if (!given) return undefined;
  const bad = given.filter((g) => !(allowed as readonly string[]).includes(g));
  if (bad.length) throw new AppError('invalid_input', `Unknown ${what}: ${bad.join(', ')} (one of ${allowed.join(', ')})`, `未知的${whatZh}:${bad.join('、')}(可选 ${allowed.join('、')})`);
  return given as T[];
}

/** `luoshi items list`: the items a user may see (or all, for the operator), with filters. */
export function registerItems(program: Command, o: Output = processOutput): void {
  const items = program.command('items').description('Item lists 事项列表');
  registerItemsBulk(items, o);
  withStoreOptions(items.command('list'))
    .description('List items with their warning lights 列出事项')
    .option('--as <username>', 'list what this user may see (default: every item, as the operator)')
    .option('--ledger <types>', 'ledger types, comma-separated (directive, rectification, hazard, …)', collect)
    .option('--unit <units>', 'lead units (id or name), comma-separated', collect)
    .option('--state <states>', `states: ${ITEM_STATUSES.join(', ')}`, collect)
    .option('--light <lights>', 'warning lights: red, yellow, green, none', collect)
    .option('--text <words>', 'free text in number, title and content (2-character Chinese terms work)')
    .option('--queue', 'the 待立项 queue: reported items (上报) waiting for a supervisor\'s 立项')
    .option('--deadline-from <date>', 'current deadline on or after this date (YYYY-MM-DD)')
    .option('--deadline-to <date>', 'current deadline on or before this date (YYYY-MM-DD)')
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
              ledgerTypes: flags.ledger,
              statuses: checked<ItemStatus>(flags.state, ITEM_STATUSES, 'state', '状态'),
              lights: checked<Light>(flags.light, LIGHTS, 'light', '预警灯'),
              leadUnitIds: flags.unit?.map((u) => resolveUnit(units, u)),
              deadlineFrom: flags.deadlineFrom,
              deadlineTo: flags.deadlineTo,
              text: flags.text?.trim() || undefined,
              ...(flags.queue && { awaitingIntake: true }),
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
