import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { BackupError } from './errors.js';

/** What an archive holds, written first into it and checked before anything is restored. */
export interface Manifest {
  readonly format: 'luoshi-backup';
  readonly version: 1;
  readonly createdAt: string;
  /** The database the backup was taken from, and the entry holding it. */
  readonly source: 'sqlite' | 'postgres';
  readonly database: 'database.sqlite' | 'dump.jsonl';
  /** Migrations applied to the database at the moment of the backup. */
  readonly migrations: readonly string[];
  /** Every tenant's chain head at that moment: a restore must verify to exactly these. */
  readonly heads: readonly ChainHead[];
  /** Rows per table at that moment. */
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  /** Files of the data folder in the archive (keys, checkpoint log, evidence), under `data/`. */
  readonly files: readonly string[];
}

export interface ChainHead {
  readonly tenantId: string;
  readonly seq: number;
  readonly hash: string;
}

/** The chain heads of every tenant, read from `db` (inside the snapshot being backed up or copied). */
export async function readHeads(db: Kysely<Database>): Promise<ChainHead[]> {
  const rows = (
    await sql<{ tenant_id: string; head_seq: number | string; head_hash: string }>`select tenant_id, head_seq, head_hash from chain_heads order by tenant_id`.execute(db)
  ).rows;
  return rows.map((r) => ({ tenantId: r.tenant_id, seq: Number(r.head_seq), hash: r.head_hash }));
}

/** The applied migrations, read from `db` (inside the snapshot). */
export async function readMigrations(db: Kysely<Database>): Promise<string[]> {
  return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
}

/** Parses the manifest of an unpacked archive. @throws BackupError `backup_invalid`. */
export function parseManifest(text: string): Manifest {
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(text) as Partial<Manifest>;
  } catch {
    m = {};
  }
  if (m.format !== 'luoshi-backup' || m.version !== 1 || !Array.isArray(m.migrations) || !Array.isArray(m.heads) || !Array.isArray(m.files)) {
    throw new BackupError('backup_invalid', 'The backup archive has no valid manifest.', '备份文件缺少有效的清单。');
  }
  return m as Manifest;
}
