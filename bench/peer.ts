/*
 * Luoshi beside its peer (not a test): Redmine 5.0.4 from Debian's packages (SQLite, puma with one thread, as
 * set up by ../shared/peers/redmine) and Luoshi on SQLite — and on PostgreSQL when LUOSHI_BENCH_DATABASE_URL
 * is set — loaded to the same size and driven by one client, workload by workload, interleaved (peer, then
 * Luoshi). Prints throughput, p50/p99, the server's CPU per operation (from /proc/<pid>/stat: the figure to
 * compare on a busy machine), peak RSS and database size, with ratios, and ends with one summary line.
 *   npm run bench:peer [-- --install] [--quick] [--items N]
 * --install installs the peer's Debian packages when missing (apt-get, root); without the peer the run is
 * Luoshi's alone, says so, and prints no ratios.
 */
import { loadavg } from 'node:os';
import { dropTestDatabase } from '../src/store/testing/dialects.js';
import { cpuMs, peakRssMiB, runOps, type RunFigures, type Slot } from './peer/http.js';
import { startLuoshi } from './peer/luoshi.js';
import { ensurePeer, startPeer } from './peer/redmine.js';
import type { System } from './peer/system.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const num = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const QUICK = flag('quick');
const SIZES = {
  items: num('items', QUICK ? 20_000 : 50_000),
  creates: QUICK ? 60 : 1000,
  transitioned: QUICK ? 30 : 500,
  lists: QUICK ? 30 : 100,
  counts: QUICK ? 10 : 50,
  gets: QUICK ? 100 : 200,
};
const known = new Set(['install', 'quick', 'items']);
const bad = argv.filter((a, i) => (a.startsWith('--') ? !known.has(a.slice(2)) : argv[i - 1] !== '--items'));
if (bad.length > 0 || !Number.isInteger(SIZES.items) || SIZES.items < 1000 || SIZES.items > 200_000) {
  console.error('usage: npm run bench:peer -- [--install] [--quick] [--items 1000–200000] (用法：--install 安装对照系统，--quick 缩短运行，--items 数据量 1000–200000)');
  process.exit(2);
}

interface Row {
  readonly workload: string;
  readonly figures: Map<string, RunFigures>;
}
const rows: Row[] = [];
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2) : '–');

function print(workload: string, results: Map<string, RunFigures>, peer: string | null) {
  rows.push({ workload, figures: results });
  console.log(`\n${workload}  (load ${loadavg()[0]!.toFixed(1)})`);
  const base = peer ? results.get(peer) : undefined;
  for (const [name, r] of results) {
    const ratio = base && name !== peer ? `  ${f1(base.cpuPerOp / r.cpuPerOp)}× less CPU, ${f1(r.perSecond / base.perSecond)}× throughput` : '';
    const errs = r.errors > 0 ? `  errors ${r.errors} (${r.firstError})` : '';
    console.log(
      `  ${name.padEnd(40)} ${f1(r.perSecond).padStart(7)}/s  p50 ${f1(r.p50).padStart(7)} ms  p99 ${f1(r.p99).padStart(7)} ms  CPU ${f1(r.cpuPerOp).padStart(7)} ms/op${ratio}${errs}`,
    );
  }
}

/** Runs one workload on every system in turn (interleaved) and prints it. */
async function each(
  workload: string,
  systems: readonly System[],
  peer: string | null,
  concurrency: number,
  count: number,
  op: (s: System, slot: Slot, i: number) => Promise<string | null>,
) {
  const results = new Map<string, RunFigures>();
  for (const s of systems) {
    const slots = Array.from({ length: concurrency }, () => s.slot());
    try {
      results.set(s.name, await runOps(slots, count, s.pid, (i, slot) => op(s, slot, i)));
    } finally {
      for (const slot of slots) slot.close();
    }
  }
  print(workload, results, peer);
  return results;
}

const systems: System[] = [];
const pgUrl = process.env.LUOSHI_BENCH_DATABASE_URL;
const pgDatabase = pgUrl ? { kind: 'postgres' as const, url: pgUrl, schema: `luoshi_peer_${Date.now().toString(36)}` } : null;
try {
  const why = ensurePeer(flag('install'));
  if (why) console.log(`\nPeer not available: ${why}.\nRunning Luoshi alone: no peer figures and no ratios (对照系统不可用：仅运行落实，不给出对比倍数).`);
  console.log(
    `\nbench:peer: ${SIZES.items} items each${QUICK ? ' (quick run)' : ''}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (!why) {
    const peer = startPeer(SIZES.items);
    console.log(`${peer.name}: loaded to ${SIZES.items} issues in ${peer.loadSeconds.toFixed(1)} s (insert_all, server up), pid ${peer.pid}`);
    systems.push(peer);
  }
  const sqlite = await startLuoshi(SIZES.items);
  console.log(`${sqlite.name}: loaded to ${SIZES.items} items in ${sqlite.loadSeconds.toFixed(1)} s (bench data generator), pid ${sqlite.pid}`);
  systems.push(sqlite);
  if (pgDatabase) {
    const pg = await startLuoshi(SIZES.items, pgDatabase);
    console.log(`${pg.name}: loaded in ${pg.loadSeconds.toFixed(1)} s, pid ${pg.pid} (PostgreSQL's own CPU is not counted)`);
    systems.push(pg);
  }
  const peerName = why ? null : systems[0]!.name;
  const created = new Map<string, string[]>(systems.map((s) => [s.name, []]));
  const create = async (s: System, slot: Slot, i: number) => {
    const r = await s.create(slot, i);
    if ('error' in r) return r.error;
    created.get(s.name)!.push(r.id);
    return null;
  };
  const n = SIZES.creates;
  const a1 = await each('a. create with lead unit and deadline, sequential (Luoshi: draft + 交办, 2 requests)', systems, peerName, 1, n, create);
  const a2 = await each('a. create, concurrency 8', systems, peerName, 8, n, (s, slot, i) => create(s, slot, n + i));
  // b: each op is one item's two transitions with a note (accept + report / In Progress + Resolved).
  const t = SIZES.transitioned;
  const transition = (offset: number) => async (s: System, slot: Slot, i: number) =>
    (await s.transition(slot, created.get(s.name)![offset + i]!, 0)) ?? s.transition(slot, created.get(s.name)![offset + i]!, 1);
  const b1 = await each('b. transition + note, sequential (2 per op)', systems, peerName, 1, t, transition(0));
  const b2 = await each('b. transition + note, concurrency 8 (2 per op)', systems, peerName, 8, t, transition(t));
  const pages = new Map<string, number[]>();
  for (const s of systems) {
    const slot = s.slot();
    pages.set(s.name, await Promise.all([0, 1, 2, 3, 4].map((u) => s.matches(slot, u))));
    slot.close();
  }
  console.log(`\nfilter pages of 25 per lead unit: ${[...pages].map(([k, v]) => `${k} ${v.join('/')}`).join('; ')}`);
  const c1 = await each('c. filter state + lead unit + deadline range, by deadline, page 1', systems, peerName, 1, SIZES.lists, (s, slot, i) => s.listPage(slot, i % 5, 0));
  const c2 = await each('c. same filter, deep pages (back half)', systems, peerName, 1, SIZES.lists, (s, slot, i) => {
    const p = pages.get(s.name)![i % 5]!;
    return s.listPage(slot, i % 5, Math.floor(p / 2) + (i % Math.max(1, Math.ceil(p / 2))));
  });
  const c3 = await each('c. count per state (Redmine: 6 requests; Luoshi: GET /items/facets?by=state)', systems, peerName, 1, SIZES.counts, (s, slot) => s.countPerState(slot));
  const d1 = await each('d. GET item with timeline, sequential', systems, peerName, 1, SIZES.gets, (s, slot, i) => s.get(slot, created.get(s.name)![i % (2 * t)]!));

  console.log('\nmemory and data');
  const rss = new Map(systems.map((s) => [s.name, peakRssMiB(s.pid)]));
  const db = new Map(await Promise.all(systems.map(async (s) => [s.name, (await s.dbBytes()) / 2 ** 20] as const)));
  for (const s of systems) {
    console.log(`  ${s.name.padEnd(40)} peak RSS ${f1(rss.get(s.name)!)} MiB  database ${f1(db.get(s.name)!)} MiB  server CPU total ${f1(cpuMs(s.pid) / 1000)} s`);
  }
  for (const s of systems) {
    const objects = s.bytesByObject?.();
    if (!objects) continue;
    // Bytes per item: everything in the file over the items in it (bulk rows have no events; created ones do).
    const items = SIZES.items + 2 * n;
    const top = objects.slice(0, 8).map(([name, bytes]) => `${name} ${f1(bytes / items)}`);
    console.log(`  ${s.name}: ${f1((await s.dbBytes()) / items)} bytes per item; largest: ${top.join(', ')} (bytes per item)`);
  }
  console.log('\nFigures from a shared, loaded machine: compare CPU per op, not wall-clock rates. PostgreSQL’s own CPU is not in the Luoshi (PostgreSQL) row.');
  if (peerName) {
    const L = sqlite.name;
    const cpu = (m: Map<string, RunFigures>, k: string) => m.get(k)!.cpuPerOp;
    const ratio = (...runs: Map<string, RunFigures>[]) => f1(runs.reduce((a, m) => a + cpu(m, peerName), 0) / runs.reduce((a, m) => a + cpu(m, L), 0));
    console.log(
      `peer ratios (server CPU, Luoshi SQLite vs peer): create ${ratio(a1, a2)}x, transition ${ratio(b1, b2)}x, list ${ratio(c1, c2)}x, count ${ratio(c3)}x, get ${ratio(d1)}x; rss ${f1(rss.get(L)!)} MiB vs ${f1(rss.get(peerName)!)} MiB; db ${f1(db.get(L)!)} MiB vs ${f1(db.get(peerName)!)} MiB`,
    );
  } else {
    console.log('peer ratios: none (the peer did not run; see above)');
  }
} finally {
  for (const s of systems) await s.stop().catch((e: unknown) => console.error(`stopping ${s.name}: ${String(e)}`));
  if (pgDatabase) await dropTestDatabase(pgDatabase);
}
