/**
 * A city-scale benchmark (npm run bench:scale [-- --items N --tenants T --db both|postgres|sqlite --samples S]):
 * loads N items (default 1,000,000) across T tenants (default 10; the largest holds a fifth of them, the others
 * share the rest) with one ItemCreated event each on its tenant's keyed chain, on PostgreSQL (all tenants, one
 * schema; LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL) and on SQLite (the largest tenant alone).
 * On the largest tenant it then times, through the use cases the API and CLI call:
 *   list       two filters (state and lead unit, or state and deadline range) with a sort, 50 rows
 *   GET        one item page (fields, light, timeline, children, provenance)
 *   action     催办 (urge) of an open item: a write with its event on the chain
 *   search     2-character free text, 50 rows
 *   考核        computeStats for the operator (every item of the tenant), best and median of 3 after a warm-up
 *   sweep      the daily escalation sweep (every overdue item urged, each in its own transaction)
 * and prints p50/p99 against the goals: list and GET p99 ≤ 20 ms, actions p99 ≤ 50 ms, 考核 of a 200,000-item
 * tenant ≤ 1 s, sweep ≤ 60 s. On a shared machine run it reduced (e.g. --items 50000): figures then come with
 * the load average, and the 考核 goal applies at 200,000 items only.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { computeStats, listItems, performAction, showItem } from '../src/app/index.js';
import type { AppDeps } from '../src/app/context.js';
import { sweepEscalations } from '../src/app/escalation/sweep.js';
import { addUnits, addUsers, ensureTenant } from '../src/app/organisation.js';
import { testClock } from '../src/app/testing/city.js';
import type { Item } from '../src/domain/item.js';
import { itemLife } from './ledger/item-mix.js';
import { seededRandom } from '../src/domain/testing/random.js';
import type { Store } from '../src/store/index.js';
import { buildItem } from '../src/store/testing/factories.js';
import { postgresTarget, sqliteTarget, type Target } from './ledger/targets.js';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    tenants: { type: 'string', default: '10' },
    db: { type: 'string', default: 'both' },
    samples: { type: 'string', default: '200' },
  },
});
const ITEMS = Number(args.items);
const TENANTS = Number(args.tenants);
const SAMPLES = Number(args.samples);
if (![ITEMS, TENANTS, SAMPLES].every((n) => Number.isSafeInteger(n) && n > 0) || !['both', 'sqlite', 'postgres'].includes(args.db)) {
  console.error('--items, --tenants and --samples take positive whole numbers, --db sqlite|postgres|both (参数有误)');
  process.exit(2);
}
const PG_URL = process.env.LUOSHI_BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const NOW = '2026-06-15T02:00:00.000Z';
const DEPTS = Array.from({ length: 40 }, (_, i) => `d${i}`);
const WORDS = ['河长制', '安全生产', '信访', '环保督察', '疫情防控', '营商环境', '城市更新', '垃圾分类'];
const GOALS = { list: 20, get: 20, action: 50, stats: 1000, sweep: 60_000 };

/** Tenant sizes: the largest a fifth of the items (200,000 of a million), the rest shared evenly. */
function sizes(total: number, tenants: number): number[] {
  if (tenants === 1) return [total];
  const big = Math.round(total / 5);
  const rest = Math.floor((total - big) / (tenants - 1));
  return [big, ...Array.from({ length: tenants - 1 }, () => rest)];
}

function itemOf(tenantId: string, i: number, rand: () => number): Item {
  return buildItem(tenantId, {
    id: `${tenantId}-it${i}`,
    number: `督办〔2026〕${String(i).padStart(7, '0')}号`,
    title: `关于${WORDS[i % WORDS.length]}第${i}项工作的落实`,
    ownerUnitId: 'office',
    createdBy: 'u-sup',
    ...itemLife(i, rand, NOW, DEPTS),
  });
}

async function loadTenant(store: Store, deps: AppDeps, tenantId: string, n: number): Promise<string[]> {
  await ensureTenant(deps, { id: tenantId, name: `${tenantId}市`, signingPolicy: 'when_enrolled' });
  await addUnits(deps, tenantId, [
    { id: 'city', name: '示范市', kind: 'city', parentId: null },
    { id: 'office', name: '督查室', kind: 'department', parentId: 'city' },
    ...DEPTS.map((id, i) => ({ id, name: `部门${i}`, kind: 'department' as const, parentId: 'city' })),
  ]);
  await addUsers(deps, tenantId, [{ id: 'u-sup', username: 'sup', displayName: '督办员', unitId: 'office', roles: ['supervisor'] }]);
  const rand = seededRandom(20_261_207);
  const open: string[] = [];
  for (let start = 0; start < n; start += 2000) {
    await store.transaction(async (tx) => {
      const events = [];
      for (let i = start; i < Math.min(n, start + 2000); i++) {
        const item = itemOf(tenantId, i, rand);
        await tx.items.insert(item, item.createdAt);
        if (item.status === 'in_progress' || item.status === 'assigned') open.push(item.id);
        events.push({
          itemId: item.id,
          type: 'ItemCreated',
          actorUserId: 'u-sup',
          actorUnitId: 'office',
          at: item.createdAt,
          payload: {
            tenantId,
            ledgerType: item.ledgerType,
            number: item.number,
            title: item.title,
            content: item.content,
            source: item.source,
            fields: item.fields,
            priority: item.priority,
            ownerUnitId: item.ownerUnitId,
            parentId: item.parentId,
            weight: item.weight,
          },
        });
      }
      await tx.appendEvents(tenantId, events);
    });
  }
  return open;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function timed(samples: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

function report(db: string, what: string, ms: number[], goal: number): void {
  const p99 = pct(ms, 0.99);
  console.log(`${db} ${what.padEnd(8)} p50 ${fmt(pct(ms, 0.5))} ms  p99 ${fmt(p99)} ms  (goal p99 ≤ ${goal} ms: ${p99 <= goal ? 'met' : 'NOT met'}; ${ms.length} samples)`);
}

async function bench(db: string, t: Target, tenantSizes: number[]): Promise<void> {
  const store = await t.open();
  try {
    const clock = testClock(NOW);
    let ids = 0;
    const deps: AppDeps = { store, now: () => clock.now, newId: () => `bench-${++ids}` };
    const t0 = performance.now();
    const tenants = tenantSizes.map((_, i) => `city${i}`);
    let open: string[] = [];
    for (const [i, n] of tenantSizes.entries()) {
      const o = await loadTenant(store, deps, tenants[i]!, n);
      if (i === 0) open = o;
    }
    const total = tenantSizes.reduce((a, b) => a + b, 0);
    console.log(
      `${db}: ${total.toLocaleString('en')} items and as many events in ${tenants.length} tenant(s) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; the largest tenant has ${tenantSizes[0]!.toLocaleString('en')}; load ${loadavg()[0]!.toFixed(1)}`,
    );
    const tenantId = tenants[0]!;
    const sup = { tenantId, username: 'sup' };
    const rand = seededRandom(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    // Warm-up: caches of the use cases (ledger types, scope) and of the database.
    await listItems(deps, sup, { limit: 50 });
    report(
      db,
      'list',
      await timed(SAMPLES, (i) =>
        listItems(
          deps,
          sup,
          i % 2 === 0
            ? { statuses: ['in_progress'], leadUnitIds: [pick(DEPTS)], sort: 'deadline_asc', limit: 50 }
            : { statuses: ['in_progress', 'assigned'], deadlineFrom: '2026-06-01', deadlineTo: '2026-07-31', sort: 'updated_desc', limit: 50 },
        ),
      ),
      GOALS.list,
    );
    const gets = await timed(SAMPLES, () => showItem(deps, sup, `${tenantId}-it${Math.floor(rand() * tenantSizes[0]!)}`));
    report(db, 'GET', gets, GOALS.get);
    if (tenants.length > 1) {
      // The baseline of the same run: the same reads on the smallest tenant. A ratio near 1 means the reads do
      // not slow down with the tenant's size (or with the other tenants beside it).
      const small = tenants[tenants.length - 1]!;
      const n = tenantSizes[tenants.length - 1]!;
      const smallSup = { tenantId: small, username: 'sup' };
      const smallGets = await timed(SAMPLES, () => showItem(deps, smallSup, `${small}-it${Math.floor(rand() * n)}`));
      console.log(
        `${db} GET p50 largest / smallest tenant (${tenantSizes[0]!.toLocaleString('en')} / ${n.toLocaleString('en')} items): ${(pct(gets, 0.5) / pct(smallGets, 0.5)).toFixed(2)}`,
      );
    }
    const urged = open.slice(0, SAMPLES);
    report(db, 'action', await timed(urged.length, (i) => performAction(deps, sup, urged[i]!, { type: 'UrgeItem', data: { note: '请抓紧办理' } })), GOALS.action);
    report(db, 'search', await timed(Math.max(10, Math.floor(SAMPLES / 4)), (i) => listItems(deps, sup, { text: WORDS[i % WORDS.length]!.slice(0, 2), limit: 50 })), GOALS.list);
    const statsMs = await timed(4, () => computeStats(deps, { tenantId, operator: true }));
    const best = Math.min(...statsMs.slice(1));
    const target = tenantSizes[0]! >= 200_000 ? `goal ≤ ${GOALS.stats} ms at 200,000: ${best <= GOALS.stats ? 'met' : 'NOT met'}` : 'the goal applies at 200,000 items';
    console.log(`${db} 考核      best ${best.toFixed(0)} ms, median ${pct(statsMs.slice(1), 0.5).toFixed(0)} ms over ${tenantSizes[0]!.toLocaleString('en')} items (${target})`);
    // The sweep urges every overdue open item whose step is due: move the clock a day so the urges above do not count.
    clock.advanceDays(1);
    const s0 = performance.now();
    const sweep = await sweepEscalations(deps, sup);
    const sweepMs = performance.now() - s0;
    console.log(
      `${db} sweep    ${(sweepMs / 1000).toFixed(1)} s: ${sweep.overdue} overdue, ${sweep.steps.length} escalated, ${sweep.failures.length} failed (goal ≤ ${GOALS.sweep / 1000} s: ${sweepMs <= GOALS.sweep ? 'met' : 'NOT met'}); load ${loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await store.close();
    await t.dispose();
  }
}

const plan = sizes(ITEMS, TENANTS);
if (args.db !== 'sqlite') {
  if (PG_URL) await bench('postgres', postgresTarget(PG_URL, 'scale'), plan);
  else console.log('postgres: skipped (set LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL)');
}
if (args.db !== 'postgres') await bench('sqlite  ', sqliteTarget(), [plan[0]!]);
