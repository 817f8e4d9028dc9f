import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DatabaseHandle } from './db.js';
import { StoreError, isStoreError } from './errors.js';
import { MIGRATIONS } from './migrations/index.js';

const KNOWN = Object.keys(MIGRATIONS).sort();
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** 'LUOS', written into the SQLite header by the first migration. */
const SQLITE_APPLICATION_ID = 0x4c554f53;

/** What the database holds before anything is changed. */
export interface SchemaState {
  /** Tables other than Kysely's bookkeeping. */
  readonly tables: readonly string[];
  /** Applied migration names in order, or null when there is no migration table. */
  readonly applied: readonly string[] | null;
  /** SQLite header application id (0 = unset); null on PostgreSQL. */
  readonly applicationId: number | null;
}

export interface SchemaStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

function notLuoshi(en: string, zh: string, details?: Record<string, unknown>): StoreError {
  return new StoreError(
    'not_luoshi_database',
    `not a Luoshi database: ${en}. Point Luoshi at its own database file or an empty database.`,
    `不是落实数据库：${zh}。请使用落实自己的数据库文件或一个空数据库。`,
    details,
  );
}

/**
 * Decides from the state alone whether the database is empty, ours and current, ours with pending
 * migrations, or something to refuse. Pure, so every refusal is testable without a database.
 * @throws StoreError `not_luoshi_database`, `database_schema_newer`, `migrations_out_of_sync`.
 */
export function classifySchema(state: SchemaState, known: readonly string[] = KNOWN): SchemaStatus {
  if (state.applicationId !== null && state.applicationId !== 0 && state.applicationId !== SQLITE_APPLICATION_ID) {
    throw notLuoshi(`the SQLite file belongs to another application (id ${state.applicationId})`, `该 SQLite 文件属于其他应用（标识 ${state.applicationId}）`);
  }
  const applied = state.applied ?? [];
  if (applied.length === 0) {
    if (state.tables.length > 0) {
      const sample = state.tables.slice(0, 5).join(', ');
      throw notLuoshi(`it holds other tables (${sample})`, `其中已有其他数据表（${sample}）`, { tables: state.tables });
    }
    return { applied: [], pending: [...known] };
  }
  if (applied[0] !== known[0]) {
    throw notLuoshi(`its migrations are another application's (${applied[0]})`, `其迁移记录属于其他应用（${applied[0]}）`);
  }
  const knownSet = new Set(known);
  const unknown = applied.filter((n) => !knownSet.has(n));
  const last = known[known.length - 1]!;
  if (unknown.length > 0 && unknown.every((n) => n > last)) {
    throw new StoreError(
      'database_schema_newer',
      `the database was migrated by a newer Luoshi (${unknown.join(', ')}); upgrade Luoshi to open it`,
      `该数据库已由更新版本的落实升级（${unknown.join('、')}），请升级落实后再打开`,
      { unknown },
    );
  }
  const prefix = known.slice(0, applied.length);
  if (unknown.length > 0 || prefix.some((n, i) => n !== applied[i])) {
    throw new StoreError(
      'migrations_out_of_sync',
      `applied migrations (${applied.join(', ')}) do not match the code's list (${known.join(', ')})`,
      `已执行的迁移（${applied.join('、')}）与程序中的迁移列表（${known.join('、')}）不一致`,
      { applied, known },
    );
  }
  return { applied, pending: known.slice(applied.length) };
}

function schemaOf(handle: DatabaseHandle): string | null {
  return handle.config.kind === 'postgres' ? (handle.config.schema ?? 'public') : null;
}

async function readTables(db: Kysely<Database>, schema: string | null): Promise<string[]> {
  if (schema === null) {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
  return r.rows.map((x) => x.name);
}

/**
 * Reads the tables, applied migrations and (SQLite) application id without changing anything.
 * @throws StoreError `not_luoshi_database` for a file that is not SQLite; `database_unavailable` when the
 *   database cannot be read (connection refused, missing database, bad credentials).
 */
export async function readSchemaState(db: Kysely<Database>, schema: string | null): Promise<SchemaState> {
  try {
    const all = await readTables(db, schema);
    const tables = all.filter((t) => !KYSELY_TABLES.has(t)).sort();
    let applied: string[] | null = null;
    if (all.includes('kysely_migration')) {
      const from = schema === null ? sql.table('kysely_migration') : sql.table(`${schema}.kysely_migration`);
      const r = await sql<{ name: string }>`select name from ${from} order by name`.execute(db);
      applied = r.rows.map((x) => x.name);
    }
    let applicationId: number | null = null;
    if (schema === null) {
      const r = await sql<{ application_id: number }>`pragma application_id`.execute(db);
      applicationId = r.rows[0]?.application_id ?? 0;
    }
    return { tables, applied, applicationId };
  } catch (cause) {
    if (isStoreError(cause)) throw cause;
    const e = cause as { code?: string; message?: string };
    if (e.code === 'SQLITE_NOTADB') throw notLuoshi('the file is not a SQLite database', '该文件不是 SQLite 数据库');
    throw new StoreError(
      'database_unavailable',
      `cannot read the database: ${e.message ?? String(cause)}`,
      `无法读取数据库：${e.message ?? String(cause)}`,
      { code: e.code },
      { cause },
    );
  }
}

/**
 * Checks the database without changing it.
 * @throws StoreError as `classifySchema` and `readSchemaState`.
 */
export async function checkSchema(handle: DatabaseHandle): Promise<SchemaStatus> {
  return classifySchema(await readSchemaState(handle.db, schemaOf(handle)));
}

async function runMigrator(db: Kysely<Database>, schema: string | null): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    ...(schema === null ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const message = error instanceof Error ? error.message : String(error);
    throw new StoreError('migration_failed', `migration ${failed} failed: ${message}`, `迁移 ${failed} 失败：${message}`, { migration: failed }, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Refuses a database that is not Luoshi's, newer than the code or out of sync, then applies the pending
 * migrations. On SQLite the check and the migrations run inside one BEGIN IMMEDIATE transaction, so two
 * processes opening a fresh file do not both migrate and a failed migration leaves nothing behind. On
 * PostgreSQL Kysely's migrator holds an advisory lock and runs each migration in a transaction.
 * @returns the names of the migrations applied now (empty when the database was current).
 * @throws StoreError `not_luoshi_database`, `database_schema_newer`, `migrations_out_of_sync`,
 *   `migration_failed`, `database_unavailable`.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const schema = schemaOf(handle);
  if (handle.dialect === 'postgres') {
    const status = await checkSchema(handle);
    return status.pending.length === 0 ? [] : runMigrator(handle.db, schema);
  }
  // Read-only first: a file that is not SQLite fails here with a clear error rather than inside BEGIN.
  await checkSchema(handle);
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const status = classifySchema(await readSchemaState(conn, null));
      const applied = status.pending.length === 0 ? [] : await runMigrator(conn, null);
      await sql`commit`.execute(conn);
      return applied;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
