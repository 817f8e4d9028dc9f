import { CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import type { Instant, ItemId, TenantId, UnitId, UserId } from '../domain/ids.js';
import { canonicalJson, eventBodyOf } from './canonical.js';
import { readInt, writeInstant } from './convert.js';
import type { CryptoProvider, DigestAlgorithm } from './crypto/provider.js';
import type { Database } from './database.js';
import { mapWriteError } from './db-errors.js';
import { PREPARED, preparedStatement, type Dialect } from './db.js';
import { StoreError } from './errors.js';

/** The MAC of the chain: HMAC-SM3 by default, HMAC-SHA-256 by option. */
export type ChainAlgorithm = 'hmac-sm3' | 'hmac-sha256';
export const CHAIN_ALGORITHMS: readonly ChainAlgorithm[] = ['hmac-sm3', 'hmac-sha256'];

/** `prev` of a tenant's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain key: computes the MAC of an event body. The secret stays inside. */
export interface ChainKey {
  readonly algorithm: ChainAlgorithm;
  macHex(body: string): string;
}

const DIGEST: Record<ChainAlgorithm, DigestAlgorithm> = { 'hmac-sm3': 'sm3', 'hmac-sha256': 'sha256' };

/** Prepares the chain key from its secret bytes (the content of chain.key, or a key the caller holds). */
export function createChainKey(crypto: CryptoProvider, algorithm: ChainAlgorithm, secret: Uint8Array): ChainKey {
  const mac = crypto.macKey(DIGEST[algorithm], secret);
  return { algorithm, macHex: (body) => mac.macHex(body) };
}

/** An event to append. Its payload must be plain JSON; personal fields must already be sealed. */
export interface NewEvent {
  readonly itemId: ItemId | null;
  /** Past tense, e.g. `ItemAssigned`. */
  readonly type: string;
  readonly actorUserId: UserId | null;
  readonly actorUnitId: UnitId | null;
  readonly at: Instant;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** An event as recorded: its place in the tenant's chain and its MAC. */
export interface StoredEvent extends NewEvent {
  readonly tenantId: TenantId;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** What appendEvents needs besides the transaction: the key, and the dialect (for the row lock). */
export interface ChainWriter {
  readonly key: ChainKey;
  readonly dialect: Dialect;
}

/** Rows per INSERT: 10 columns each stays far below both databases' parameter limits. */
const INSERT_CHUNK = 1000;

export interface Head {
  readonly seq: number;
  readonly hash: string;
}

interface HeadRow {
  readonly algorithm: string;
  readonly head_seq: number | string;
  readonly head_hash: string;
}

// PostgreSQL: the row lock makes concurrent writers of one tenant queue here, so the chain never forks.
// SQLite: BEGIN IMMEDIATE already made this transaction the only writer.
const SELECT_HEAD: Record<Dialect, (tenantId: TenantId) => RawBuilder<HeadRow>> = {
  sqlite: preparedStatement<HeadRow>('select algorithm, head_seq, head_hash from chain_heads where tenant_id = ?'),
  postgres: preparedStatement<HeadRow>('select algorithm, head_seq, head_hash from chain_heads where tenant_id = ? for update'),
};
const insertHead = preparedStatement('insert into chain_heads (tenant_id, algorithm, head_seq, head_hash, updated_at) values (?, ?, 0, ?, ?) on conflict (tenant_id) do nothing');
const moveHead = preparedStatement('update chain_heads set head_seq = ?, head_hash = ?, updated_at = ? where tenant_id = ? and head_seq = ?');

async function lockHead(trx: Kysely<Database>, chain: ChainWriter, tenantId: TenantId, at: string): Promise<Head> {
  const select = async () => (await SELECT_HEAD[chain.dialect](tenantId).execute(trx)).rows[0];
  let row = await select();
  if (!row) {
    try {
      await insertHead(tenantId, chain.key.algorithm, GENESIS_HASH, at).execute(trx);
    } catch (err) {
      throw mapWriteError(err, `the event chain of tenant ${tenantId}`);
    }
    row = await select();
  }
  if (!row) throw new StoreError('chain_conflict', 'the chain head vanished while appending', '追加事件时链头丢失');
  if (row.algorithm !== chain.key.algorithm) {
    throw new StoreError(
      'chain_algorithm_mismatch',
      `the event chain of tenant ${tenantId} uses ${row.algorithm}, but ${chain.key.algorithm} is configured`,
      `租户 ${tenantId} 的事件链使用 ${row.algorithm}，但配置的是 ${chain.key.algorithm}`,
      { tenantId, stored: row.algorithm, configured: chain.key.algorithm },
    );
  }
  return { seq: readInt(row.head_seq), hash: row.head_hash };
}

function validate(e: NewEvent, index: number): { at: string; payload: string } {
  if (typeof e.type !== 'string' || e.type.length === 0) {
    throw new StoreError('invalid_input', `event ${index}: type is required`, `第 ${index} 个事件缺少类型`);
  }
  if (e.payload === null || typeof e.payload !== 'object' || Array.isArray(e.payload)) {
    throw new StoreError('invalid_input', `event ${index}: payload must be a JSON object`, `第 ${index} 个事件的内容必须是 JSON 对象`);
  }
  return { at: writeInstant(e.at, `events[${index}].at`), payload: canonicalJson(e.payload) };
}

const headMoved = (tenantId: TenantId): StoreError =>
  new StoreError('chain_conflict', `the chain head of tenant ${tenantId} moved during the append`, `租户 ${tenantId} 的链头在追加期间被改动`);

/** An event ready to insert: its row values in EVENT_VALUES order, and the event as returned. */
interface Linked {
  readonly values: readonly unknown[];
  readonly stored: StoredEvent[];
}

/** The events linked onto `head`: each MACs its canonical JSON together with the previous hash. */
function link(chain: ChainWriter, tenantId: TenantId, events: readonly NewEvent[], checked: readonly { at: string; payload: string }[], head: Head): Linked {
  const stored: StoredEvent[] = [];
  const values: unknown[] = [];
  const tenantJson = JSON.stringify(tenantId);
  let prevHash = head.hash;
  let seq = head.seq;
  events.forEach((e, i) => {
    const { at, payload } = checked[i]!;
    seq += 1;
    const hash = chain.key.macHex(eventBodyOf(seq, tenantJson, e.itemId, e.type, e.actorUserId, e.actorUnitId, at, payload, prevHash));
    stored.push({ ...e, tenantId, seq, at, prevHash, hash });
    values.push(seq, e.itemId, e.type, e.actorUserId, e.actorUnitId, at, payload, prevHash, hash);
    prevHash = hash;
  });
  return { values, stored };
}

/** Columns of an event row after tenant_id, with their PostgreSQL types (a VALUES list does not infer them). */
const EVENT_VALUES = [
  ['seq', 'int8'],
  ['item_id', 'text'],
  ['type', 'text'],
  ['actor_user_id', 'text'],
  ['actor_unit_id', 'text'],
  ['at', 'timestamptz'],
  ['payload', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
] as const;

/**
 * PostgreSQL: the CTE `appended` of a statement that inserts `rows` events, one row per row of `from` (the CTE
 * that moved the head: none when it did not), their values as parameters from $`first` on (EVENT_VALUES order).
 */
export function appendedSql(from: string, rows: number, first: number): string {
  const tuple = (r: number) => `(${EVENT_VALUES.map(([, type], c) => `$${first + r * EVENT_VALUES.length + c}::${type}`).join(', ')})`;
  const columns = EVENT_VALUES.map(([name]) => name).join(', ');
  return (
    `appended as (insert into events (tenant_id, ${columns}) ` +
    `select ${from}.tenant_id, e.* from ${from} cross join (values ${Array.from({ length: rows }, (_, r) => tuple(r)).join(', ')}) as e (${columns}) ` +
    `returning seq)`
  );
}

/** Statements that move the head by a few events are prepared (see PREPARED); longer ones run unnamed. */
export const PREPARED_UP_TO = 8;
const moveSql = new Map<string, string>();

/**
 * PostgreSQL: one statement that moves the head from `from` to the last event if, and only if, the head is
 * still at `from` (the UPDATE takes the head's row lock, and re-checks its condition against a concurrent
 * writer's commit before it applies), inserts the events only when it did, and answers `ask` (a boolean SQL
 * expression over $1, the tenant). Parameters: $1 tenant, $2 algorithm, $3 and $4 the head expected, $5 to
 * $7 the new head, then the events' values.
 */
function moveHeadSql(rows: number, ask: string | undefined): string {
  const key = `${rows}|${ask ?? ''}`;
  let text = moveSql.get(key);
  if (text) return text;
  text =
    `${rows <= PREPARED_UP_TO ? PREPARED : ''} with moved as (` +
    `update chain_heads set head_seq = $5, head_hash = $6, updated_at = $7 ` +
    `where tenant_id = $1 and algorithm = $2 and head_seq = $3 and head_hash = $4 returning tenant_id), ` +
    `${appendedSql('moved', rows, 8)} ` +
    `select (select count(*) from appended)::int4 as appended${ask ? `, ${ask} as answer` : ''}`;
  if (rows <= PREPARED_UP_TO) moveSql.set(key, text);
  return text;
}

/**
 * The head each store last moved per tenant: the guess a PostgreSQL writer links its events onto before it
 * holds any lock. A wrong guess (another node, another store, a rolled back transaction) only costs a retry:
 * the statement that moves the head checks it under the row lock.
 */
const lastHeads = new WeakMap<ChainWriter, Map<TenantId, Head>>();

/**
 * PostgreSQL: the events linked onto the head this store last moved for the tenant, for a statement that moves
 * the head only from there (see changeItemAtOnce); undefined when this store has no guess for the tenant.
 * @throws StoreError `invalid_input` as appendToChain.
 */
export function linkOntoGuess(chain: ChainWriter, tenantId: TenantId, events: readonly NewEvent[]): (Linked & { head: Head }) | undefined {
  const head = lastHeads.get(chain)?.get(tenantId);
  if (!head || events.length === 0) return undefined;
  return { head, ...link(chain, tenantId, events, events.map(validate), head) };
}

/** Records the head a statement linked by linkOntoGuess moved to (`last`), or drops the guess (null) when it
 * found the head elsewhere, so that the next append learns it anew. */
export function noteGuess(chain: ChainWriter, tenantId: TenantId, last: StoredEvent | null): void {
  let heads = lastHeads.get(chain);
  if (!heads) lastHeads.set(chain, (heads = new Map()));
  if (last) heads.set(tenantId, { seq: last.seq, hash: last.hash });
  else heads.delete(tenantId);
}

/** What appendToChain did: the stored events, and the answer to `ask` when it was asked (PostgreSQL only). */
export interface AppendResult {
  readonly events: StoredEvent[];
  readonly answer: boolean | undefined;
}

/**
 * PostgreSQL, up to INSERT_CHUNK events: links the events onto the head guessed from this store's last append
 * and moves the head in one statement; when the head was elsewhere, takes it under the row lock (SELECT … FOR
 * UPDATE) and moves it from there. Either way the head moves only from the head the events were linked onto,
 * under its row lock, so concurrent writers never fork the chain.
 */
async function appendOnPostgres(
  trx: Kysely<Database>,
  chain: ChainWriter,
  tenantId: TenantId,
  events: readonly NewEvent[],
  checked: readonly { at: string; payload: string }[],
  ask: string | undefined,
): Promise<AppendResult> {
  let heads = lastHeads.get(chain);
  if (!heads) lastHeads.set(chain, (heads = new Map()));
  const move = async (head: Head): Promise<AppendResult | null> => {
    const { values, stored } = link(chain, tenantId, events, checked, head);
    const last = stored[stored.length - 1]!;
    const params = [tenantId, chain.key.algorithm, head.seq, head.hash, last.seq, last.hash, last.at, ...values];
    let result;
    try {
      result = await trx.executeQuery<{ appended: number; answer?: boolean }>(CompiledQuery.raw(moveHeadSql(events.length, ask), params));
    } catch (err) {
      throw mapWriteError(err, `the event chain of tenant ${tenantId}`);
    }
    const row = result.rows[0];
    if (!row || row.appended === 0) return null;
    if (row.appended !== events.length) throw headMoved(tenantId);
    heads.set(tenantId, { seq: last.seq, hash: last.hash });
    return { events: stored, answer: row.answer };
  };
  const guess = heads.get(tenantId);
  const guessed = guess ? await move(guess) : null;
  if (guessed) return guessed;
  const locked = await move(await lockHead(trx, chain, tenantId, checked[0]!.at));
  if (!locked) throw headMoved(tenantId);
  return locked;
}

/**
 * Appends events to a tenant's chain inside the caller's transaction: takes the chain head (under a row
 * lock on PostgreSQL), gives each event the next sequence number, MACs its canonical JSON together with the
 * previous hash, inserts the rows and moves the head. Call it after the projection writes of the
 * transaction, so the head lock is held briefly and always taken last (a fixed lock order: items, then head).
 * @param ask PostgreSQL: a boolean SQL expression over $1 (the tenant id) answered by the statement that
 *   moves the head, so that a caller learns it without a query of its own (the webhook outbox asks whether
 *   the tenant has live webhooks). Not asked on SQLite, where a query costs no round trip.
 * @returns the stored events, in order, and the answer to `ask` (undefined when not asked).
 * @throws StoreError `transaction_required` outside a transaction; `invalid_input` for an event without a
 *   type, a bad instant or a payload that is not plain JSON; `chain_algorithm_mismatch` when the tenant's chain
 *   uses another algorithm; `reference_not_found` for an unknown tenant.
 */
export async function appendToChain(trx: Kysely<Database>, chain: ChainWriter, tenantId: TenantId, events: readonly NewEvent[], ask?: string): Promise<AppendResult> {
  if (!trx.isTransaction) {
    throw new StoreError('transaction_required', 'events are appended inside a transaction only', '事件只能在事务中追加');
  }
  if (events.length === 0) return { events: [], answer: undefined };
  const checked = events.map(validate);
  if (chain.dialect === 'postgres' && events.length <= INSERT_CHUNK) return appendOnPostgres(trx, chain, tenantId, events, checked, ask);
  const head = await lockHead(trx, chain, tenantId, checked[0]!.at);
  const { values, stored } = link(chain, tenantId, events, checked, head);
  try {
    if (stored.length <= PREPARED_UP_TO) await insertEvents(stored.length)(...rowParams(tenantId, values)).execute(trx);
    else {
      const rows = stored.map((e, i) => ({
        tenant_id: tenantId,
        seq: e.seq,
        item_id: e.itemId,
        type: e.type,
        actor_user_id: e.actorUserId,
        actor_unit_id: e.actorUnitId,
        at: e.at,
        payload: checked[i]!.payload,
        prev_hash: e.prevHash,
        hash: e.hash,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('events')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    }
  } catch (err) {
    throw mapWriteError(err, `the event chain of tenant ${tenantId}`);
  }
  const last = stored[stored.length - 1]!;
  const moved = await moveHead(last.seq, last.hash, last.at, tenantId, head.seq).execute(trx);
  if (moved.numAffectedRows !== 1n) throw headMoved(tenantId);
  return { events: stored, answer: undefined };
}

/** Event rows' values (EVENT_VALUES order) with the tenant in front of each row, as insertEvents lists them. */
function rowParams(tenantId: TenantId, values: readonly unknown[]): unknown[] {
  const width = EVENT_VALUES.length;
  const params: unknown[] = [];
  for (let i = 0; i < values.length; i += width) params.push(tenantId, ...values.slice(i, i + width));
  return params;
}

/** The INSERT of `rows` events (one action's few), prepared once per row count. */
const insertSql = new Map<number, (...params: readonly unknown[]) => RawBuilder<unknown>>();
function insertEvents(rows: number): (...params: readonly unknown[]) => RawBuilder<unknown> {
  let statement = insertSql.get(rows);
  if (!statement) {
    const tuple = `(?, ${EVENT_VALUES.map(() => '?').join(', ')})`;
    const columns = EVENT_VALUES.map(([name]) => name).join(', ');
    statement = preparedStatement(`insert into events (tenant_id, ${columns}) values ${Array<string>(rows).fill(tuple).join(', ')}`);
    insertSql.set(rows, statement);
  }
  return statement;
}

/** appendToChain without a question: the stored events, in order. */
export async function appendEvents(trx: Kysely<Database>, chain: ChainWriter, tenantId: TenantId, events: readonly NewEvent[]): Promise<StoredEvent[]> {
  return (await appendToChain(trx, chain, tenantId, events)).events;
}
