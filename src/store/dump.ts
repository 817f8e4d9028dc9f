import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './database.js';
import type { Dialect } from './db.js';

/*
 * A logical copy of the database, table by table, that either database can read and write: the rows of every
 * Luoshi table in portable values (instants as their ISO text, JSON as its text, integers as numbers), in an
 * order that satisfies the foreign keys. Backups of PostgreSQL, restores into either database and the copy from
 * SQLite to PostgreSQL all go through here. The tables are read from the database's own catalogue, so a table
 * added by a later migration is carried without a change here.
 */

/** A column, with how its values travel. Generated columns are left out: the target computes its own. */
export interface DumpColumn {
  readonly name: string;
  readonly kind: 'text' | 'int' | 'real' | 'instant' | 'date' | 'json' | 'other';
}

interface ForeignKey {
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

/** A table as the dump sees it. */
export interface DumpTable {
  readonly name: string;
  readonly columns: readonly DumpColumn[];
  readonly primaryKey: readonly string[];
  /** A foreign key to the table itself (a unit's parent, an item's parent): rows wait for the row they name. */
  readonly selfKey: ForeignKey | null;
  readonly foreignKeys: readonly ForeignKey[];
}

/** Tables that belong to the migrator, not to the data. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock']);

function pgKind(dataType: string): DumpColumn['kind'] {
  switch (dataType) {
    case 'text':
    case 'character varying':
      return 'text';
    case 'integer':
    case 'bigint':
    case 'smallint':
      return 'int';
    case 'double precision':
    case 'real':
    case 'numeric':
      return 'real';
    case 'timestamp with time zone':
      return 'instant';
    case 'date':
      return 'date';
    case 'jsonb':
    case 'json':
      return 'json';
    default:
      return 'other';
  }
}

function sqliteKind(declared: string): DumpColumn['kind'] {
  const t = declared.toLowerCase();
  if (t === 'integer') return 'int';
  if (t === 'real') return 'real';
  return 'text';
}

async function sqliteTables(db: Kysely<Database>): Promise<DumpTable[]> {
  const names = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows.map((r) => r.name);
  const tables: DumpTable[] = [];
  for (const name of names.filter((n) => !BOOKKEEPING.has(n))) {
    const cols = (await sql<{ name: string; type: string; pk: number }>`select name, type, pk from pragma_table_info(${name}) order by cid`.execute(db)).rows;
    const fks = (
      await sql<{
        id: number;
        seq: number;
        table: string;
        from: string;
        to: string;
      }>`select id, seq, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`.execute(db)
    ).rows;
    const byId = new Map<number, { columns: string[]; refTable: string; refColumns: string[] }>();
    for (const f of fks) {
      const k = byId.get(f.id) ?? { columns: [], refTable: f.table, refColumns: [] };
      k.columns.push(f.from);
      k.refColumns.push(f.to);
      byId.set(f.id, k);
    }
    tables.push(
      finish(
        name,
        cols.map((c) => ({ name: c.name, kind: sqliteKind(c.type) })),
        cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        [...byId.values()],
      ),
    );
  }
  return tables;
}

async function pgTables(db: Kysely<Database>): Promise<DumpTable[]> {
  const cols = (
    await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and is_generated = 'NEVER' order by table_name, ordinal_position`.execute(db)
  ).rows;
  const cons = (
    await sql<{ table_name: string; contype: string; cols: string[]; ref_table: string | null; ref_cols: string[] | null }>`
      select cl.relname as table_name, c.contype::text as contype,
        array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
        rf.relname::text as ref_table,
        case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) end as ref_cols
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_namespace ns on ns.oid = cl.relnamespace
      left join pg_class rf on rf.oid = c.confrelid
      where ns.nspname = current_schema() and c.contype in ('p', 'f')
      order by cl.relname, c.conname`.execute(db)
  ).rows;
  const names = [...new Set(cols.map((c) => c.table_name))].filter((n) => !BOOKKEEPING.has(n)).sort();
  return names.map((name) =>
    finish(
      name,
      cols.filter((c) => c.table_name === name).map((c) => ({ name: c.column_name, kind: pgKind(c.data_type) })),
      cons.find((c) => c.table_name === name && c.contype === 'p')?.cols ?? [],
      cons.filter((c) => c.table_name === name && c.contype === 'f').map((c) => ({ columns: c.cols, refTable: c.ref_table!, refColumns: c.ref_cols! })),
    ),
  );
}

function finish(name: string, columns: DumpColumn[], primaryKey: string[], foreignKeys: ForeignKey[]): DumpTable {
  const selfKey = foreignKeys.find((f) => f.refTable === name) ?? null;
  return { name, columns, primaryKey, selfKey, foreignKeys: foreignKeys.filter((f) => f.refTable !== name) };
}

/** Orders tables so that each comes after the tables its foreign keys name. */
function byDependencies(tables: DumpTable[]): DumpTable[] {
  const left = new Map(tables.map((t) => [t.name, t]));
  const out: DumpTable[] = [];
  while (left.size > 0) {
    const ready = [...left.values()].filter((t) => t.foreignKeys.every((f) => !left.has(f.refTable)));
    // A cycle between tables (none today) would stall: take the rest as they are rather than loop forever.
    const next = ready.length > 0 ? ready : [...left.values()];
    for (const t of next) {
      out.push(t);
      left.delete(t.name);
    }
  }
  return out;
}

/** The Luoshi tables of the database (of its current schema on PostgreSQL), parents before children. */
export async function dumpTables(db: Kysely<Database>, dialect: Dialect): Promise<DumpTable[]> {
  return byDependencies(dialect === 'postgres' ? await pgTables(db) : await sqliteTables(db));
}

/** One value in its portable form. */
function portable(kind: DumpColumn['kind'], v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (kind === 'int' && typeof v === 'string') return Number(v);
  if (kind === 'real' && typeof v === 'string') return Number(v);
  if (kind === 'json' && typeof v !== 'string') return JSON.stringify(v);
  if (Buffer.isBuffer(v)) return { $base64: v.toString('base64') };
  return v;
}

const BATCH = 2000;

/**
 * Reads a table's rows as arrays of portable values, in primary-key order, a batch at a time (keyset
 * pagination, so a large table is never held whole). Run it inside one snapshot (a REPEATABLE READ
 * transaction on PostgreSQL, a read transaction on SQLite) to read a consistent database.
 */
export async function* readTableRows(db: Kysely<Database>, table: DumpTable): AsyncGenerator<unknown[][]> {
  const cols = sql.join(table.columns.map((c) => sql.ref(c.name)));
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name);
  const keyIdx = key.map((k) => table.columns.findIndex((c) => c.name === k));
  const keyRefs = sql.join(key.map((k) => sql.ref(k)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after === null ? sql`` : sql`where (${keyRefs}) > (${sql.join(after)})`;
    const rows: Record<string, unknown>[] = (
      await sql<Record<string, unknown>>`select ${cols} from ${sql.table(table.name)} ${where} order by ${keyRefs} limit ${BATCH}`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    const raw: unknown[][] = rows.map((r) => table.columns.map((c) => r[c.name]));
    after = keyIdx.map((i) => raw[raw.length - 1]![i]);
    yield raw.map((r) => r.map((v, i) => portable(table.columns[i]!.kind, v)));
    if (rows.length < BATCH) return;
  }
}

/** Counts a table's rows (for the manifest and the checks after a restore or a copy). */
export async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]!.n);
}

function fromPortable(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && '$base64' in v) return Buffer.from(String((v as { $base64: string }).$base64), 'base64');
  return v;
}

/**
 * Writes rows of one table, given in the column order of `columns` (the source's), into the target. Rows whose
 * parent (self foreign key) has not been written yet wait in `pending` until it has: call `flushPending` after
 * the table's last batch.
 */
export class TableWriter {
  private readonly written = new Set<string>();
  private readonly waiting = new Map<string, unknown[][]>();
  private readonly selfCols: number[] = [];
  private readonly refCols: number[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: DumpTable,
    private readonly columns: readonly string[],
  ) {
    if (table.selfKey) {
      this.selfCols = table.selfKey.columns.map((c) => columns.indexOf(c));
      this.refCols = table.selfKey.refColumns.map((c) => columns.indexOf(c));
    }
  }

  /** Writes a batch (those rows whose parent is written already, and then the rows that waited for them). */
  async write(rows: readonly unknown[][]): Promise<void> {
    if (!this.table.selfKey) return this.insert(rows);
    let ready: unknown[][] = [];
    for (const r of rows) {
      const parent = this.selfCols.map((i) => r[i]);
      if (parent.some((v) => v === null) || this.written.has(JSON.stringify(parent))) ready.push(r);
      else {
        const k = JSON.stringify(parent);
        const list = this.waiting.get(k) ?? [];
        list.push(r);
        this.waiting.set(k, list);
      }
    }
    while (ready.length > 0) {
      await this.insert(ready);
      const next: unknown[][] = [];
      for (const r of ready) {
        const id = JSON.stringify(this.refCols.map((i) => r[i]));
        this.written.add(id);
        const children = this.waiting.get(id);
        if (children) {
          next.push(...children);
          this.waiting.delete(id);
        }
      }
      ready = next;
    }
  }

  /** Rows still waiting for a parent that never came: written as they are, so the database names the fault. */
  async flushPending(): Promise<void> {
    const rest = [...this.waiting.values()].flat();
    this.waiting.clear();
    if (rest.length > 0) await this.insert(rest);
  }

  private async insert(rows: readonly unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    // Both databases bound the parameters of one statement (SQLite 32,766, PostgreSQL 65,535).
    const per = Math.max(1, Math.floor(30_000 / this.columns.length));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const values = sql.join(chunk.map((r) => sql`(${sql.join(r.map(fromPortable))})`));
      await sql`insert into ${sql.table(this.table.name)} (${sql.join(this.columns.map((c) => sql.ref(c)))}) values ${values}`.execute(this.db);
    }
  }
}
