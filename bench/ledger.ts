/**
 * Ledger benchmark (npm run bench:ledger [-- --items N --actions M --lights L --db D]): creates N items (default
 * 100,000) and applies M actions (default 300,000: 交办, 签收, 反馈, 退回, 催办, 申请办结, 审核 in a city's mix)
 * through the app's use cases, one transaction each, on SQLite (a file: WAL, synchronous=FULL) and on
 * PostgreSQL when LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL is set. Prints items/s, actions/s,
 * p50/p99 per use case and the ratio to a baseline writing the same rows with plain INSERT/UPDATE in the
 * same commit pattern (target ≥ 0.5); then chain verification of the database just filled (HMAC-SM3, events
 * per CPU-second; target ≥ 150k/s) and warning lights per second over L items (default 1M; target ≥ 1M/s,
 * by bench/lights.ts). `--db sqlite` or `--db postgres` runs one database only (default: both).
 *
 * The baseline runs in step with Luoshi, a chunk of operations at a time, so that both meet the same state of
 * a shared machine; rates are operations divided by the time spent inside the operations.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedLedgerCity } from '../src/app/testing/ledger-city.js';
import { cpuMs, fmtCount, fmtMs, fmtRate, perSecond, printTable } from './ledger/figures.js';
import { BENCH_TENANT, DEPARTMENTS, runLuoshi, type LuoshiRun, type Progress } from './ledger/luoshi-run.js';
import { mixOf } from './ledger/plan.js';
import { RawReplay, type RawRun } from './ledger/raw-run.js';
import { postgresTarget, sqliteTarget, type Target } from './ledger/targets.js';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    actions: { type: 'string', default: '300000' },
    lights: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'both' },
  },
});
const ITEMS = Number(args.items);
const ACTIONS = Number(args.actions);
const LIGHTS = Number(args.lights);
for (const [name, n] of [
  ['--items', ITEMS],
  ['--actions', ACTIONS],
  ['--lights', LIGHTS],
] as const) {
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number (${name} 须为正整数)`);
    process.exit(2);
  }
}
if (!['both', 'sqlite', 'postgres'].includes(args.db)) {
  console.error('--db must be sqlite, postgres or both (--db 须为 sqlite、postgres 或 both)');
  process.exit(2);
}
const PG_URL = process.env.LUOSHI_BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
/** Operations between two catch-ups of the baseline. */
const CHUNK = 1000;

/** Progress on stderr every tenth of a phase, so that a long run shows it is alive. */
const progress: Progress = (phase, done, total) => {
  if (done === total || done % Math.max(1, Math.round(total / 10)) === 0) process.stderr.write(`  ${phase} ${fmtCount(done)}/${fmtCount(total)}\n`);
};

async function seedBaseline(t: Target): Promise<void> {
  const store = await t.open();
  try {
    await seedLedgerCity({ store, now: () => new Date('2026-03-02T01:00:00.000Z'), newId: randomUUID }, BENCH_TENANT, { departments: DEPARTMENTS });
  } finally {
    await store.close();
  }
}

interface Verified {
  readonly events: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function verify(t: Target): Promise<Verified> {
  const store = await t.open();
  try {
    const wall = performance.now();
    const cpu = cpuMs();
    const r = await store.verifyChain(BENCH_TENANT);
    const times = { wallMs: performance.now() - wall, cpuMs: cpuMs() - cpu };
    if (!r.ok) throw new Error(`the chain does not verify: ${r.message}`);
    return { events: r.count, ...times };
  } finally {
    await store.close();
  }
}

function report(label: string, run: LuoshiRun, raw: RawRun, verified: Verified): void {
  const rates = (items: number, actions: number, createMs: number, actMs: number) => ({
    items: perSecond(items, createMs),
    actions: perSecond(actions, actMs),
    all: perSecond(items + actions, createMs + actMs),
  });
  const l = rates(run.items, run.actions, run.createMs, run.actMs);
  const r = rates(raw.items, raw.actions, raw.createMs, raw.actMs);
  console.log(`\n== ${label}: ${fmtCount(run.items)} items, ${fmtCount(run.actions)} actions, one transaction each ==`);
  printTable(
    ['', 'Luoshi', 'raw INSERT/UPDATE', 'ratio'],
    [
      ['items (create)', fmtRate(l.items), fmtRate(r.items), (l.items / r.items).toFixed(2)],
      ['actions', fmtRate(l.actions), fmtRate(r.actions), (l.actions / r.actions).toFixed(2)],
      ['all operations', fmtRate(l.all), fmtRate(r.all), (l.all / r.all).toFixed(2)],
    ],
  );
  console.log(`ratio to raw (all operations): ${(l.all / r.all).toFixed(2)} — target 0.5: ${l.all / r.all >= 0.5 ? 'met' : 'NOT met'}`);
  console.log('latency per use case:');
  const rawLat = raw.latencies.summary().map((s) => [`(raw ${s.label === 'action' ? 'update' : 'insert'})`, fmtCount(s.count), fmtMs(s.p50), fmtMs(s.p99)]);
  printTable(['use case', 'count', 'p50', 'p99'], [...run.latencies.summary().map((s) => [s.label, fmtCount(s.count), fmtMs(s.p50), fmtMs(s.p99)]), ...rawLat]);
  const perCpu = perSecond(verified.events, verified.cpuMs);
  console.log(
    `chain verification (HMAC-SM3, ${fmtCount(verified.events)} events): ${fmtRate(perSecond(verified.events, verified.wallMs))} wall, ` +
      `${fmtRate(perCpu)} per CPU-second of this process — target 150,000/s: ${perCpu >= 150_000 ? 'met' : 'NOT met'}`,
  );
}

async function bench(label: string, luoshi: Target, baseline: Target, openReplay: () => Promise<RawReplay>): Promise<void> {
  try {
    process.stderr.write(`${label}\n`);
    await seedBaseline(baseline);
    const store = await luoshi.open();
    let run: LuoshiRun;
    let raw: RawRun;
    try {
      const replay = await openReplay();
      try {
        run = await runLuoshi(store, { items: ITEMS, actions: ACTIONS, progress, chunk: CHUNK, onChunk: () => replay.catchUp() });
        raw = replay.result();
      } finally {
        await replay.close();
      }
    } finally {
      await store.close();
    }
    process.stderr.write(`${label}: verifying the chain\n`);
    report(label, run, raw, await verify(luoshi));
  } finally {
    await luoshi.dispose();
    await baseline.dispose();
  }
}

function lights(): void {
  process.stderr.write(`lights over ${fmtCount(LIGHTS)} items\n`);
  const script = fileURLToPath(new URL('./lights.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, String(LIGHTS)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/lights.ts failed:\n${r.stderr}`);
  console.log(`\n== warning lights (bench/lights.ts) ==\n${r.stdout.trim().split('\n').at(-1) ?? ''}`);
}

console.log(
  `ledger benchmark: ${fmtCount(ITEMS)} items, ${fmtCount(ACTIONS)} actions; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(`action mix: ${[...mixOf(ITEMS, ACTIONS)].map(([k, n]) => `${k} ${fmtCount(n)}`).join(', ')}`);
if (args.db !== 'postgres') {
  const sqliteLuoshi = sqliteTarget();
  const sqliteRaw = sqliteTarget();
  await bench('SQLite (file, WAL, synchronous=FULL)', sqliteLuoshi, sqliteRaw, () => Promise.resolve(RawReplay.sqlite(sqliteLuoshi.file, sqliteRaw.file, BENCH_TENANT)));
}
if (args.db === 'sqlite') {
  console.log('\nPostgreSQL skipped (--db sqlite)');
} else if (PG_URL) {
  const pgLuoshi = postgresTarget(PG_URL, 'luoshi');
  const pgRaw = postgresTarget(PG_URL, 'raw');
  await bench('PostgreSQL', pgLuoshi, pgRaw, () => RawReplay.postgres(PG_URL, pgLuoshi.schema, pgRaw.schema, BENCH_TENANT));
} else {
  console.log('\nPostgreSQL skipped (set LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL)');
}
lights();
