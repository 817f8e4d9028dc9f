/*
 * Luoshi under bench:peer: a store loaded to the common size (the bench data generator, as bench:api seeds,
 * no events), served by bench/api-server.ts in a process of its own (rate limits off, as in bench:api), and
 * the workloads' requests against its HTTP API with a session per user.
 */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../../src/app/context.js';
import { addUnits, addUsers, ensureTenant } from '../../src/app/organisation.js';
import { EXAMPLE_FIELDS } from '../../src/domain/ledger-types/examples.js';
import type { ItemStatus } from '../../src/domain/item.js';
import { createDatabase } from '../../src/store/db.js';
import { openStore, type StoreConfig } from '../../src/store/index.js';
import { buildItem } from '../../src/store/testing/factories.js';
import type { FromServer, ToServer } from '../api-server.js';
import { Slot, expectStatus, type Reply } from './http.js';
import type { System } from './system.js';

const PASSWORD = 'Bench-Password-2026!';
const UNITS = ['d1', 'd2', 'd3', 'd4', 'd5'];
/** A mix like the peer's bulk load (New 30 %, In Progress 25 %, Resolved 15 %, Feedback 10 %, Closed 15 %, Rejected 5 %). */
const MIX: [ItemStatus, number][] = [
  ['draft', 30],
  ['in_progress', 25],
  ['assigned', 25],
  ['closed', 15],
  ['cancelled', 5],
];
const BAG = MIX.flatMap(([s, w]) => Array<ItemStatus>(w).fill(s));

async function seed(config: StoreConfig, tenantId: string, items: number): Promise<void> {
  const store = await openStore(config);
  try {
    const deps: AppDeps = { store, now: () => new Date(), newId: () => crypto.randomUUID() };
    await ensureTenant(deps, { id: tenantId, name: '示范市', signingPolicy: 'when_enrolled' });
    await addUnits(deps, tenantId, [
      { id: 'city', name: '示范市', kind: 'city', parentId: null },
      { id: 'office', name: '市委督查室', kind: 'department', parentId: 'city' },
      ...UNITS.map((id, i) => ({ id, name: `部门${i + 1}`, kind: 'department' as const, parentId: 'city' })),
    ]);
    await addUsers(deps, tenantId, [
      { id: 'sup', username: 'sup', displayName: '督查员', unitId: 'office', roles: ['supervisor'], password: PASSWORD },
      ...UNITS.map((u) => ({ id: `h-${u}`, username: `h-${u}`, displayName: `经办人${u}`, unitId: u, roles: ['handler' as const], password: PASSWORD })),
    ]);
    for (let start = 0; start < items; start += 5000) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(items, start + 5000); i++) {
          const status = BAG[(i * 37) % BAG.length]!;
          const deadline = new Date(Date.UTC(2027, 0, 1) + ((i * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
          const item = buildItem(tenantId, {
            id: `bulk${i}`,
            number: `督办〔2026〕${String(i).padStart(6, '0')}号`,
            title: `关于第${i}项督查反馈问题的整改落实`,
            ownerUnitId: 'office',
            leadUnitId: status === 'draft' ? null : UNITS[i % UNITS.length]!,
            coUnitIds: [],
            contacts: {},
            status,
            closedAt: status === 'closed' ? '2026-10-10T00:00:00.000Z' : null,
            currentDeadline: status === 'draft' ? null : deadline,
            originalDeadline: status === 'draft' ? null : deadline,
            createdBy: 'sup',
          });
          await tx.items.insert(item, new Date(Date.parse('2026-09-01T00:00:00Z') + i * 1000).toISOString());
        }
      });
    }
  } finally {
    await store.close();
  }
}

/** The server in a child process (bench/api-server.ts), as bench:api runs it. */
async function serve(config: StoreConfig, tenantId: string): Promise<{ url: string; child: ChildProcess; close: () => Promise<void> }> {
  const child = fork(new URL('../api-server.ts', import.meta.url), [], { serialization: 'advanced', stdio: 'inherit', execArgv: process.execArgv });
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromServer) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as Extract<FromServer, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`Luoshi bench server exited (${code})`)));
    });
  const ask = <T extends FromServer['type']>(m: ToServer, type: T) => {
    const answer = next(type);
    child.send(m);
    return answer;
  };
  const { url } = await ask({ type: 'start', store: config, tenantId }, 'started');
  return { url, child, close: async () => void (await ask({ type: 'close' }, 'closed')) };
}

/** Bytes per table and index of a SQLite file (its dbstat table), largest first. */
function bytesByObject(file: string): [string, number][] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc').all() as { name: string; bytes: number }[];
    return rows.map((r) => [r.name, r.bytes]);
  } finally {
    db.close();
  }
}

/** PostgreSQL: the bytes of a schema's tables, each with its indexes and TOAST (pg_total_relation_size). */
async function schemaBytes(database: StoreConfig['database']): Promise<number> {
  if (database.kind !== 'postgres' || !database.schema) return Number.NaN;
  const h = createDatabase({ kind: 'postgres', url: database.url });
  try {
    const r = await sql<{ bytes: string | null }>`select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${database.schema} and c.relkind = 'r'`.execute(h.db);
    return Number(r.rows[0]?.bytes ?? Number.NaN);
  } finally {
    await h.close();
  }
}

/** Seeds a fresh SQLite store (or PostgreSQL, in a schema of its own) with `items` items and serves it. */
export async function startLuoshi(items: number, database?: StoreConfig['database']): Promise<System> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-peer-bench-'));
  const db = database ?? { kind: 'sqlite' as const, file: join(dir, 'luoshi.db') };
  // Keys from files in the data folder on both databases: the server process opens the same folder (a signer
  // held in memory could not be sent to it).
  const config: StoreConfig = { database: db, dataDir: dir };
  const tenantId = `peer${Date.now().toString(36)}`;
  const t0 = performance.now();
  await seed(config, tenantId, items);
  const loadSeconds = (performance.now() - t0) / 1000;
  const server = await serve(config, tenantId);
  const base = new URL(server.url);
  const login = async (username: string) => {
    const r = await new Slot(base, () => ({})).call('POST', '/api/v1/session', { username, password: PASSWORD });
    if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status} ${r.text}`);
    const cookie = String((r.headers['set-cookie'] as string[])[0]).split(';')[0]!;
    return { cookie, 'x-csrf-token': (JSON.parse(r.text) as { csrfToken: string }).csrfToken };
  };
  const sessions = new Map<string, Record<string, string>>();
  for (const u of ['sup', ...UNITS.map((d) => `h-${d}`)]) sessions.set(u, await login(u));
  const sup = sessions.get('sup')!;
  /** Each item's ETag and lead unit, as the last answer about it gave them. */
  const known = new Map<string, { etag: string; unit: string }>();
  /** Cursors of the filter's pages per unit, collected by `matches` (Luoshi pages by cursor, not offset). */
  const cursors = new Map<number, (string | null)[]>();
  const filter = (u: number) => `/api/v1/items?state=in_progress&unit=${UNITS[u % UNITS.length]}&deadlineFrom=2027-01-01&deadlineTo=2027-06-30&sort=deadline_desc&limit=25`;
  const etagOf = (r: Reply) => String(r.headers.etag);
  const sqliteFile = db.kind === 'sqlite' ? db.file : null;
  return {
    name: db.kind === 'sqlite' ? 'Luoshi (SQLite)' : 'Luoshi (PostgreSQL)',
    pid: server.child.pid!,
    loadSeconds,
    slot: () => new Slot(base, () => ({})),
    async create(slot, i) {
      const unit = UNITS[i % UNITS.length]!;
      const created = await slot.call(
        'POST',
        '/api/v1/items',
        {
          ledgerType: 'directive',
          title: `关于第${i}项督查反馈问题的整改落实`,
          content: '建立问题台账，明确责任单位和整改时限，每周报送进展，逐项销号，确保按期完成整改任务并巩固成效。'.repeat(2),
          priority: 'high',
          fields: EXAMPLE_FIELDS.directive!.draft,
        },
        sup,
      );
      const err = expectStatus(created, 201);
      if (err) return { error: err };
      const id = (JSON.parse(created.text) as { id: string }).id;
      const deadline = new Date(Date.UTC(2027, 0, 1) + ((i * 7) % 365) * 86_400_000).toISOString().slice(0, 10);
      const assigned = await slot.call('POST', `/api/v1/items/${encodeURIComponent(id)}/assign`, { leadUnitId: unit, deadline }, { ...sup, 'if-match': etagOf(created) });
      const err2 = expectStatus(assigned, 200);
      if (err2) return { error: err2 };
      known.set(id, { etag: etagOf(assigned), unit });
      return { id };
    },
    async transition(slot, id, step) {
      const k = known.get(id)!;
      const who = sessions.get(`h-${k.unit}`)!;
      const [action, body] = step === 0 ? ['accept', {}] : ['report', { text: '已完成现场核查，整改方案已印发，正在推进。', percent: 40 }];
      const r = await slot.call('POST', `/api/v1/items/${encodeURIComponent(id)}/${action}`, body, { ...who, 'if-match': k.etag });
      if (r.status === 200) known.set(id, { ...k, etag: etagOf(r) });
      return expectStatus(r, 200);
    },
    async listPage(slot, unitIndex, page) {
      const cursor = cursors.get(unitIndex)?.[page] ?? null;
      const r = await slot.call('GET', `${filter(unitIndex)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, sup);
      return expectStatus(r, 200);
    },
    async matches(slot, unitIndex) {
      const pages: (string | null)[] = [null];
      for (;;) {
        const cursor = pages[pages.length - 1];
        const r = await slot.call('GET', `${filter(unitIndex)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, sup);
        if (r.status !== 200) throw new Error(`walking the filter's pages: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        const next = (JSON.parse(r.text) as { nextCursor: string | null }).nextCursor;
        if (next === null || pages.length > 400) break;
        pages.push(next);
      }
      cursors.set(unitIndex, pages);
      return pages.length;
    },
    async countPerState(slot) {
      return expectStatus(await slot.call('GET', '/api/v1/items/facets?by=state', undefined, sup), 200);
    },
    async get(slot, id) {
      return expectStatus(await slot.call('GET', `/api/v1/items/${encodeURIComponent(id)}`, undefined, sup), 200);
    },
    bytesByObject: sqliteFile ? () => bytesByObject(sqliteFile) : undefined,
    dbBytes: () => (sqliteFile ? Promise.resolve([sqliteFile, `${sqliteFile}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0)) : schemaBytes(db)),
    stop: () => server.close(),
  };
}
