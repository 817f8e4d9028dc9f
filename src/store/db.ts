import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql } from 'kysely';
import type { DatabaseConnection, Driver, RawBuilder, SqliteDatabase, SqliteDialectConfig, SqliteStatement } from 'kysely';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { Database } from './database.js';
import { StoreError } from './errors.js';

/**
 * The pg driver, loaded on first use (it is CommonJS, so synchronously): a process that only ever opens SQLite
 * files, as most CLI commands do, never pays for importing it.
 */
export const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

/** Where the data lives: a SQLite file (`:memory:` for tests) or a PostgreSQL database by URL. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Schema to use (created by migrate if missing); `public` when absent. */
      readonly schema?: string;
      readonly poolSize?: number;
    };

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely instance everything else takes, its dialect, and how to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly config: DatabaseConfig;
  close(): Promise<void>;
}

/**
 * On SQLite every write transaction starts with BEGIN IMMEDIATE: it takes the write lock up front, so two
 * processes on one file queue on busy_timeout instead of failing when a reader tries to become a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class LuoshiSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * A query whose SQL starts with this comment returns its rows as arrays, in select-list order (better-sqlite3
 * raw mode; pg rowMode 'array'): cheaper to build than objects, which matters to the chain verifier reading
 * every event.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */';

/**
 * Kysely prepares every query afresh; preparing costs more than running a small statement. Statements are
 * cached by SQL text. Safe because Kysely runs one query at a time on the single SQLite connection and
 * never leaves an iterator open across queries.
 */
function cachingDatabase(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (!stmt) {
        const prepared = raw.prepare(text);
        if (text.startsWith(ROWS_AS_ARRAYS)) prepared.raw(true);
        stmt = prepared;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/**
 * The database, its WAL and shared-memory files hold the city's records: readable by the server's own user only.
 * A new file is created 0600 before SQLite opens it (SQLite gives the -wal and -shm files the mode of the
 * database); files left wider by an older version are narrowed.
 */
function restrictSqliteFiles(file: string): void {
  if (file === ':memory:' || file === '') return;
  try {
    closeSync(openSync(file, 'a', 0o600));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
  } catch {
    // A read-only place or a file of another user: opening it reports what is wrong.
  }
}

function openSqliteFile(file: string): BetterSqlite3.Database {
  let raw: BetterSqlite3.Database;
  try {
    restrictSqliteFiles(file);
    raw = new BetterSqlite3(file);
  } catch (cause) {
    throw new StoreError(
      'database_unavailable',
      `cannot open the database file ${file}: ${(cause as Error).message}`,
      `无法打开数据库文件 ${file}：${(cause as Error).message}`,
      { file },
      { cause },
    );
  }
  // Connection settings only: nothing here writes to the file, so a file that turns out not to be ours is
  // left untouched. WAL (which is recorded in the file) is switched on after the schema check.
  try {
    raw.pragma('busy_timeout = 5000');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = FULL');
    // Freed pages are zeroed: a destroyed case key must not linger in the file.
    raw.pragma('secure_delete = ON');
    // A 64 MiB page cache and temp tables in memory: an item page touches items, events and users rows
    // spread over a large file, and the default 2 MiB cache sends most of those reads back to the OS.
    raw.pragma('cache_size = -65536');
    raw.pragma('temp_store = MEMORY');
  } catch (cause) {
    raw.close();
    if ((cause as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreError('not_luoshi_database', `not a Luoshi database: ${file} is not a SQLite database`, `不是落实数据库：${file} 不是 SQLite 数据库`, { file }, { cause });
    }
    throw cause;
  }
  return raw;
}

/**
 * A query whose SQL starts with this comment runs as a named prepared statement on PostgreSQL: parsed and
 * planned once per connection instead of on every call. For the few hand-written statements every action
 * runs (loading and updating an item, moving the chain head): their text is fixed, so the names stay few.
 * SQLite needs no marker: every statement is cached by its text (cachingDatabase above).
 */
export const PREPARED = '/* prepared */';

/** Names of the prepared statements by SQL text; past this many texts, a marked query runs unnamed. */
const statementNames = new Map<string, string>();
const MAX_PREPARED = 64;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) statementNames.set(text, (name = `luoshi_${statementNames.size + 1}`));
  return name;
}

/**
 * A hand-written statement with `?` for its parameters, as a function from the parameters to a Kysely raw
 * query: compiled into the dialect's placeholders by joining its fragments (no query tree is built) and run
 * through the plugins like any query. Marked PREPARED, so PostgreSQL plans it once per connection. For
 * statements on the hot path only; the text must not contain `?` otherwise.
 */
export function preparedStatement<R>(text: string): (...params: readonly unknown[]) => RawBuilder<R> {
  const parts = `${PREPARED} ${text}`.split('?');
  const fragments = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
  return (...params) => sql<R>(fragments, ...params);
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

// A lone surrogate cannot be encoded as UTF-8 either: refused alike, rather than replaced without a word.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const holdsNul = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\u0000') || LONE_SURROGATE.test(v) : Array.isArray(v) && v.some(holdsNul));

/**
 * PostgreSQL text cannot hold the NUL character: a value with one would fail inside the server as an encoding
 * error, which no caller can tell from a fault. It is refused here, before it is sent, as the bad input it is
 * (a filter or field typed by a person or a client), on every query alike.
 */
function refuseNul(values: unknown): void {
  if (Array.isArray(values) && values.some(holdsNul)) {
    throw new StoreError('invalid_input', 'text may not contain the NUL character (U+0000) or a lone surrogate', '文本中不能含有空字符(U+0000)或不成对的代理项');
  }
}

/**
 * Kysely hands pg the SQL text and the values; the markers at the start of the text ask for more: a named
 * prepared statement (PREPARED) or rows as arrays (ROWS_AS_ARRAYS, as on SQLite).
 */
function honourMarkers(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  const marked: QueryFn = (config, values, callback) => {
    refuseNul(values);
    if (typeof config === 'string' && config.startsWith('/* ')) {
      if (config.startsWith(PREPARED)) {
        const name = statementName(config);
        if (name !== undefined) return query({ name, text: config, values }, undefined, callback);
      } else if (config.startsWith(ROWS_AS_ARRAYS)) {
        return query({ text: config, values, rowMode: 'array' }, undefined, callback);
      }
    }
    return query(config, values, callback);
  };
  client.query = marked as typeof client.query;
}

const DATE_OID = 1082;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function createPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Kysely<Database> {
  const schema = config.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError('invalid_input', `invalid PostgreSQL schema name: ${schema}`, `PostgreSQL 模式名无效：${schema}`);
  }
  const { types, Pool } = loadPg();
  // A `date` must stay the calendar date it is; pg would turn it into a JS Date at local midnight.
  const getTypeParser = ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (v: string) => v : types.getTypeParser(oid, format))) as typeof types.getTypeParser;
  const pool = new Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    options: `-c search_path=${schema}`,
    types: { getTypeParser },
  });
  pool.on('connect', honourMarkers);
  // An idle client losing its server emits 'error' on the pool; without a listener that kills the process.
  // The pool drops the client and the next query reports the problem.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the database named by the config. SQLite gets busy_timeout, foreign keys, synchronous=FULL and
 * secure_delete; call `enableWal` once the schema check has passed. PostgreSQL gets a pool whose sessions
 * use the configured schema.
 * @throws StoreError `database_unavailable` when a SQLite file cannot be opened, `not_luoshi_database` when
 *   it is not SQLite at all, `invalid_input` for a bad schema name. PostgreSQL connection problems surface on the first query.
 */
export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === 'sqlite') {
    const raw = openSqliteFile(config.file);
    const db = new Kysely<Database>({ dialect: new LuoshiSqliteDialect({ database: cachingDatabase(raw) }) });
    return { db, dialect: 'sqlite', config, close: () => db.destroy() };
  }
  const db = createPostgres(config);
  return { db, dialect: 'postgres', config, close: () => db.destroy() };
}

/** The dialect of a Kysely instance made by createDatabase (or one of its transactions). */
export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Switches a SQLite file to write-ahead logging (recorded in the file); no-op for memory and PostgreSQL. */
export async function enableWal(handle: DatabaseHandle): Promise<void> {
  if (handle.config.kind !== 'sqlite' || handle.config.file === ':memory:' || handle.config.file === '') return;
  await sql`pragma journal_mode = wal`.execute(handle.db);
}
