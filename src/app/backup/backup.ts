import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import { backupSqliteFile, countRows, createDatabase, dumpTables, inSnapshot, KEY_FILES, readTableRows, type DatabaseConfig } from '../../store/index.js';
import { assertPassphrase, writeArchive, type ArchiveEntry } from './archive.js';
import { readHeads, readMigrations, type Manifest } from './manifest.js';

export interface BackupInput {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly out: string;
  readonly passphrase: string;
  /** scrypt cost (the default is memory-hard; tests keep it). */
  readonly kdf?: { N: number; r: number; p: number };
  readonly now?: () => Date;
}

/** Key files and the checkpoint log, as they are before the database is read. */
async function dataFiles(dataDir: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  // The SM2 pair signs checkpoints now; the Ed25519 pair of older data folders still vouches for their older lines.
  for (const name of [KEY_FILES.chain, KEY_FILES.master, KEY_FILES.checkpointSm2Private, KEY_FILES.checkpointSm2Public, KEY_FILES.checkpointPrivate, KEY_FILES.checkpointPublic]) {
    const file = join(dataDir, name);
    if (existsSync(file)) entries.push({ name: `data/${name}`, bytes: await readFile(file) });
  }
  const log = join(dataDir, KEY_FILES.checkpointLog);
  if (existsSync(log)) {
    // Up to its last complete line: a checkpoint being appended this instant is left out, never cut in half.
    const text = await readFile(log);
    entries.push({ name: `data/${KEY_FILES.checkpointLog}`, bytes: text.subarray(0, text.lastIndexOf(0x0a) + 1) });
  }
  return entries;
}

/** Evidence files (content-addressed, never rewritten), listed after the database was read: a superset of what it names. */
async function evidenceFiles(dataDir: string): Promise<ArchiveEntry[]> {
  const root = join(dataDir, 'evidence');
  if (!existsSync(root)) return [];
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile() && !d.name.includes('.tmp'));
  return files.map((d) => {
    const file = join(d.parentPath, d.name);
    return { name: `data/${relative(dataDir, file)}`, file };
  });
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * A PostgreSQL database as JSON lines, read in one REPEATABLE READ snapshot: per table a header line
 * `{"table","columns"}`, one line per row (an array of portable values), and `{"end","rows"}`.
 */
async function dumpPostgres(database: DatabaseConfig, file: string): Promise<Pick<Manifest, 'migrations' | 'heads' | 'tables'>> {
  const handle = createDatabase(database);
  try {
    return await inSnapshot(handle, async (db) => {
      const out = createWriteStream(file, { mode: 0o600 });
      const tables: { table: string; rows: number }[] = [];
      try {
        for (const t of await dumpTables(db, handle.dialect)) {
          await write(out, `${JSON.stringify({ table: t.name, columns: t.columns.map((c) => c.name) })}\n`);
          let rows = 0;
          for await (const batch of readTableRows(db, t)) {
            await write(out, batch.map((r) => `${JSON.stringify(r)}\n`).join(''));
            rows += batch.length;
          }
          await write(out, `${JSON.stringify({ end: t.name, rows })}\n`);
          tables.push({ table: t.name, rows });
        }
      } finally {
        out.end();
        await once(out, 'close');
      }
      return { migrations: await readMigrations(db), heads: await readHeads(db), tables };
    });
  } finally {
    await handle.close();
  }
}

/** Copies a SQLite file with the online backup API, then reads what the manifest says from the copy. */
async function copySqlite(database: Extract<DatabaseConfig, { kind: 'sqlite' }>, file: string): Promise<Pick<Manifest, 'migrations' | 'heads' | 'tables'>> {
  await backupSqliteFile(database.file, file);
  const handle = createDatabase({ kind: 'sqlite', file });
  try {
    const tables = [];
    for (const t of await dumpTables(handle.db, 'sqlite')) tables.push({ table: t.name, rows: await countRows(handle.db, t.name) });
    return { migrations: await readMigrations(handle.db), heads: await readHeads(handle.db), tables };
  } finally {
    await handle.close();
  }
}

/**
 * `luoshi backup`: one consistent moment of the database, taken while the server runs, with the key files and the
 * signed checkpoint log (read first, so no checkpoint vouches for a head the copy has not reached) and the
 * evidence files, in one archive encrypted with the passphrase.
 * @throws BackupError `backup_passphrase_missing`; StoreError when the database cannot be read.
 */
export async function makeBackup(input: BackupInput): Promise<Manifest> {
  assertPassphrase(input.passphrase);
  const work = await mkdtemp(join(tmpdir(), 'luoshi-backup-'));
  try {
    const keep = await dataFiles(input.dataDir);
    const dbName = input.database.kind === 'sqlite' ? 'database.sqlite' : 'dump.jsonl';
    const dbFile = join(work, dbName);
    const content = input.database.kind === 'sqlite' ? await copySqlite(input.database, dbFile) : await dumpPostgres(input.database, dbFile);
    const evidence = await evidenceFiles(input.dataDir);
    const files = [...keep, ...evidence].map((e) => e.name);
    const manifest: Manifest = {
      format: 'luoshi-backup',
      version: 1,
      createdAt: (input.now?.() ?? new Date()).toISOString(),
      source: input.database.kind,
      database: dbName,
      ...content,
      files,
    };
    await writeArchive(
      input.out,
      input.passphrase,
      [{ name: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifest, null, 2)) }, { name: dbName, file: dbFile }, ...keep, ...evidence],
      input.kdf,
    );
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
