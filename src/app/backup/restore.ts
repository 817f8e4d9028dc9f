import { createReadStream, existsSync, statSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  assertKnownMigrations,
  createDatabase,
  databaseSources,
  dumpTables,
  inSnapshot,
  KEY_FILES,
  openStore,
  prepareEmptyTarget,
  StoreError,
  writeAll,
  type ChainAlgorithm,
  type DatabaseConfig,
  type TableSource,
} from '../../store/index.js';
import { readArchive } from './archive.js';
import { BackupError } from './errors.js';
import { parseManifest, type ChainHead, type Manifest } from './manifest.js';

export interface RestoreInput {
  readonly archive: string;
  readonly passphrase: string;
  /** An empty database: a SQLite file that does not exist yet (or is empty), or an empty PostgreSQL database. */
  readonly database: DatabaseConfig;
  /** The data folder to restore keys, checkpoint log and evidence into: without keys or a log of its own. */
  readonly dataDir: string;
  readonly chainAlgorithm?: ChainAlgorithm;
}

/** What a restore did and what verifying the restored chains found. */
export interface RestoreReport {
  readonly manifest: Manifest;
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  /** Per tenant: the head of the backup, and whether the restored chain verifies to exactly it. */
  readonly verified: readonly (ChainHead & { readonly ok: boolean; readonly count: number; readonly problem?: string })[];
}

function refuseFilledDataDir(dataDir: string): void {
  const there = [KEY_FILES.chain, KEY_FILES.master, KEY_FILES.checkpointSm2Private, KEY_FILES.checkpointPrivate, KEY_FILES.checkpointLog].filter((f) =>
    existsSync(join(dataDir, f)),
  );
  if (there.length > 0) {
    throw new BackupError(
      'restore_target_not_empty',
      `The data folder ${dataDir} already holds ${there.join(', ')}: restore into a new data folder.`,
      `数据文件夹 ${dataDir} 中已有 ${there.join('、')}：请恢复到一个新的数据文件夹。`,
      { files: there },
    );
  }
}

/** The tables of a JSON-lines dump, one after another, each read as the writer asks for its batches. */
async function* dumpSources(file: string): AsyncGenerator<TableSource> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const bad = () => new BackupError('backup_damaged', 'The database dump inside the backup is malformed.', '备份中的数据库转储格式有误。');
  for (;;) {
    const head = await lines.next();
    if (head.done) return;
    const h = JSON.parse(head.value) as { table?: string; columns?: string[] };
    if (typeof h.table !== 'string' || !Array.isArray(h.columns)) throw bad();
    const table = h.table;
    yield {
      table,
      columns: h.columns,
      async *batches() {
        let batch: unknown[][] = [];
        for (;;) {
          const line = await lines.next();
          if (line.done) throw bad();
          const v = JSON.parse(line.value) as unknown;
          if (Array.isArray(v)) {
            batch.push(v);
            if (batch.length >= 2000) {
              yield batch;
              batch = [];
            }
            continue;
          }
          if ((v as { end?: string }).end !== table) throw bad();
          if (batch.length > 0) yield batch;
          return;
        }
      },
    };
  }
}

async function restoreRows(manifest: Manifest, unpacked: string, database: DatabaseConfig): Promise<{ table: string; rows: number }[]> {
  const dbFile = join(unpacked, manifest.database);
  if (database.kind === 'sqlite') await mkdir(dirname(database.file), { recursive: true, mode: 0o700 });
  if (manifest.source === 'sqlite' && database.kind === 'sqlite') {
    // SQLite into SQLite: the backup copy is the database; checked as any file Luoshi opens.
    await copyFile(dbFile, database.file);
    await chmod(database.file, 0o600);
    return manifest.tables.map((t) => ({ ...t }));
  }
  const target = createDatabase(database);
  try {
    await prepareEmptyTarget(target, manifest.migrations);
    if (manifest.source === 'postgres') return await writeAll(target, dumpSources(dbFile));
    const source = createDatabase({ kind: 'sqlite', file: dbFile });
    try {
      return await inSnapshot(source, async (db) => writeAll(target, databaseSources(db, await dumpTables(db, 'sqlite'))));
    } finally {
      await source.close();
    }
  } finally {
    await target.close();
  }
}

/**
 * `luoshi restore`: decrypts the archive (refusing a wrong passphrase, a truncated or altered file, a schema newer
 * than this code), writes the database into an empty one of either kind and the data folder's files into a new
 * folder, brings the schema up to this code's migrations, and verifies every tenant's chain against the restored
 * keys and checkpoints: each must reach exactly the head recorded at backup time.
 * @throws BackupError, StoreError `already_exists` (target not empty), `database_schema_newer`.
 */
export async function restoreBackup(input: RestoreInput): Promise<RestoreReport> {
  refuseFilledDataDir(input.dataDir);
  if (input.database.kind === 'sqlite' && existsSync(input.database.file) && statSync(input.database.file).size > 0) {
    throw new StoreError('already_exists', `${input.database.file} already exists: restore into a new database file`, `${input.database.file} 已存在：请恢复到一个新的数据库文件`);
  }
  const unpacked = await mkdtemp(join(tmpdir(), 'luoshi-restore-'));
  try {
    await readArchive(input.archive, input.passphrase, join(unpacked, 'x'));
    const root = join(unpacked, 'x');
    const manifest = parseManifest(await readFile(join(root, 'manifest.json'), 'utf8'));
    assertKnownMigrations(manifest.migrations);
    if (input.database.kind === 'postgres') {
      // Checks the schema level before a single file is written.
      const h = createDatabase(input.database);
      try {
        await prepareEmptyTarget(h, []);
      } finally {
        await h.close();
      }
    }
    const tables = await restoreRows(manifest, root, input.database);
    await mkdir(input.dataDir, { recursive: true, mode: 0o700 });
    // Entry by entry into the (possibly just created) folder: Node 24's cp refuses an existing target folder
    // itself with errorOnExist, where Node 22 only refused existing files in it. Nothing is overwritten either way.
    if (existsSync(join(root, 'data'))) {
      for (const entry of await readdir(join(root, 'data'))) {
        await cp(join(root, 'data', entry), join(input.dataDir, entry), { recursive: true, errorOnExist: true, force: false });
      }
    }
    for (const f of [KEY_FILES.chain, KEY_FILES.master, KEY_FILES.checkpointSm2Private, KEY_FILES.checkpointPrivate, KEY_FILES.checkpointLog]) {
      if (existsSync(join(input.dataDir, f))) await chmod(join(input.dataDir, f), 0o600);
    }
    const store = await openStore({ database: input.database, dataDir: input.dataDir, chainAlgorithm: input.chainAlgorithm, migrate: true });
    try {
      const verified = [];
      for (const h of manifest.heads) {
        const v = await store.verifyChain(h.tenantId);
        const same = v.ok && v.headSeq === h.seq && v.headHash === h.hash;
        verified.push({
          ...h,
          ok: same,
          count: v.ok ? v.count : 0,
          ...(v.ok ? (same ? {} : { problem: `restored head #${v.headSeq} is not the backup's #${h.seq}` }) : { problem: v.message }),
        });
      }
      return { manifest, tables, verified };
    } finally {
      await store.close();
    }
  } finally {
    await rm(unpacked, { recursive: true, force: true });
  }
}
