/*
 * Databases of the ledger benchmark: a SQLite file in a temp folder, or a throwaway PostgreSQL schema (with
 * a temp data folder for its key files), each removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDatabase, openStore, type DatabaseConfig, type Store } from '../../src/store/index.js';

export interface Target {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  /** Opens the store with the production checkpoint policy (every 100 events or 60 s). */
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

function target(database: DatabaseConfig, dataDir: string, drop: () => Promise<void>): Target {
  return {
    database,
    dataDir,
    open: () => openStore({ database, dataDir }),
    async dispose() {
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function sqliteTarget(): Target & { readonly file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-ledger-'));
  const file = join(dir, 'luoshi.db');
  return { ...target({ kind: 'sqlite', file }, dir, () => Promise.resolve()), file };
}

export function postgresTarget(url: string, name: string): Target & { readonly schema: string } {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-ledger-'));
  const schema = `luoshi_bench_${name}_${process.pid}`;
  const t = target({ kind: 'postgres', url, schema }, dir, async () => {
    const h = createDatabase({ kind: 'postgres', url });
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(h.db);
    } finally {
      await h.close();
    }
  });
  return { ...t, schema };
}
