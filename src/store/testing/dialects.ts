/*
 * Test support (no vitest imports, so it type-checks like any module): which databases the contract suite
 * runs on, and how a test opens a store on them.
 *
 * SQLite runs in a temp file with the key files of a temp data folder. PostgreSQL runs on
 * LUOSHI_TEST_DATABASE_URL in one schema migrated once; tests isolate themselves by a fresh tenant each, and
 * supply random keys (a shared schema holds other test files' chains, so key files could not be created).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCryptoProvider } from '../crypto/node-provider.js';
import type { DatabaseConfig } from '../db.js';
import { openStore, type Store, type StoreConfig } from '../store.js';

export type DialectName = 'sqlite' | 'postgres';

const PG_URL = process.env.LUOSHI_TEST_DATABASE_URL;
const REQUIRE_PG = process.env.LUOSHI_REQUIRE_POSTGRES === '1';

/** The dialects of the contract suite; PostgreSQL is skipped when no URL is set, unless it is required. */
export const DIALECTS: readonly { readonly name: DialectName; readonly skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !PG_URL && !REQUIRE_PG },
];

/** The PostgreSQL schema the contract suite shares (migrated once, never truncated). */
export const CONTRACT_SCHEMA = 'luoshi_store_test';

export function tempDir(prefix = 'luoshi-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function pgUrl(): string {
  if (!PG_URL) throw new Error('LUOSHI_REQUIRE_POSTGRES=1 but LUOSHI_TEST_DATABASE_URL is not set');
  return PG_URL;
}

export function databaseFor(name: DialectName, dir: string, schema = CONTRACT_SCHEMA): DatabaseConfig {
  return name === 'sqlite' ? { kind: 'sqlite', file: join(dir, 'luoshi.db') } : { kind: 'postgres', url: pgUrl(), schema, poolSize: 20 };
}

export function randomKeys(): NonNullable<StoreConfig['keys']> {
  const c = nodeCryptoProvider;
  return { chain: c.randomBytes(32), master: c.randomBytes(32), checkpointSigning: c.generateSigningKeyPair() };
}

export interface TestStore {
  readonly store: Store;
  readonly config: StoreConfig;
  readonly dir: string;
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
  return { store: await openStore(config), config, dir };
}

let counter = 0;
/** A tenant id no other test (or earlier run against the same PostgreSQL) has used. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
