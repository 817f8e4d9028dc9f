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
import type { Item, ItemStatus } from '../src/domain/item.js';
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
const DAY = 86_400_000;
const UNITS = ['env', 'water', 'd1', 'd1s1', 'dcs'];


const STATUSES: [ItemStatus, number][] = [['draft', 0.05], ['assigned', 0.1], ['in_progress', 0.5], ['closing', 0.1], ['closed', 0.2], ['cancelled', 0.05]];

function spec(i: number, rand: () => number): Partial<Item> {
  let acc = 0;
  const r = rand();
  const status = STATUSES.find(([, p]) => r < (acc += p))?.[0] ?? 'in_progress';
  const nowMs = Date.parse(NOW);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const assigned = nowMs - Math.floor(rand() * 120 * DAY);
  const deadline = new Date(nowMs + Math.floor((rand() * 160 - 60) * DAY)).toISOString().slice(0, 10);
  const draft = status === 'draft';
  const lead = draft ? null : UNITS[i % UNITS.length]!;
  return {
    id: `bs-${i}`,
    status,
    leadUnitId: lead,
    coUnitIds: rand() < 0.3 ? [UNITS[(i + 1) % UNITS.length]!] : [],
    contacts: {},
    ownerUnitId: 'dcs',
    createdBy: 'u-sup',
    createdAt: iso(assigned - DAY),
    assignedAt: draft ? null : iso(assigned),
    acceptedAt: draft || status === 'assigned' ? null : iso(assigned + Math.floor(rand() * 5 * DAY)),
    originalDeadline: deadline,
    currentDeadline: deadline,
    stageIndex: status === 'closing' ? 0 : null,
    stageKey: status === 'closing' ? 'review' : null,
    stageEnteredAt: status === 'closing' ? iso(nowMs - Math.floor(rand() * 10 * DAY)) : null,
    closedAt: status === 'closed' ? iso(Math.min(nowMs, assigned + Math.floor(rand() * 90 * DAY))) : null,
    cancelledAt: status === 'cancelled' ? iso(assigned + DAY) : null,
    rating: status === 'closed' && rand() < 0.5 ? { satisfaction: rand() < 0.8 ? 'satisfied' : 'dissatisfied', resolved: rand() < 0.9 } : null,
    progress: status === 'closed' ? 100 : Math.floor(rand() * 100),
  };
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
