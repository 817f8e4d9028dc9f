/**
 * Event chain benchmark (npm run bench:chain): fills a tenant's chain, then verifies it end to end —
 * reading the rows in batches, rebuilding each event's RFC 8785 body and recomputing its HMAC — and prints
 * events per second. Target: ≥ 150k events/s with HMAC-SM3 on one core.
 *
 * SQLite always; PostgreSQL too when LUOSHI_DATABASE_URL or LUOSHI_TEST_DATABASE_URL is set (a throwaway
 * schema, dropped afterwards). BENCH_EVENTS sets the chain length (default 200000).
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import {
  createDatabase,
  generateSm2PrivateKey,
  nodeCryptoProvider,
  openStore,
  softwareSm2Signer,
  type ChainAlgorithm,
  type DatabaseConfig,
  type NewEvent,
} from '../src/store/index.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 1000;
const PG_URL = process.env.LUOSHI_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const T0 = Date.parse('2026-03-02T01:00:00.000Z');

function event(n: number): NewEvent {
  return {
    itemId: `item-${n % 5000}`,
    type: n % 3 === 0 ? 'ItemReported' : n % 3 === 1 ? 'ItemUrged' : 'ItemInstructed',
    actorUserId: `user-${n % 300}`,
    actorUnitId: `unit-${n % 120}`,
    at: new Date(T0 + n * 1000).toISOString(),
    payload: {
      progress: n % 101,
      text: `按照市委部署，已完成第${n}批隐患排查整治，问题整改率达到${n % 100}%，下一步将持续推进回头看。`,
      evidence: [`ev-${n}`],
    },
  };
}

const rate = (count: number, ms: number): string => `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
/** CPU time of this process in ms: the machine may be shared, and the target is per core. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run(label: string, database: DatabaseConfig, algorithm: ChainAlgorithm, dir: string): Promise<void> {
  const c = nodeCryptoProvider;
  const store = await openStore({
    database,
    dataDir: dir,
    chainAlgorithm: algorithm,
    keys: { chain: c.randomBytes(32), master: c.randomBytes(32), checkpointSigning: softwareSm2Signer(generateSm2PrivateKey()) },
  });
  try {
    const tenantId = `bench-${algorithm}`;
    await store.transaction((tx) => tx.tenants.insert({ id: tenantId, name: '基准测试市', createdAt: new Date(T0).toISOString() }));
    let start = performance.now();
    for (let i = 0; i < EVENTS; i += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, k) => event(i + k));
      await store.transaction((tx) => tx.appendEvents(tenantId, events));
    }
    const appendMs = performance.now() - start;
    let best = Number.POSITIVE_INFINITY;
    let bestCpu = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      start = performance.now();
      const cpu = cpuMs();
      const r = await store.verifyChain(tenantId);
      best = Math.min(best, performance.now() - start);
      bestCpu = Math.min(bestCpu, cpuMs() - cpu);
      if (!r.ok || r.count !== EVENTS) throw new Error(`verification failed: ${JSON.stringify(r)}`);
    }
    console.log(
      `${label.padEnd(10)} ${algorithm.padEnd(12)} append ${rate(EVENTS, appendMs).padStart(10)}   ` +
        `verify ${rate(EVENTS, best).padStart(10)} wall, ${rate(EVENTS, bestCpu).padStart(10)} per CPU-second`,
    );
  } finally {
    await store.close();
  }
}

function macOnly(algorithm: 'sm3' | 'sha256'): void {
  const mac = nodeCryptoProvider.macKey(algorithm, nodeCryptoProvider.randomBytes(32));
  const bodies = Array.from({ length: 1000 }, (_, n) => JSON.stringify(event(n)));
  const n = 300_000;
  const start = cpuMs();
  for (let i = 0; i < n; i++) mac.macHex(bodies[i % 1000]!);
  console.log(`${'mac only'.padEnd(10)} hmac-${algorithm.padEnd(7)} ${''.padEnd(47)} ${rate(n, cpuMs() - start).padStart(10)} per CPU-second`);
}

console.log(`chain of ${EVENTS.toLocaleString('en-US')} events per run; verify = best of 3 (rows read in batches, body rebuilt, MAC recomputed)`);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
macOnly('sm3');
macOnly('sha256');
for (const algorithm of ['hmac-sm3', 'hmac-sha256'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  try {
    await run('sqlite', { kind: 'sqlite', file: join(dir, 'bench.db') }, algorithm, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (PG_URL) {
  for (const algorithm of ['hmac-sm3', 'hmac-sha256'] as const) {
    const schema = `luoshi_bench_${process.pid}_${algorithm.replace('-', '_')}`;
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
    try {
      await run('postgres', { kind: 'postgres', url: PG_URL, schema }, algorithm, dir);
    } finally {
      const h = createDatabase({ kind: 'postgres', url: PG_URL });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(h.db);
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
} else {
  console.log('postgres   skipped (set LUOSHI_DATABASE_URL or LUOSHI_TEST_DATABASE_URL)');
}
