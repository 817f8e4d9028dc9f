import { CompiledQuery, type Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { appendedSql, linkOntoGuess, noteGuess, PREPARED_UP_TO, type ChainWriter, type NewEvent, type StoredEvent } from './chain.js';
import type { Database } from './database.js';
import { mapWriteError } from './db-errors.js';
import { PREPARED } from './db.js';
import { checkLaterVersion, sameUnits, UPDATED, updatedValues, versionConflict } from './item.repository.js';
import { deliveryPayload, isDelivered, LIVE_WEBHOOKS_SQL } from './webhook.repository.js';

const statements = new Map<number, string>();

/**
 * A tenant's actions written at once by one store run one after the other, each linked onto the head the one
 * before it left: sent side by side, all would link onto the same head and all but one would find it moved.
 * The chain serialises a tenant's writes anyway (the head's row lock is held to the commit); this only keeps
 * the guesses right. `outbox`: whether the tenant had live webhooks when last asked, so whether its statement
 * writes the webhook outbox (the lighter statement refuses itself when it finds live webhooks, and the one
 * with the outbox says when there are none left).
 */
interface Lane {
  tail: Promise<unknown>;
  outbox: boolean;
}
const lanes = new WeakMap<ChainWriter, Map<TenantId, Lane>>();

function laneOf(chain: ChainWriter, tenantId: TenantId): Lane {
  let byTenant = lanes.get(chain);
  if (!byTenant) lanes.set(chain, (byTenant = new Map()));
  let lane = byTenant.get(tenantId);
  if (!lane) byTenant.set(tenantId, (lane = { tail: Promise.resolve(), outbox: false }));
  return lane;
}

/** SQLSTATE of luoshi_refuse (migration 202611271800_refuse). */
const REFUSED = 'LS001';

/** Parameters of the webhook outbox (covering units, ledger type, delivered seqs, types, instants, payloads). */
const OUTBOX_PARAMS = 6;
const LIVE_REFUSAL = 'live webhooks' as const;

/**
 * One statement that writes an action: $1 tenant, $2 algorithm, $3 and $4 the head guessed, $5 to $7 the new
 * head, $8 the item, $9 its expected version, then the item's columns (UPDATED order), then — `outbox` only —
 * the units covering the item (owner, lead, co-units), its ledger type, and the delivered events' seqs, types,
 * instants and payloads as arrays, then the events' values.
 * The item is updated (and its row locked) first, then the head moved — the lock order of the transaction
 * path too (items, then head), so the two never deadlock — and the events inserted only if the head moved.
 * With `outbox`, a delivery is written for every live webhook whose unit is one of the covering units or above
 * one (as WebhookRepository.enqueue writes them in the transaction path), and the answer says whether the
 * tenant has live webhooks at all; without, the head moves only while the tenant has none (the outbox costs
 * the database a unit-tree walk per action, not worth paying when nobody listens). The head moves only from
 * where the events were linked onto; when the item was updated but the head did not move, the statement
 * refuses itself (luoshi_refuse) and with it the update: all or nothing.
 */
function changeSql(rows: number, outbox: boolean): string {
  const key = rows * 2 + (outbox ? 1 : 0);
  let text = statements.get(key);
  if (text) return text;
  const u = 10 + UPDATED.length;
  const set = UPDATED.map((c, i) => `${c} = $${10 + i}`).join(', ');
  const covering = outbox
    ? `recursive covering (unit_id, depth) as (` +
      `select unit_id, 0 from unnest($${u}::text[]) as c (unit_id) union ` +
      `select units.parent_id, covering.depth + 1 from covering join units on units.tenant_id = $1 and units.unit_id = covering.unit_id ` +
      `where units.parent_id is not null and covering.depth < 63), `
    : '';
  const delivered = outbox
    ? `, delivered as (insert into webhook_deliveries (tenant_id, delivery_id, webhook_id, event_seq, event_type, item_id, payload, status, attempts, next_attempt_at, created_at) ` +
      `select moved.tenant_id, substr(replace(gen_random_uuid()::text, '-', ''), 1, 24), w.webhook_id, d.seq, d.type, $8, d.payload, 'pending', 0, d.at, d.at ` +
      `from moved cross join unnest($${u + 2}::int8[], $${u + 3}::text[], $${u + 4}::timestamptz[], $${u + 5}::text[]) as d (seq, type, at, payload) ` +
      `join webhooks w on w.tenant_id = moved.tenant_id and w.disabled_at is null and (w.ledger_type is null or w.ledger_type = $${u + 1}) ` +
      `where w.unit_id in (select unit_id from covering) returning 1)`
    : '';
  text =
    `${PREPARED} with ${covering}` +
    `changed as (update items set ${set} where tenant_id = $1 and item_id = $8 and version = $9 returning tenant_id), ` +
    `moved as (update chain_heads set head_seq = $5, head_hash = $6, updated_at = $7 ` +
    `where tenant_id = $1 and algorithm = $2 and head_seq = $3 and head_hash = $4 ${outbox ? '' : `and not ${LIVE_WEBHOOKS_SQL} `}` +
    `and exists (select from changed) returning tenant_id), ` +
    `${appendedSql('moved', rows, u + (outbox ? OUTBOX_PARAMS : 0))}${delivered} ` +
    `select (select count(*) from changed)::int4 as changed, ${outbox ? LIVE_WEBHOOKS_SQL : 'false'} as live, ` +
    `case when exists (select from changed) and not exists (select from moved) ` +
    `then luoshi_refuse(${outbox ? `'chain head elsewhere'` : `case when ${LIVE_WEBHOOKS_SQL} then '${LIVE_REFUSAL}' else 'chain head elsewhere' end`}) end as refused`;
  statements.set(key, text);
  return text;
}

/**
 * PostgreSQL: an action's writes — the item's version-checked update and its events on the chain — as one
 * statement outside any transaction (it commits on its own, all or nothing). With the item read before it,
 * an action costs two round trips instead of five (BEGIN, read, update, append, COMMIT); each round trip is a
 * socket write and a wake-up of the database server, most of what an action costs on this side.
 * It applies when the events can be linked onto the head this store last moved (a tenant's actions take
 * turns, see laneOf) and the co-units stay as they were; otherwise it writes nothing and answers undefined,
 * and the caller runs the action in a transaction. The webhook outbox is written by the same statement.
 * @returns the stored events, or undefined when nothing was written because the statement does not apply.
 * @throws StoreError `version_conflict` (nothing written) when the item is not at `previous.version`;
 *   `invalid_input` and constraint errors as ItemRepository.update and appendToChain.
 */
export function changeItemAtOnce(
  db: Kysely<Database>,
  chain: ChainWriter,
  previous: Item,
  next: Item,
  events: readonly NewEvent[],
  at: Instant,
): Promise<StoredEvent[] | undefined> {
  checkLaterVersion(previous, next);
  if (events.length === 0 || events.length > PREPARED_UP_TO || !sameUnits(previous.coUnitIds, next.coUnitIds)) return Promise.resolve(undefined);
  const lane = laneOf(chain, next.tenantId);
  const run = lane.tail.then(async () => {
    const first = await attempt(db, chain, lane, previous, next, events, at);
    if (first !== LIVE_REFUSAL) return first;
    // The tenant has live webhooks now: nothing was written, so write it again with the outbox.
    lane.outbox = true;
    const second = await attempt(db, chain, lane, previous, next, events, at);
    return second === LIVE_REFUSAL ? undefined : second;
  });
  lane.tail = run.catch(() => undefined);
  return run;
}

/**
 * One try of the statement, with the outbox as the lane says (and telling the lane when no webhook is left):
 * the stored events; undefined (head elsewhere) or LIVE_REFUSAL when nothing was written.
 */
async function attempt(
  db: Kysely<Database>,
  chain: ChainWriter,
  lane: Lane,
  previous: Item,
  next: Item,
  events: readonly NewEvent[],
  at: Instant,
): Promise<StoredEvent[] | undefined | typeof LIVE_REFUSAL> {
  const tenantId = next.tenantId;
  const outbox = lane.outbox;
  const linked = linkOntoGuess(chain, tenantId, events);
  if (!linked) return undefined;
  const last = linked.stored[linked.stored.length - 1]!;
  const params: unknown[] = [tenantId, chain.key.algorithm, linked.head.seq, linked.head.hash, last.seq, last.hash, last.at, next.id, previous.version, ...updatedValues(next, at)];
  if (outbox) {
    const delivered = linked.stored.filter(isDelivered);
    const covering = [next.ownerUnitId, next.leadUnitId, ...next.coUnitIds].filter((x): x is string => x !== null);
    params.push(
      covering,
      next.ledgerType,
      delivered.map((e) => e.seq),
      delivered.map((e) => e.type),
      delivered.map((e) => e.at),
      delivered.map((e) => deliveryPayload(e, next)),
    );
  }
  params.push(...linked.values);
  let row;
  try {
    const r = await db.executeQuery<{ changed: number; live: boolean }>(CompiledQuery.raw(changeSql(events.length, outbox), params));
    row = r.rows[0]!;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code !== REFUSED) throw mapWriteError(err, `item ${next.number}`);
    if (e.message === LIVE_REFUSAL) return LIVE_REFUSAL;
    noteGuess(chain, tenantId, null);
    return undefined;
  }
  if (row.changed === 0) throw await versionConflict(db, tenantId, next.id, previous.version);
  noteGuess(chain, tenantId, last);
  if (outbox && !row.live) lane.outbox = false;
  return linked.stored;
}
