/**
 * 考核 stats benchmark (npm run bench:stats [-- --items N --db D]): fills a city with N items (default 100,000)
 * in a mix of states, deadlines, lead and co-units, then times computeStats — what `luoshi stats` and
 * GET /api/v1/stats answer — for the operator (every item) and for a department handler (its unit scope), on
 * SQLite (a file) and on PostgreSQL when LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL is set.
 * Prints the best and median of 5 runs per viewer after a warm-up run (target ≤ 1 s for the operator at 100k).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { computeStats } from '../src/app/index.js';
import { seedCity, testClock, testDeps } from '../src/app/testing/city.js';
import type { Item } from '../src/domain/item.js';
import { itemLife } from './ledger/item-mix.js';
import { buildItem } from '../src/store/testing/factories.js';
import { postgresTarget, sqliteTarget, type Target } from './ledger/targets.js';
import { seededRandom } from '../src/domain/testing/random.js';

const { values: args } = parseArgs({ options: { items: { type: 'string', default: '100000' }, db: { type: 'string', default: 'both' } } });
const ITEMS = Number(args.items);
if (!Number.isSafeInteger(ITEMS) || ITEMS < 1) {
  console.error('--items must be a positive whole number (--items 须为正整数)');
  process.exit(2);
}
if (!['both', 'sqlite', 'postgres'].includes(args.db)) {
  console.error('--db must be sqlite, postgres or both (--db 须为 sqlite、postgres 或 both)');
  process.exit(2);
}
const PG_URL = process.env.LUOSHI_BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const NOW = '2026-06-15T02:00:00.000Z';
const UNITS = ['env', 'water', 'd1', 'd1s1', 'dcs'];

function spec(i: number, rand: () => number): Partial<Item> {
  return { id: `bs-${i}`, ownerUnitId: 'dcs', createdBy: 'u-sup', ...itemLife(i, rand, NOW, UNITS, true) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(name: string, t: Target): Promise<void> {
  const store = await t.open();
  try {
    const clock = testClock(NOW);
    const deps = testDeps(store, clock);
    const { tenantId } = await seedCity(deps);
    const rand = seededRandom(20_260_615);
    const t0 = performance.now();
    for (let from = 0; from < ITEMS; from += 2000) {
      await store.transaction(async (tx) => {
        for (let i = from; i < Math.min(ITEMS, from + 2000); i++) await tx.items.insert(buildItem(tenantId, spec(i, rand)), '2026-03-01T00:00:00.000Z');
      });
    }
    console.log(`${name}: ${ITEMS.toLocaleString('en')} items written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const [who, viewer] of [
      ['operator', { tenantId, operator: true as const }],
      ['handler env', { tenantId, username: 'env' }],
    ] as const) {
      const times: number[] = [];
      let figures = '';
      for (let run = 0; run < 6; run++) {
        const s0 = performance.now();
        const s = await computeStats(deps, viewer);
        const ms = performance.now() - s0;
        if (run > 0) times.push(ms);
        figures = `${s.itemCount} items, on-time rate ${String(s.total.on_time_rate.value)}, red ${s.lights.total.red} yellow ${s.lights.total.yellow} green ${s.lights.total.green}`;
      }
      console.log(`${name} ${who}: best ${Math.min(...times).toFixed(0)} ms, median ${median(times).toFixed(0)} ms (${figures}); load ${loadavg()[0]!.toFixed(1)}`);
    }
  } finally {
    await store.close();
    await t.dispose();
  }
}

if (args.db !== 'postgres') await bench('sqlite', sqliteTarget());
if (args.db !== 'sqlite') {
  if (PG_URL) await bench('postgres', postgresTarget(PG_URL, 'stats'));
  else console.log('postgres: skipped (set LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL)');
}
