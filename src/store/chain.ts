import type { Kysely } from 'kysely';
import type { Instant, ItemId, TenantId, UnitId, UserId } from '../domain/ids.js';
import { canonicalJson, eventBody } from './canonical.js';
import { readInt, writeInstant } from './convert.js';
import type { CryptoProvider, DigestAlgorithm } from './crypto/provider.js';
import type { Database } from './database.js';
import { mapWriteError } from './db-errors.js';
import type { Dialect } from './db.js';
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

interface Head {
  readonly seq: number;
  readonly hash: string;
}

async function lockHead(trx: Kysely<Database>, chain: ChainWriter, tenantId: TenantId, at: string): Promise<Head> {
  const select = () =>
    trx
      .selectFrom('chain_heads')
      .select(['algorithm', 'head_seq', 'head_hash'])
      .where('tenant_id', '=', tenantId)
      // PostgreSQL: the row lock makes concurrent writers of one tenant queue here, so the chain never forks.
      // SQLite: BEGIN IMMEDIATE already made this transaction the only writer.
      .$if(chain.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  let row = await select();
  if (!row) {
    try {
      await trx
        .insertInto('chain_heads')
        .values({ tenant_id: tenantId, algorithm: chain.key.algorithm, head_seq: 0, head_hash: GENESIS_HASH, updated_at: at })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .execute();
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

/**
 * Appends events to a tenant's chain inside the caller's transaction: takes the chain head (under a row
 * lock on PostgreSQL), gives each event the next sequence number, MACs its canonical JSON together with the
 * previous hash, inserts the rows and moves the head. Call it after the projection writes of the
 * transaction, so the head lock is held briefly and always taken last (a fixed lock order: items, then head).
 * @returns the stored events, in order.
 * @throws StoreError `transaction_required` outside a transaction; `invalid_input` for an event without a
 *   type, a bad instant or a payload that is not plain JSON; `chain_algorithm_mismatch` when the tenant's chain
 *   uses another algorithm; `reference_not_found` for an unknown tenant.
 */
export async function appendEvents(
  trx: Kysely<Database>,
  chain: ChainWriter,
  tenantId: TenantId,
  events: readonly NewEvent[],
): Promise<StoredEvent[]> {
  if (!trx.isTransaction) {
    throw new StoreError('transaction_required', 'events are appended inside a transaction only', '事件只能在事务中追加');
  }
  if (events.length === 0) return [];
  const checked = events.map(validate);
  const head = await lockHead(trx, chain, tenantId, checked[0]!.at);
  const stored: StoredEvent[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  const rows = events.map((e, i) => {
    const { at, payload } = checked[i]!;
    seq += 1;
    const fields = { seq, tenantId, itemId: e.itemId, type: e.type, actorUserId: e.actorUserId, actorUnitId: e.actorUnitId, at, payload, prevHash };
    const hash = chain.key.macHex(eventBody(fields));
    stored.push({ ...e, tenantId, seq, at, prevHash, hash });
    prevHash = hash;
    return {
      tenant_id: tenantId,
      seq,
      item_id: e.itemId,
      type: e.type,
      actor_user_id: e.actorUserId,
      actor_unit_id: e.actorUnitId,
      at,
      payload,
      prev_hash: fields.prevHash,
      hash,
    };
  });
  const last = stored[stored.length - 1]!;
  const nextHead = { head_seq: last.seq, head_hash: last.hash, updated_at: last.at };
  let moved: { numUpdatedRows: bigint };
  if (chain.dialect === 'postgres' && rows.length <= INSERT_CHUNK) {
    // One round trip instead of two: the rows go in through a data-modifying CTE of the statement that moves
    // the head. Every action appends, so this is on the hot path of every write.
    moved = await trx
      .with('appended', (db) => db.insertInto('events').values(rows).returning('seq'))
      .updateTable('chain_heads')
      .set(nextHead)
      .where('tenant_id', '=', tenantId)
      .where('head_seq', '=', head.seq)
      .executeTakeFirst();
  } else {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await trx.insertInto('events').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    }
    moved = await trx.updateTable('chain_heads').set(nextHead).where('tenant_id', '=', tenantId).where('head_seq', '=', head.seq).executeTakeFirst();
  }
  if (moved.numUpdatedRows !== 1n) {
    throw new StoreError('chain_conflict', `the chain head of tenant ${tenantId} moved during the append`, `租户 ${tenantId} 的链头在追加期间被改动`);
  }
  return stored;
}
