/*
 * The baseline of the ledger benchmark: the very rows the Luoshi run wrote, written again with plain
 * INSERT and UPDATE statements through the same driver, in the same commit pattern — one transaction per
 * operation: the item row and its event rows for a creation; the versioned item update and its event rows
 * for an action. What Luoshi does on top (resolving the actor and scope, deciding, the chain's MAC and head,
 * number sequences, checkpoints) is what the ratio measures.
 *
 * The rows are read from the Luoshi database in sequence order, outside the timed sections. The item row of
 * every operation is the item's row as Luoshi left it at the end of the chunk (same columns, same size),
 * with the version counting up.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Latencies } from './figures.js';

const ITEM_COLUMNS = [
  'tenant_id',
  'item_id',
  'ledger_type',
  'number',
  'title',
  'status',
  'stage_index',
  'priority',
  'owner_unit_id',
  'lead_unit_id',
  'parent_id',
  'original_deadline',
  'current_deadline',
  'progress',
  'version',
  'created_at',
  'updated_at',
  'closed_at',
  'data',
] as const;
const VERSION = ITEM_COLUMNS.indexOf('version');
const EVENT_COLUMNS = ['tenant_id', 'seq', 'item_id', 'type', 'actor_user_id', 'actor_unit_id', 'at', 'payload', 'prev_hash', 'hash'] as const;
const E_ITEM = EVENT_COLUMNS.indexOf('item_id');
const E_TYPE = EVENT_COLUMNS.indexOf('type');
const E_AT = EVENT_COLUMNS.indexOf('at');
const E_SEQ = EVENT_COLUMNS.indexOf('seq');

type Row = unknown[];

/** Where the Luoshi run's rows are read from. */
interface Source {
  /** The current rows of these items, by id. */
  items(ids: readonly string[]): Promise<Map<string, Row>>;
  /** Item events after `afterSeq`, in order, up to `limit`. */
  events(afterSeq: number, limit: number): Promise<Row[]>;
  close(): Promise<void>;
}

/** Where the baseline writes: one transaction per call. */
interface Sink {
  insert(item: Row, events: readonly Row[]): Promise<void>;
  update(item: Row, expectedVersion: number, events: readonly Row[]): Promise<void>;
  close(): Promise<void>;
}

export interface RawRun {
  readonly items: number;
  readonly actions: number;
  /** Time inside the write transactions only (reading the source is not counted). */
  readonly createMs: number;
  readonly actMs: number;
  readonly latencies: Latencies;
}

const placeholders = (n: number, pgStyle: boolean, from = 1) => Array.from({ length: n }, (_, i) => (pgStyle ? `$${i + from}` : '?')).join(', ');
const insertItemSql = (p: boolean) => `insert into items (${ITEM_COLUMNS.join(', ')}) values (${placeholders(ITEM_COLUMNS.length, p)})`;
const insertEventSql = (p: boolean) => `insert into events (${EVENT_COLUMNS.join(', ')}) values (${placeholders(EVENT_COLUMNS.length, p)})`;
function updateItemSql(p: boolean): string {
  const set = ITEM_COLUMNS.map((c, i) => `${c} = ${p ? `$${i + 1}` : '?'}`).join(', ');
  const n = ITEM_COLUMNS.length;
  return `update items set ${set} where tenant_id = ${p ? `$${n + 1}` : '?'} and item_id = ${p ? `$${n + 2}` : '?'} and version = ${p ? `$${n + 3}` : '?'}`;
}

function sqliteSource(file: string, tenantId: string): Source {
  const db = new BetterSqlite3(file, { readonly: true });
  const item = db.prepare(`select ${ITEM_COLUMNS.join(', ')} from items where tenant_id = ? and item_id = ?`).raw(true);
  const events = db.prepare(`select ${EVENT_COLUMNS.join(', ')} from events where tenant_id = ? and seq > ? and item_id is not null order by seq limit ?`).raw(true);
  return {
    items: (ids) => Promise.resolve(new Map(ids.map((id) => [id, item.get(tenantId, id) as Row]))),
    events: (after, limit) => Promise.resolve(events.all(tenantId, after, limit) as Row[]),
    close: () => Promise.resolve(void db.close()),
  };
}

function sqliteSink(file: string): Sink {
  const db = new BetterSqlite3(file);
  // The store's connection settings (src/store/db.ts); the file is already in WAL mode.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const insertItem = db.prepare(insertItemSql(false));
  const updateItem = db.prepare(updateItemSql(false));
  const insertEvent = db.prepare(insertEventSql(false));
  const tx = (write: () => void) => {
    begin.run();
    try {
      write();
      commit.run();
    } catch (err) {
      db.exec('rollback');
      throw err;
    }
  };
  return {
    insert: (item, events) =>
      Promise.resolve(
        tx(() => {
          insertItem.run(item);
          for (const e of events) insertEvent.run(e);
        }),
      ),
    update: (item, expected, events) =>
      Promise.resolve(
        tx(() => {
          const r = updateItem.run([...item, item[0], item[1], expected]);
          if (r.changes !== 1) throw new Error(`baseline: item ${String(item[1])} not at version ${expected}`);
          for (const e of events) insertEvent.run(e);
        }),
      ),
    close: () => Promise.resolve(void db.close()),
  };
}

function pgClient(url: string, schema: string): pg.Client {
  return new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
}

/** Columns read as text, as Luoshi's store writes them (no driver-side conversion in the timed part). */
const asText = (cols: readonly string[], json: readonly string[]) => cols.map((c) => (json.includes(c) ? `${c}::text as ${c}` : c)).join(', ');

async function pgSource(url: string, schema: string, tenantId: string): Promise<Source> {
  const c = pgClient(url, schema);
  await c.connect();
  const itemCols = asText(ITEM_COLUMNS, ['original_deadline', 'current_deadline', 'created_at', 'updated_at', 'closed_at', 'data']);
  const eventCols = asText(EVENT_COLUMNS, ['at']);
  return {
    async items(ids) {
      const r = await c.query<Row>({ text: `select ${itemCols} from items where tenant_id = $1 and item_id = any($2)`, values: [tenantId, ids], rowMode: 'array' });
      return new Map(r.rows.map((row) => [row[1] as string, row]));
    },
    async events(after, limit) {
      const r = await c.query<Row>({
        text: `select ${eventCols} from events where tenant_id = $1 and seq > $2 and item_id is not null order by seq limit $3`,
        values: [tenantId, after, limit],
        rowMode: 'array',
      });
      return r.rows;
    },
    close: () => c.end(),
  };
}

async function pgSink(url: string, schema: string): Promise<Sink> {
  const c = pgClient(url, schema);
  await c.connect();
  const [insertItem, updateItem, insertEvent] = [insertItemSql(true), updateItemSql(true), insertEventSql(true)];
  const tx = async (write: () => Promise<void>) => {
    await c.query('begin');
    try {
      await write();
      await c.query('commit');
    } catch (err) {
      await c.query('rollback');
      throw err;
    }
  };
  return {
    insert: (item, events) =>
      tx(async () => {
        await c.query(insertItem, item);
        for (const e of events) await c.query(insertEvent, e);
      }),
    update: (item, expected, events) =>
      tx(async () => {
        const r = await c.query(updateItem, [...item, item[0], item[1], expected]);
        if (r.rowCount !== 1) throw new Error(`baseline: item ${String(item[1])} not at version ${expected}`);
        for (const e of events) await c.query(insertEvent, e);
      }),
    close: () => c.end(),
  };
}

const BATCH = 2000;

/** Groups event rows into operations: consecutive events of one item at one instant. */
function operations(rows: readonly Row[]): Row[][] {
  const ops: Row[][] = [];
  for (const r of rows) {
    const last = ops.at(-1);
    const prev = last?.[0];
    if (last && prev && prev[E_ITEM] === r[E_ITEM] && String(prev[E_AT]) === String(r[E_AT])) last.push(r);
    else ops.push([r]);
  }
  return ops;
}

/**
 * Writes the baseline in step with the Luoshi run: after each chunk of Luoshi operations `catchUp` writes the
 * same operations again, so that both sides meet the same state of a shared machine (disk, other load).
 */
export class RawReplay {
  private readonly versions = new Map<string, number>();
  private after = 0;
  private run = { items: 0, actions: 0, createMs: 0, actMs: 0, latencies: new Latencies() };

  private constructor(
    private readonly source: Source,
    private readonly sink: Sink,
  ) {}

  /** SQLite: reads the Luoshi file, writes to `targetFile` (migrated and seeded alike). */
  static sqlite(sourceFile: string, targetFile: string, tenantId: string): RawReplay {
    return new RawReplay(sqliteSource(sourceFile, tenantId), sqliteSink(targetFile));
  }

  /** PostgreSQL: reads the Luoshi schema, writes to `targetSchema` (migrated and seeded alike). */
  static async postgres(url: string, sourceSchema: string, targetSchema: string, tenantId: string): Promise<RawReplay> {
    return new RawReplay(await pgSource(url, sourceSchema, tenantId), await pgSink(url, targetSchema));
  }

  /** Writes every operation Luoshi committed since the last call (the Luoshi side is idle meanwhile). */
  async catchUp(): Promise<void> {
    for (;;) {
      // A whole batch of operations (an operation's events are never split: each is at most a few events).
      const batch = await this.source.events(this.after, BATCH);
      if (batch.length === 0) return;
      const ops = operations(batch);
      if (batch.length === BATCH && ops.length > 1) ops.pop();
      const rows = await this.source.items([...new Set(ops.map((o) => o[0]![E_ITEM] as string))]);
      for (const events of ops) await this.write(events, rows);
      this.after = Number(ops.at(-1)!.at(-1)![E_SEQ]);
    }
  }

  private async write(events: readonly Row[], rows: ReadonlyMap<string, Row>): Promise<void> {
    const id = events[0]![E_ITEM] as string;
    const current = rows.get(id);
    if (!current) throw new Error(`baseline: no item row for ${id}`);
    const creating = events[0]![E_TYPE] === 'ItemCreated';
    const version = creating ? 1 : this.versions.get(id)! + 1;
    const row = [...current];
    row[VERSION] = version;
    const t = performance.now();
    if (creating) await this.sink.insert(row, events);
    else await this.sink.update(row, version - 1, events);
    const ms = performance.now() - t;
    this.versions.set(id, version);
    const r = this.run;
    r.latencies.add(creating ? 'CreateItem' : 'action', ms);
    if (creating) {
      r.createMs += ms;
      r.items++;
    } else {
      r.actMs += ms;
      r.actions++;
    }
  }

  /** What was written so far, with the time spent inside the write transactions only. */
  result(): RawRun {
    return { ...this.run };
  }

  async close(): Promise<void> {
    await this.sink.close();
    await this.source.close();
  }
}
