import type { Command } from 'commander';
import { FACETS, itemFacets, type Facet, type ItemFacets } from '../../app/items/facets.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { checked, itemFilterOf, withItemFilterOptions, type ItemFilterFlags } from './item-filter-flags.js';
import { LIGHT_ZH, STATUS_ZH } from './present.js';
import { unitNames } from './units-lookup.js';

interface CountFlags extends StoreFlags, ItemFilterFlags {
  as?: string;
  by?: string[];
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').filter(Boolean)];

/** `luoshi items count`: what `items list` with the same filters holds, counted per state, light, type and unit. */
export function registerItemsCount(items: Command, o: Output): void {
  withItemFilterOptions(withStoreOptions(items.command('count')))
    .description('Count items per state, light, ledger type and lead unit 事项计数')
    .option('--as <username>', 'count what this user may see (default: every item, as the operator)')
    .option('--by <facets>', `facets: ${FACETS.join(', ')} (default all)`, collect)
    .action((flags: CountFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, store, tenantId }) => {
            const units = await unitNames(store, tenantId);
            const by = new Set<Facet>(checked<Facet>(flags.by, FACETS, 'facet', '计数维度') ?? FACETS);
            const f = await itemFacets(deps, flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true }, itemFilterOf(flags, units), by);
            if (flags.json) printJson(o, f);
            else printFacets(o, f, units);
          }),
        o,
      ),
    );
}

function printFacets(o: Output, f: ItemFacets, units: Map<string, { name: string }>): void {
  const rows: string[][] = [];
  for (const [k, n] of Object.entries(f.state ?? {})) rows.push(['state 状态', STATUS_ZH[k as keyof typeof STATUS_ZH], String(n)]);
  for (const [k, n] of Object.entries(f.light ?? {})) rows.push(['light 预警', LIGHT_ZH[k as keyof typeof LIGHT_ZH], String(n)]);
  for (const [k, n] of Object.entries(f.ledger ?? {})) rows.push(['ledger 台账', k, String(n)]);
  for (const [k, n] of Object.entries(f.unit?.counts ?? {})) rows.push(['lead 牵头单位', units.get(k)?.name ?? k, String(n)]);
  if (f.unit && f.unit.noLeadUnit > 0) rows.push(['lead 牵头单位', '—', String(f.unit.noLeadUnit)]);
  printTable(o, ['facet 维度', 'value 值', 'items 条'], rows);
  o.out(`${f.total} items 条`);
}
