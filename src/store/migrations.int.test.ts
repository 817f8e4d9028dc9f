import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseConfig } from './db.js';
import { checkSchema, migrateToLatest, readSchemaState } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openStore } from './store.js';
import { DIALECTS, databaseFor, dropTestDatabase, tempDir } from './testing/dialects.js';

const known = Object.keys(MIGRATIONS).sort();

describe.each(DIALECTS)('migrations on $name', ({ name, skip }) => {
  const created: DatabaseConfig[] = [];
  /** A database nobody has touched: a new SQLite file, or a new PostgreSQL schema. */
  const fresh = (): { database: DatabaseConfig; dataDir: string } => {
    const dataDir = tempDir();
    if (name === 'sqlite') return { database: { kind: 'sqlite', file: join(dataDir, 'fresh.db') }, dataDir };
    const database = databaseFor('postgres', dataDir);
    created.push(database);
    return { database, dataDir };
  };
  /** Runs raw SQL as someone with direct access to the database. */
  const raw = async (database: DatabaseConfig, run: (db: ReturnType<typeof createDatabase>['db']) => Promise<unknown>) => {
    const h = createDatabase(database);
    try {
      await run(h.db);
    } finally {
      await h.close();
    }
  };

  afterAll(async () => {
    for (const database of created) await dropTestDatabase(database);
  });

  if (skip) {
    it.skip('needs LUOSHI_TEST_DATABASE_URL', () => undefined);
    return;
  }
  it('creates every table on a fresh database and records each migration', async () => {
    const cfg = fresh();
    const store = await openStore(cfg);
    await store.close();
    const h = createDatabase(cfg.database);
    try {
      expect(await checkSchema(h)).toEqual({ applied: known, pending: [] });
      const state = await readSchemaState(h.db, cfg.database.kind === 'postgres' ? cfg.database.schema! : null);
      expect(state.tables).toEqual(
        expect.arrayContaining([
          'tenants',
          'units',
          'users',
          'user_roles',
          'items',
          'item_co_units',
          'events',
          'chain_heads',
          'case_keys',
          'number_sequences',
          'documents',
          'evidence',
        ]),
      );
    } finally {
      await h.close();
    }
  });

  it('is idempotent: a second open applies nothing and keeps the data', async () => {
    const cfg = fresh();
    const first = await openStore(cfg);
    await first.transaction((tx) => tx.tenants.insert({ id: 't1', name: '示范市', createdAt: '2026-03-02T00:00:00Z' }));
    await first.close();
    const h = createDatabase(cfg.database);
    expect(await migrateToLatest(h)).toEqual([]);
    await h.close();
    const second = await openStore(cfg);
    expect((await second.read.tenants.get('t1'))?.name).toBe('示范市');
    await second.close();
  });

  it("refuses a database that holds another application's tables, and changes nothing in it", async () => {
    const cfg = fresh();
    await raw(cfg.database, async (db) => {
      if (cfg.database.kind === 'postgres') await sql`create schema ${sql.id(cfg.database.schema!)}`.execute(db);
      await sql`create table customers (id integer primary key, name text)`.execute(db);
    });
    await expect(openStore(cfg)).rejects.toMatchObject({ code: 'not_luoshi_database' });
    await raw(cfg.database, async (db) => {
      const state = await readSchemaState(db, cfg.database.kind === 'postgres' ? cfg.database.schema! : null);
      expect(state).toMatchObject({ tables: ['customers'], applied: null });
    });
  });

  it('refuses a schema migrated by a newer Luoshi, naming the unknown migration', async () => {
    const cfg = fresh();
    await (await openStore(cfg)).close();
    await raw(cfg.database, (db) => sql`insert into kysely_migration (name, timestamp) values ('209912312359_future_feature', '2099-12-31T23:59:00Z')`.execute(db));
    await expect(openStore(cfg)).rejects.toMatchObject({ code: 'database_schema_newer', details: { unknown: ['209912312359_future_feature'] } });
  });

  it('refuses migrations out of sync with the code', async () => {
    const cfg = fresh();
    await (await openStore(cfg)).close();
    await raw(cfg.database, (db) => sql`insert into kysely_migration (name, timestamp) values ('202611261201_stranger', '2026-11-26T12:01:00Z')`.execute(db));
    await expect(openStore(cfg)).rejects.toMatchObject({ code: 'migrations_out_of_sync' });
  });

  it('refuses pending migrations when told not to migrate', async () => {
    await expect(openStore({ ...fresh(), migrate: false })).rejects.toMatchObject({ code: 'database_schema_outdated' });
  });

  it.skipIf(name !== 'sqlite')('refuses a file that is not SQLite at all and leaves it as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.db');
    writeFileSync(file, '会议纪要：这不是数据库。'.repeat(200));
    const before = readFileSync(file);
    await expect(openStore({ database: { kind: 'sqlite', file }, dataDir: dir })).rejects.toMatchObject({
      code: 'not_luoshi_database',
      messageZh: expect.stringContaining('不是 SQLite') as string,
    });
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
