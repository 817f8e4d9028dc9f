/**
 * The product path of monitoring signals at scale: import the 1,000 weekly series × 520 weeks of
 * ../shared/fixtures/signals/bench as CSV (one region unit per series), import the same file again
 * (nothing changes), run detection (farringtonFlexible, default control, the latest week of every series;
 * an item per alarm), and run it again (no new item). Prints seconds per step and the alarm count.
 * SQLite in a temp folder; PostgreSQL too when LUOSHI_BENCH_DATABASE_URL is set.
 * Run: `npm run bench:signals-detect`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { addUnits, addUsers, ensureTenant, type AppDeps } from '../src/app/index.js';
import { configureIndicator, detectSignals, ingestCounts } from '../src/app/signals/index.js';
import { isoWeekLabel } from '../src/app/signals/periods.js';
import { addDays } from '../src/domain/time.js';
import { generateSm2PrivateKey, nodeCryptoProvider, openStore, softwareSm2Signer, type DatabaseConfig } from '../src/store/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const weekly = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'signals', 'bench', 'weekly.csv.gz');
const NOW = '2026-03-16T01:00:00.000Z';
/** Monday of the latest complete week before NOW (2026-W11), and of the first of the 520 weeks. */
const LAST_MONDAY = '2026-03-09';

function csvFromBench(): { csv: string; series: number } {
  const lines = gunzipSync(readFileSync(weekly)).toString('utf8').split('\n').slice(1).filter(Boolean);
  const out = ['region,indicator,period,count'];
  let series = 0;
  for (const l of lines) {
    const [s, t, y] = l.split(',');
    series = Math.max(series, Number(s));
    out.push(`r${s},ili,${isoWeekLabel(addDays(LAST_MONDAY, (Number(t) - 520) * 7))},${y}`);
  }
  return { csv: out.join('\n'), series };
}

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await run();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return r;
}

async function bench(name: string, database: DatabaseConfig, csv: string, series: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-bench-signals-'));
  const c = nodeCryptoProvider;
  const store = await openStore({
    database,
    dataDir: dir,
    keys: { chain: c.randomBytes(32), master: c.randomBytes(32), checkpointSigning: softwareSm2Signer(generateSm2PrivateKey()) },
  });
  const deps: AppDeps = { store, now: () => new Date(NOW), newId: randomUUID };
  const tenantId = `bench-${Date.now().toString(36)}`;
  const sup = { tenantId, username: 'sup' };
  await ensureTenant(deps, { id: tenantId, name: '示范市', signingPolicy: 'when_enrolled' });
  await addUnits(deps, tenantId, [
    { id: 'city', name: '示范市', kind: 'city', parentId: null },
    { id: 'cdc', name: '市疾控中心', kind: 'department', parentId: 'city' },
    ...Array.from({ length: series }, (_, i) => ({ id: `r${i + 1}`, name: `区域${i + 1}`, kind: 'district' as const, parentId: 'city' })),
  ]);
  await addUsers(deps, tenantId, [{ id: 'u-sup', username: 'sup', displayName: '督办员', unitId: 'cdc', roles: ['supervisor'] }]);
  await configureIndicator(deps, sup, { key: 'ili', name: '流感样病例', algorithm: 'farringtonFlexible', frequency: 'week' });
  console.log(`${name}: ${series} weekly series × 520 weeks`);
  const first = await time('ingest (520k rows)', () => ingestCounts(deps, sup, csv));
  const again = await time('ingest again (unchanged)', () => ingestCounts(deps, sup, csv));
  const detect = await time('detect (farringtonFlexible)', () => detectSignals(deps, sup));
  const rerun = await time('detect again (nothing new)', () => detectSignals(deps, sup));
  if (first.errors.length > 0) console.log(`  first error: ${JSON.stringify(first.errors[0])}`);
  console.log(
    `  inserted ${first.inserted}, unchanged on re-import ${again.unchanged}; alarms ${detect.totals.alarm_opened} opened, re-run opened ${rerun.totals.alarm_opened} (${rerun.totals.alarm_open} already open), errors ${detect.totals.error}`,
  );
  await store.close();
}

const { csv, series } = csvFromBench();
const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-bench-signals-db-'));
await bench('SQLite', { kind: 'sqlite', file: path.join(dir, 'luoshi.db') }, csv, series);
const pg = process.env.LUOSHI_BENCH_DATABASE_URL;
if (pg) await bench('PostgreSQL', { kind: 'postgres', url: pg, schema: `bench_signals_${Date.now().toString(36)}` }, csv, series);
