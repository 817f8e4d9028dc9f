/*
 * Test support (no vitest imports, so it type-checks like any module): which databases the contract suite
 * runs on, and how a test opens a store on them.
 *
 * SQLite runs in a temp file with the key files of a temp data folder. PostgreSQL runs on
 * LUOSHI_TEST_DATABASE_URL in a schema of its own per test file, migrated once and dropped at the end (a
 * shared long-lived schema would go out of sync whenever a migration under development changes); within a
 * file, tests isolate themselves by a fresh tenant each, never by truncation. PostgreSQL stores get keys
 * supplied by the caller, SQLite ones the key files, so both ways of holding keys are exercised.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { generateSm2PrivateKey, softwareSm2Signer } from '../crypto/signer.js';
import { nodeCryptoProvider } from '../crypto/node-provider.js';
import { createDatabase, type DatabaseConfig } from '../db.js';
import { openStore, type Store, type StoreConfig } from '../store.js';

export type DialectName = 'sqlite' | 'postgres';

const PG_URL = process.env.LUOSHI_TEST_DATABASE_URL;
const REQUIRE_PG = process.env.LUOSHI_REQUIRE_POSTGRES === '1';

/** The dialects of the contract suite; PostgreSQL is skipped when no URL is set, unless it is required. */
export const DIALECTS: readonly { readonly name: DialectName; readonly skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !PG_URL && !REQUIRE_PG },
];

export function tempDir(prefix = 'luoshi-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function pgUrl(): string {
  if (!PG_URL) throw new Error('LUOSHI_REQUIRE_POSTGRES=1 but LUOSHI_TEST_DATABASE_URL is not set');
  return PG_URL;
}

/** A PostgreSQL schema name no other test file (or earlier run) uses. */
export function freshSchema(prefix = 'luoshi_test'): string {
  return freshId(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
}

export function databaseFor(name: DialectName, dir: string): DatabaseConfig {
  return name === 'sqlite' ? { kind: 'sqlite', file: join(dir, 'luoshi.db') } : { kind: 'postgres', url: pgUrl(), schema: freshSchema(), poolSize: 20 };
}

/** Drops a test's PostgreSQL schema (no-op for SQLite: its temp folder goes with the OS temp dir). */
export async function dropTestDatabase(database: DatabaseConfig): Promise<void> {
  if (database.kind !== 'postgres' || !database.schema) return;
  const h = createDatabase({ kind: 'postgres', url: database.url });
  try {
    await sql`drop schema if exists ${sql.id(database.schema)} cascade`.execute(h.db);
  } finally {
    await h.close();
  }
}

export function randomKeys(): NonNullable<StoreConfig['keys']> {
  const c = nodeCryptoProvider;
  return { chain: c.randomBytes(32), master: c.randomBytes(32), checkpointSigning: softwareSm2Signer(generateSm2PrivateKey()) };
}

export interface TestStore {
  readonly store: Store;
  readonly config: StoreConfig;
  readonly dir: string;
  /** Closes the store and drops its PostgreSQL schema. */
  dispose(): Promise<void>;
}

/** Opens a store for a test file: checkpoints after every commit, so truncation tests see them. */
export async function openTestStore(name: DialectName, extra: Partial<StoreConfig> = {}): Promise<TestStore> {
  const dir = tempDir();
  const config: StoreConfig = {
    database: databaseFor(name, dir),
    dataDir: dir,
    checkpoints: { everyEvents: 1 },
    ...(name === 'postgres' ? { keys: randomKeys() } : {}),
    ...extra,
  };
  const store = await openStore(config);
  const dispose = async () => {
    await store.close();
    await dropTestDatabase(config.database);
  };
  return { store, config, dir, dispose };
}

let counter = 0;
/** A tenant id no other test (or earlier run against the same PostgreSQL) has used. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
