import { CompiledQuery, type Kysely } from 'kysely';
import type { TenantId } from '../domain/ids.js';
import { eventBodyOf } from './canonical.js';
import { GENESIS_HASH, type ChainKey } from './chain.js';
import type { Checkpoint, InvalidCheckpoint } from './checkpoints.js';
import { readInt } from './convert.js';
import type { Database } from './database.js';
import { dialectOf, ROWS_AS_ARRAYS, type Dialect } from './db.js';

export const CHAIN_PROBLEMS = [
  'hash_mismatch',
  'prev_mismatch',
  'gap',
  'reordered',
  'truncated',
  'rolled_back',
  'head_mismatch',
  'checkpoint_invalid',
  /** The checkpoint log is absent, or ends before the newest checkpoint the data folder's mark says was written. */
  'checkpoint_log_short',
  /** A stored row (an item) differs from the replay of its events (found by the app, which knows the loop). */
  'projection_mismatch',
] as const;
/** What is wrong with the first bad event. */
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export type ChainVerification =
  | {
      readonly ok: true;
      readonly count: number;
      readonly headSeq: number;
      readonly headHash: string;
      /** Checkpoints of this tenant the chain was held against. */
      readonly checkpointsChecked: number;
    }
  | {
      readonly ok: false;
      /** Sequence number of the first bad (or first missing) event. */
      readonly seq: number;
      readonly problem: ChainProblem;
      readonly message: string;
      readonly messageZh: string;
      /** Events that verified before it. */
      readonly count: number;
    };

/**
 * Events per query. Each query asks for one window of sequence numbers (from ≤ seq < from + BATCH) rather
 * than "the next BATCH rows": a bounded range keeps PostgreSQL on a small in-memory sort even when its
 * statistics are stale (an unbounded `seq >= from order by seq limit n` was planned as a scan of the whole
 * tail with an on-disk sort). The next window is asked for while this one is checked.
 */
const BATCH = 2000;
/** How far ahead a broken link is looked for when telling a reordering from an alteration. */
const REORDER_WINDOW = 1000;

const MESSAGES: Record<ChainProblem, (seq: number, extra: string) => [string, string]> = {
  hash_mismatch: (s) => [`event ${s} does not match its MAC: altered, or written without the chain key`, `第 ${s} 号事件与其校验码不符：已被篡改，或并非用链密钥写入`],
  prev_mismatch: (s) => [`event ${s} does not link to the event before it`, `第 ${s} 号事件与前一事件的链接断开`],
  gap: (s) => [`event ${s} is missing: it was deleted`, `第 ${s} 号事件缺失：已被删除`],
  reordered: (s) => [`event ${s} is out of order: events were moved or swapped`, `第 ${s} 号事件顺序错乱：事件被移动或互换`],
  truncated: (s, extra) => [`events from ${s} on are missing: ${extra}`, `自第 ${s} 号起的事件缺失：${extra}`],
  rolled_back: (s, extra) => [
    `event ${s} differs from the signed checkpoint of ${extra}: history was rolled back and rewritten`,
    `第 ${s} 号事件与 ${extra} 的签名检查点不符：历史被回滚后改写`,
  ],
  head_mismatch: (s, extra) => [`the recorded chain head does not match event ${s} (${extra})`, `记录的链头与第 ${s} 号事件不符（${extra}）`],
  projection_mismatch: (s) => [`the item of event ${s} differs from its events`, `第 ${s} 号事件所属事项与其事件记录不符`],
  checkpoint_log_short: (_s, extra) => [
    `the checkpoint log is missing checkpoints that were written (${extra}): it was deleted or its tail cut off`,
    `检查点日志缺少已写入的检查点（${extra}）：日志已被删除或截去尾部`,
  ],
  checkpoint_invalid: (_s, extra) => [
    `the checkpoint log has lines that fail their signature (${extra}): it was edited or signed by another key`,
    `检查点日志中有签名无效的行（${extra}）：已被改动，或由其他密钥签名`,
  ],
};

/** The verification failure for a checkpoint log with untrustworthy lines (`seq` is 0: no event is named). */
export function invalidCheckpoints(invalid: readonly InvalidCheckpoint[]): ChainVerification {
  const lines = invalid
    .slice(0, 5)
    .map((x) => `line ${x.line}: ${x.reason}`)
    .join('; ');
  return fail(0, 'checkpoint_invalid', 0, lines);
}

/**
 * The failure for a checkpoint log that does not reach the tenant's mark (the newest checkpoint written), or
 * null when it does. `logSeq` is the newest checkpoint of the tenant in the log, null when there is no log.
 */
export function shortCheckpointLog(mark: Checkpoint, logSeq: number | null, logExists: boolean): ChainVerification | null {
  if (logSeq !== null && logSeq >= mark.seq) return null;
  const where = !logExists ? 'no log' : `the log ends at event ${logSeq ?? 0}`;
  return fail((logSeq ?? 0) + 1, 'checkpoint_log_short', 0, `${where}; checkpoints were written up to event ${mark.seq}, signed at ${mark.at}`);
}

function fail(seq: number, problem: ChainProblem, count: number, extra = ''): ChainVerification {
  const [message, messageZh] = MESSAGES[problem](seq, extra);
  return { ok: false, seq, problem, message, messageZh, count };
}

/** seq, item, type, actor user, actor unit, at (the ISO text the MAC covers), payload, prev hash, hash. */
type EventTuple = [string | number, string | null, string, string | null, string | null, string, string, string, string];

/** A window row as the verifier checks it: seq, prev hash, hash, and the body the MAC covers. */
type WindowRow = [string | number, string, string, string | null];

const FIELDS = 'seq, item_id, type, actor_user_id, actor_unit_id, at, payload, prev_hash, hash';

/**
 * The database builds the body itself, in the exact text eventBodyOf gives: strings quoted by to_json /
 * json_quote (both escape as JSON.stringify does: `\b \f \n \r \t \" \\` and other control characters as
 * lowercase \u00xx), null fields as `null`, the stored payload spliced in, and on PostgreSQL `at` formatted as
 * SQLite stores it (`YYYY-MM-DDTHH:MM:SS.sssZ`). One text field per event instead of seven is what the driver
 * has to hand over, and nothing is assembled here. The body is not trusted: when its MAC does not match, the
 * verifier builds the body from the fields on this side before it calls the event bad (holdsRebuilt), so a
 * difference in quoting could cost time, never a verdict.
 */
const BODY: Record<Dialect, string> = {
  sqlite: `'{"actorUnit":' || json_quote(actor_unit_id) || ',"actorUser":' || json_quote(actor_user_id) ||
    ',"at":' || json_quote(at) || ',"item":' || json_quote(item_id) || ',"payload":' || payload ||
    ',"prev":' || json_quote(prev_hash) || ',"seq":' || seq || ',"tenant":' || json_quote(tenant_id) ||
    ',"type":' || json_quote(type) || ',"v":1}'`,
  postgres: `'{"actorUnit":' || coalesce(to_json(actor_unit_id)::text, 'null') ||
    ',"actorUser":' || coalesce(to_json(actor_user_id)::text, 'null') ||
    ',"at":"' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
    '","item":' || coalesce(to_json(item_id)::text, 'null') ||
    ',"payload":' || payload || ',"prev":' || to_json(prev_hash)::text || ',"seq":' || seq::text ||
    ',"tenant":' || to_json(tenant_id)::text || ',"type":' || to_json(type)::text || ',"v":1}'`,
};

/** The SQL of a window of events, rows as arrays (ROWS_AS_ARRAYS): seq, prev hash, hash, body. */
const WINDOW_SQL: Record<Dialect, string> = {
  sqlite: `${ROWS_AS_ARRAYS} select seq, prev_hash, hash, ${BODY.sqlite}
    from events where tenant_id = ? and seq >= ? and seq < ? order by seq`,
  postgres: `${ROWS_AS_ARRAYS} select seq, prev_hash, hash, ${BODY.postgres}
    from events where tenant_id = $1 and seq >= $2 and seq < $3 order by seq`,
};

/** One event's fields as the MAC covers them, `at` in the stored text form: the slow path, when a body fails its MAC. */
const ONE_SQL: Record<Dialect, string> = {
  sqlite: `${ROWS_AS_ARRAYS} select ${FIELDS} from events where tenant_id = ? and seq = ?`,
  postgres: `${ROWS_AS_ARRAYS} select seq, item_id, type, actor_user_id, actor_unit_id,
    to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), payload, prev_hash, hash
    from events where tenant_id = $1 and seq = $2`,
};

/** Whether any event lies at or beyond `fromSeq` (after an empty window: a gap, or the end of the chain). */
async function anyFrom(db: Kysely<Database>, tenantId: TenantId, fromSeq: number): Promise<boolean> {
  const r = await db.selectFrom('events').select('seq').where('tenant_id', '=', tenantId).where('seq', '>=', fromSeq).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** The window of events from `fromSeq` on. Exported for the test that holds the databases' bodies to eventBodyOf. */
export async function readWindow(db: Kysely<Database>, dialect: Dialect, tenantId: TenantId, fromSeq: number): Promise<WindowRow[]> {
  const r = await db.executeQuery<WindowRow>(CompiledQuery.raw(WINDOW_SQL[dialect], [tenantId, fromSeq, fromSeq + BATCH]));
  return r.rows;
}

/** Whether one event's MAC holds over the body built on this side from its stored fields. */
async function holdsRebuilt(db: Kysely<Database>, dialect: Dialect, tenantId: TenantId, seq: number, key: ChainKey): Promise<boolean> {
  const r = await db.executeQuery<EventTuple>(CompiledQuery.raw(ONE_SQL[dialect], [tenantId, seq]));
  const e = r.rows[0];
  if (!e) return false;
  return key.macHex(eventBodyOf(seq, JSON.stringify(tenantId), e[1], e[2], e[3], e[4], e[5], e[6], e[7])) === e[8];
}

/** A broken link whose `prev` is the hash of a later event means rows were moved, not altered. */
async function looksReordered(db: Kysely<Database>, tenantId: TenantId, seq: number, prevHash: string): Promise<boolean> {
  const later = await db
    .selectFrom('events')
    .select('seq')
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', seq)
    .where('seq', '<=', seq + REORDER_WINDOW)
    .where('hash', '=', prevHash)
    .executeTakeFirst();
  return later !== undefined;
}

/**
 * Recomputes a tenant's chain from its first event, in batches, and names the first event that does not
 * hold: a gap in the sequence, a broken link, a MAC that does not match (altered, or rewritten without the
 * key), rows moved out of order. It then holds the end of the chain against the recorded head and against
 * the signed checkpoints: a checkpoint beyond the last event means the tail was cut off (`truncated`); a
 * checkpoint whose hash differs from the event at its sequence means history was rolled back and rewritten
 * (`rolled_back`). Read-only; run it outside a write transaction.
 * @param checkpoints verified checkpoints (see readCheckpoints); others' tenants are ignored.
 */
export async function verifyChain(
  db: Kysely<Database>,
  tenantId: TenantId,
  key: ChainKey,
  checkpoints: readonly Checkpoint[] = [],
  /**
   * Resume after a head verified before (the running server's incremental check): the event at `seq` must
   * still carry `hash`, and only what follows it is recomputed.
   */
  from?: { readonly seq: number; readonly hash: string },
): Promise<ChainVerification> {
  const start = from && from.seq > 0 ? from : null;
  const cps = checkpoints.filter((c) => c.tenantId === tenantId && c.seq >= 1 && c.seq > (start?.seq ?? 0)).sort((a, b) => a.seq - b.seq);
  let ci = 0;
  let prev = GENESIS_HASH;
  let expected = 1;
  if (start) {
    const at = await db.selectFrom('events').select('hash').where('tenant_id', '=', tenantId).where('seq', '=', start.seq).executeTakeFirst();
    if (!at) return fail(start.seq, 'truncated', start.seq - 1, `event ${start.seq} was verified before and is gone`);
    if (at.hash !== start.hash) return fail(start.seq, 'rolled_back', start.seq - 1, 'the last verification');
    prev = start.hash;
    expected = start.seq + 1;
  }
  const dialect = dialectOf(db);
  let next = readWindow(db, dialect, tenantId, expected);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) {
      if (await anyFrom(db, tenantId, expected)) return fail(expected, 'gap', expected - 1);
      break;
    }
    // The next window is read while this one is checked (a full window ends where the next one starts).
    next = readWindow(db, dialect, tenantId, expected + BATCH);
    // Not awaited when this window holds the first bad event: its failure must not go unhandled.
    next.catch(() => undefined);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      // Let go of the row at once: its strings then die young instead of being copied by every scavenge
      // until the whole window has been checked.
      (rows as (WindowRow | undefined)[])[i] = undefined;
      const seq = typeof r[0] === 'number' ? r[0] : Number(r[0]);
      if (seq !== expected) return fail(expected, 'gap', expected - 1);
      const prevHash = r[1];
      const hash = r[2];
      const linked = prevHash === prev;
      // A body the database could not build (a field nulled behind the schema's back) is checked the slow way too.
      if (!linked || ((typeof r[3] !== 'string' || key.macHex(r[3]) !== hash) && !(await holdsRebuilt(db, dialect, tenantId, seq, key)))) {
        if (await looksReordered(db, tenantId, seq, prevHash)) return fail(seq, 'reordered', seq - 1);
        return fail(seq, linked ? 'hash_mismatch' : 'prev_mismatch', seq - 1);
      }
      while (ci < cps.length && cps[ci]!.seq === seq) {
        if (cps[ci]!.hash !== hash) return fail(seq, 'rolled_back', seq - 1, cps[ci]!.at);
        ci += 1;
      }
      prev = hash;
      expected += 1;
    }
  }
  const count = expected - 1;
  if (ci < cps.length) {
    const cp = cps[cps.length - 1]!;
    return fail(count + 1, 'truncated', count, `a checkpoint signed at ${cp.at} vouches for event ${cp.seq}`);
  }
  const head = await db.selectFrom('chain_heads').select(['head_seq', 'head_hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
  const headSeq = head ? readInt(head.head_seq) : 0;
  if (headSeq > count) return fail(count + 1, 'truncated', count, `the chain head records event ${headSeq}`);
  if (headSeq < count) return fail(headSeq + 1, 'head_mismatch', headSeq, `the head records event ${headSeq}, the log goes on to ${count}`);
  if (head && head.head_hash !== prev) return fail(count, 'head_mismatch', count - 1, 'the head hash differs');
  return { ok: true, count, headSeq: count, headHash: prev, checkpointsChecked: cps.length };
}
