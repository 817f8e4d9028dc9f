/*
 * HTTP API benchmark (not a test): N items (default 100k) on SQLite and, when LUOSHI_BENCH_DATABASE_URL is
 * set, PostgreSQL (in a schema of its own, dropped afterwards); autocannon on loopback against a server in a
 * process of its own. Prints req/s, p50 and p99 per scenario, the ratio to Redmine 5.0 measured on this kind
 * of machine (34 GETs/s, 11.6 filtered lists/s, 32 status changes/s), the server's CPU time per request and
 * the machine's load average (other work on a shared machine moves req/s far more than CPU per request).
 *   npm run bench:api [-- --items 100000 --seconds 8 --only get,list,search,actions --db sqlite|postgres --server process|inline]
 * BENCH_SERVER_NODE_ARGS passes node flags to the server process alone (`--cpu-prof --cpu-prof-dir=DIR` profiles it).
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/api/server.js';
import { loadConfig } from '../src/config/config.js';
import { addUnits, addUsers, ensureTenant } from '../src/app/organisation.js';
import type { AppDeps } from '../src/app/context.js';
import { openStore, type Store, type StoreConfig } from '../src/store/index.js';
import { buildItem } from '../src/store/testing/factories.js';
import { dropTestDatabase, randomKeys } from '../src/store/testing/dialects.js';
import type { FromServer, ToServer } from './api-server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const text = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = arg('items', 100_000);
const SECONDS = arg('seconds', 8);
/** Scenarios to run (all by default): get, list, search, actions. */
const ONLY = text('only')?.split(',');
/** Databases to run (both by default, PostgreSQL only when LUOSHI_BENCH_DATABASE_URL is set). */
const DB = text('db');
/**
 * Where the server runs: `process` (default), a process of its own, as a deployment runs it, so the load
 * generator does not share its thread; `inline`, in this process next to autocannon (how figures before
 * 2026-11-27 were measured).
 */
const SERVER = text('server') ?? 'process';
const PASSWORD = 'Bench-Password-2026!';
const REDMINE = { get: 34, list: 11.6, action: 32 };

async function seed(store: Store, tenantId: string): Promise<string[]> {
  const deps: AppDeps = { store, now: () => new Date(), newId: () => crypto.randomUUID() };
  await ensureTenant(deps, { id: tenantId, name: '示范市', signingPolicy: 'when_enrolled' });
  const depts = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, name: `部门${i}`, kind: 'department' as const, parentId: 'city' }));
  await addUnits(deps, tenantId, [{ id: 'city', name: '示范市', kind: 'city', parentId: null }, { id: 'office', name: '督查室', kind: 'department', parentId: 'city' }, ...depts]);
  await addUsers(deps, tenantId, [{ id: 'lead', username: 'lead', displayName: '领导', unitId: 'city', roles: ['leader', 'supervisor'], password: PASSWORD }]);
  const words = ['河长制', '安全生产', '信访', '环保督察', '疫情防控', '营商环境', '城市更新', '垃圾分类'];
  const ids: string[] = [];
  const statuses = ['assigned', 'in_progress', 'closed', 'draft'] as const;
  for (let start = 0; start < N; start += 5000) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(N, start + 5000); i++) {
        const status = statuses[i % 4]!;
        const item = buildItem(tenantId, {
          id: `it${i}`,
          number: `督办〔2026〕${String(i).padStart(6, '0')}号`,
          title: `关于${words[i % words.length]}第${i}项工作的落实`,
          ownerUnitId: 'office',
          leadUnitId: status === 'draft' ? null : `d${i % 40}`,
          coUnitIds: [],
          status,
          closedAt: status === 'closed' ? '2026-03-10T00:00:00.000Z' : null,
          currentDeadline: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
          originalDeadline: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
          createdBy: 'lead',
        });
        await tx.items.insert(item, new Date(Date.parse('2026-03-01T00:00:00Z') + i * 1000).toISOString());
        ids.push(item.id);
      }
    });
  }
  return ids;
}

type Result = autocannon.Result;
const run = (opts: autocannon.Options) => new Promise<Result>((resolve, reject) => autocannon({ ...opts, duration: SECONDS }, (e, r) => (e ? reject(e) : resolve(r))));

/** A server in a child process (bench/api-server.ts) serving the seeded store, with its CPU time on request. */
async function childServer(storeConfig: StoreConfig, tenantId: string) {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server process only, e.g. `--cpu-prof` to see where its time goes.
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = fork(new URL('./api-server.ts', import.meta.url), [], {
    serialization: 'advanced',
    stdio: 'inherit',
    execArgv: [...process.execArgv, ...extra],
  });
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromServer) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromServer, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = <T extends FromServer['type']>(m: ToServer, type: T) => {
    const answer = next(type);
    child.send(m);
    return answer;
  };
  const { url } = await ask({ type: 'start', store: storeConfig, tenantId }, 'started');
  return {
    url,
    cpuMicros: async () => (await ask({ type: 'cpu' }, 'cpu')).micros,
    close: async () => {
      await ask({ type: 'close' }, 'closed');
    },
  };
}

async function bench(label: string, database: StoreConfig['database']) {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const storeConfig: StoreConfig = { database, dataDir: dir, ...(database.kind === 'postgres' ? { keys: randomKeys() } : {}) };
  const store = await openStore(storeConfig);
  const tenantId = `bench${Date.now().toString(36)}`;
  const t0 = Date.now();
  const ids = await seed(store, tenantId);
  console.log(
    `\n${label}: ${N} items seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; server ${SERVER === 'inline' ? "in the load generator's process" : 'in a process of its own'}`,
  );
  let server: { url: string; cpuMicros: () => Promise<number>; close: () => Promise<void> };
  if (SERVER === 'inline') {
    const config = loadConfig({ LUOSHI_TENANT: tenantId, LUOSHI_PORT: '0', LUOSHI_LOG_LEVEL: 'warn', LUOSHI_DATA_DIR: dir });
    const inline = await startServer(config, {
      store,
      limits: { login: { max: 0, windowMs: 1 }, writes: { max: 0, windowMs: 1 } },
      dispatchWebhooks: false,
      schedule: false,
      notify: process.env.BENCH_NOTIFY !== 'off',
    });
    const cpu = () => process.cpuUsage().user + process.cpuUsage().system;
    server = { url: inline.url, cpuMicros: () => Promise.resolve(cpu()), close: () => inline.close() };
  } else {
    await store.close();
    server = await childServer(storeConfig, tenantId);
  }
  const login = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'lead', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  let n = 0;
  const scenarios: [string, string, autocannon.Options, number][] = [
    [
      'get',
      'GET one item',
      { url: server.url, connections: 8, headers, requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/items/${ids[(n += 7919) % ids.length]}` }) }] },
      REDMINE.get,
    ],
    ['list', 'list, 2 filters + sort', { url: `${server.url}/api/v1/items?state=in_progress&unit=d3&sort=deadline_asc&limit=50`, connections: 8, headers }, REDMINE.list],
    ['search', 'free-text search (2 chars)', { url: `${server.url}/api/v1/items?q=${encodeURIComponent('信访')}&limit=50`, connections: 8, headers }, REDMINE.list],
    [
      'actions',
      'actions (批示), concurrency 8',
      {
        url: server.url,
        connections: 8,
        headers,
        requests: [
          { method: 'POST', setupRequest: (r) => ({ ...r, path: `/api/v1/items/${ids[(n += 104729) % ids.length]}/instruct`, body: JSON.stringify({ text: '请抓紧落实' }) }) },
        ],
      },
      REDMINE.action,
    ],
  ];
  for (const [key, name, opts, redmine] of scenarios) {
    if (ONLY && !ONLY.includes(key)) continue;
    const load = loadavg()[0]!.toFixed(1);
    const cpu0 = await server.cpuMicros();
    const r = await run(opts);
    const cpu = (await server.cpuMicros()) - cpu0;
    const ok = r.requests.total - r.non2xx;
    // CPU time of the server process per request (with the load generator too when inline): less at the mercy
    // of other work on the machine than req/s. The database server's own CPU (PostgreSQL) is not in it.
    const perRequest = (cpu / Math.max(1, r.requests.total)).toFixed(0);
    console.log(
      `${name.padEnd(30)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}/${r.requests.total} (${ok} ok)  ×${(r.requests.average / redmine).toFixed(0)} Redmine  ${perRequest.padStart(4)} µs CPU/req  load ${load}`,
    );
  }
  await server.close();
  if (SERVER === 'inline') await store.close();
}

const SCENARIOS = ['get', 'list', 'search', 'actions'];
const bad = (ONLY ?? []).filter((s) => !SCENARIOS.includes(s));
if (bad.length > 0 || (DB !== undefined && DB !== 'sqlite' && DB !== 'postgres') || (SERVER !== 'process' && SERVER !== 'inline')) {
  console.error(
    `--only takes ${SCENARIOS.join(',')}; --db takes sqlite or postgres; --server takes process or inline (--only 取 ${SCENARIOS.join(',')}，--db 取 sqlite 或 postgres，--server 取 process 或 inline)`,
  );
  process.exit(2);
}
if (DB !== 'postgres') await bench('SQLite', { kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'luoshi-bench-db-')), 'bench.db') });
const pg = process.env.LUOSHI_BENCH_DATABASE_URL;
if (DB !== 'sqlite') {
  if (pg) {
    // A schema of its own per run, dropped afterwards: earlier runs' items do not pile up in the tables measured.
    const database = { kind: 'postgres' as const, url: pg, schema: `luoshi_bench_${Date.now().toString(36)}` };
    try {
      await bench('PostgreSQL', database);
    } finally {
      await dropTestDatabase(database);
    }
  } else console.log('\nPostgreSQL: set LUOSHI_BENCH_DATABASE_URL to run it.');
}
