import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DatabaseHandle } from './db.js';
import { countRows, dumpTables, readTableRows, TableWriter, type DumpTable } from './dump.js';
import { StoreError } from './errors.js';
import { checkSchema } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

/*
 * Moving a whole Luoshi database into an empty one (SQLite to PostgreSQL, a backup into either): the target is
 * migrated to exactly the source's migrations, every table's rows are written in ONE transaction of the target
 * (all or nothing: a failure leaves the target empty of data, to be copied again), and the row counts are
 * compared before the commit.
 */

/** A table and how many rows went across. */
export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
}

/**
 * Runs `fn` on one consistent view of the database: a REPEATABLE READ, read-only transaction on PostgreSQL; a
 * plain (deferred) read transaction on SQLite, which in WAL mode neither blocks nor is blocked by writers.
 */
export async function inSnapshot<T>(handle: DatabaseHandle, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (handle.dialect === 'postgres') {
    return handle.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
  }
  return handle.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`rollback`.execute(conn).catch(() => undefined);
    }
  });
}

/** The migrations applied to a database, in order. */
export async function appliedMigrations(handle: DatabaseHandle): Promise<readonly string[]> {
  return (await checkSchema(handle)).applied;
}

/**
 * Refuses data migrated by a newer Luoshi.
 * @throws StoreError `database_schema_newer` naming the migrations this code does not know.
 */
export function assertKnownMigrations(migrations: readonly string[]): void {
  const known = new Set(Object.keys(MIGRATIONS));
  const unknown = migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw new StoreError(
      'database_schema_newer',
      `the data comes from a newer Luoshi (migrations ${unknown.join(', ')}); upgrade Luoshi first`,
      `数据来自更新版本的落实（迁移 ${unknown.join('、')}），请先升级落实`,
      { unknown },
    );
  }
}

/**
 * Refuses a target that holds anything (a Luoshi schema or other tables), then migrates it to `upTo`.
 * @throws StoreError `already_exists` for a target with Luoshi data or migrations; `not_luoshi_database` for
 *   one with other tables; `database_schema_newer` when `upTo` is unknown to this code; `migration_failed`.
 */
export async function prepareEmptyTarget(target: DatabaseHandle, upTo: readonly string[]): Promise<void> {
  const status = await checkSchema(target);
  if (status.applied.length > 0) {
    throw new StoreError(
      'already_exists',
      'the target database is not empty: restore and copy write only into an empty database (create a new one, or drop its schema first)',
      '目标数据库不是空的：恢复和迁移只写入空数据库（请新建一个数据库，或先清空其模式）',
    );
  }
  assertKnownMigrations(upTo);
  if (upTo.length === 0) return;
  const schema = target.config.kind === 'postgres' ? (target.config.schema ?? 'public') : null;
  const migrator = new Migrator({
    db: target.db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    ...(schema === null ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateTo(upTo[upTo.length - 1]!);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const message = error instanceof Error ? error.message : String(error);
    throw new StoreError('migration_failed', `migration ${failed} failed: ${message}`, `迁移 ${failed} 失败：${message}`, { migration: failed }, { cause: error });
  }
}

/** Rows of one table, batch by batch, with the source's column names. */
export interface TableSource {
  readonly table: string;
  readonly columns: readonly string[];
  batches(): AsyncIterable<unknown[][]>;
}

/**
 * Writes every table of `sources` into the target (prepared by prepareEmptyTarget) in one transaction, and
 * checks each table's count in the target before committing.
 * @throws StoreError `invalid_input` when a table or column of the source is unknown to the target (the two
 *   were migrated differently); the database's own error when a row is refused (nothing is then written).
 */
export async function writeAll(target: DatabaseHandle, sources: AsyncIterable<TableSource>, onTable?: (t: CopiedTable) => void): Promise<CopiedTable[]> {
  const tables = new Map((await dumpTables(target.db, target.dialect)).map((t) => [t.name, t]));
  const write = async (trx: Kysely<Database>): Promise<CopiedTable[]> => {
    // SQLite checks a foreign key at commit when deferred; PostgreSQL's keys are met by the order of tables and rows.
    if (target.dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    const copied: CopiedTable[] = [];
    for await (const source of sources) {
      const table = tables.get(source.table);
      const missing = table ? source.columns.filter((c) => !table.columns.some((t) => t.name === c)) : [];
      if (!table || missing.length > 0) {
        const what = table ? `columns ${missing.join(', ')} of ${source.table}` : `table ${source.table}`;
        throw new StoreError('invalid_input', `the target has no ${what}: source and target schemas differ`, `目标库中没有${what}：源库与目标库的结构不一致`);
      }
      const writer = new TableWriter(trx, table, source.columns);
      let rows = 0;
      for await (const batch of source.batches()) {
        await writer.write(batch);
        rows += batch.length;
      }
      await writer.flushPending();
      const there = await countRows(trx, source.table);
      if (there !== rows) {
        throw new StoreError('corrupt_row', `table ${source.table}: ${rows} rows read but ${there} in the target`, `表 ${source.table}：读出 ${rows} 行，目标库中却有 ${there} 行`);
      }
      const t = { table: source.table, rows };
      copied.push(t);
      onTable?.(t);
    }
    return copied;
  };
  if (target.dialect === 'postgres') return target.db.transaction().execute(write);
  return target.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const r = await write(conn);
      await sql`commit`.execute(conn);
      return r;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/** The tables of an open database as sources for writeAll, read from `db` (inside a snapshot). */
export function databaseSources(db: Kysely<Database>, tables: readonly DumpTable[]): AsyncIterable<TableSource> {
  return {
    [Symbol.asyncIterator]() {
      const list = tables.map((t): TableSource => ({ table: t.name, columns: t.columns.map((c) => c.name), batches: () => readTableRows(db, t) }));
      let i = 0;
      return { next: () => Promise.resolve(i < list.length ? { done: false as const, value: list[i++]! } : { done: true as const, value: undefined }) };
    },
  };
}

/**
 * Copies a whole database into an empty one of either kind: migrations first (the source's, exactly), then
 * every row, in one transaction of the target, from one snapshot of the source.
 * @throws as prepareEmptyTarget and writeAll.
 */
export async function copyDatabase(source: DatabaseHandle, target: DatabaseHandle, onTable?: (t: CopiedTable) => void): Promise<CopiedTable[]> {
  const applied = await appliedMigrations(source);
  await prepareEmptyTarget(target, applied);
  return inSnapshot(source, async (db) => writeAll(target, databaseSources(db, await dumpTables(db, source.dialect)), onTable));
}
