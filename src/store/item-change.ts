import { CompiledQuery, type Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { appendedSql, linkOntoGuess, noteGuess, PREPARED_UP_TO, type ChainWriter, type NewEvent, type StoredEvent } from './chain.js';
import type { Database } from './database.js';
import { mapWriteError } from './db-errors.js';
import { PREPARED } from './db.js';
import { checkLaterVersion, sameUnits, UPDATED, updatedValues, versionConflict } from './item.repository.js';
import { LIVE_WEBHOOKS_SQL } from './webhook.repository.js';

const statements = new Map<number, string>();

/**
 * A tenant's actions written at once by one store run one after the other, each linked onto the head the one
 * before it left: sent side by side, all would link onto the same head and all but one would find it moved.
 * The chain serialises a tenant's writes anyway (the head's row lock is held to the commit); this only keeps
 * the guesses right. `webhooksSeenAt`: when live webhooks last made the statement stand aside — for a while
 * after, the tenant's actions go straight to the transaction path instead of trying the statement first.
 */
interface Lane {
  tail: Promise<unknown>;
  webhooksSeenAt: number | undefined;
}
const lanes = new WeakMap<ChainWriter, Map<TenantId, Lane>>();
const WEBHOOK_SPELL_MS = 10_000;

function laneOf(chain: ChainWriter, tenantId: TenantId): Lane {
  let byTenant = lanes.get(chain);
  if (!byTenant) lanes.set(chain, (byTenant = new Map()));
  let lane = byTenant.get(tenantId);
  if (!lane) byTenant.set(tenantId, (lane = { tail: Promise.resolve(), webhooksSeenAt: undefined }));
  return lane;
}

/** SQLSTATE of luoshi_refuse (migration 202611271800_refuse). */
const REFUSED = 'LS001';

/**
 * One statement that writes an action: $1 tenant, $2 algorithm, $3 and $4 the head guessed, $5 to $7 the new
 * head, $8 the item, $9 its expected version, then the item's columns (UPDATED order), then the events.
 * The item is updated (and its row locked) first, then the head moved — the lock order of the transaction
 * path too (items, then head), so the two never deadlock — and the events inserted only if the head moved.
 * The head moves only from where the events were linked onto, and only while the tenant has no live webhook
 * (the transaction path writes their deliveries); when the item was updated but the head did not move, the
 * statement refuses itself (luoshi_refuse) and with it the update: all or nothing.
 */
function changeSql(rows: number): string {
  let text = statements.get(rows);
  if (text) return text;
  const set = UPDATED.map((c, i) => `${c} = $${10 + i}`).join(', ');
  text =
    `${PREPARED} with changed as (update items set ${set} where tenant_id = $1 and item_id = $8 and version = $9 returning tenant_id), ` +
    `moved as (update chain_heads set head_seq = $5, head_hash = $6, updated_at = $7 ` +
    `where tenant_id = $1 and algorithm = $2 and head_seq = $3 and head_hash = $4 and not ${LIVE_WEBHOOKS_SQL} ` +
    `and exists (select from changed) returning tenant_id), ` +
    `${appendedSql('moved', rows, 10 + UPDATED.length)} ` +
    `select (select count(*) from changed)::int4 as changed, (select count(*) from appended)::int4 as appended, ` +
    `case when exists (select from changed) and not exists (select from moved) ` +
    `then luoshi_refuse(case when ${LIVE_WEBHOOKS_SQL} then 'live webhooks' else 'chain head elsewhere' end) end as refused`;
  statements.set(rows, text);
  return text;
}

/**
 * PostgreSQL: an action's writes — the item's version-checked update and its events on the chain — as one
 * statement outside any transaction (it commits on its own, all or nothing). With the item read before it,
 * an action costs two round trips instead of five (BEGIN, read, update, append, COMMIT); each round trip is a
 * socket write and a wake-up of the database server, most of what an action costs on this side.
 * It applies when the events can be linked onto the head this store last moved (a tenant's actions take
 * turns, see Lane), the co-units stay as they were, and the tenant has no live webhook; otherwise it writes
 * nothing and answers undefined, and the caller runs the action in a transaction.
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
  if (lane.webhooksSeenAt !== undefined && performance.now() - lane.webhooksSeenAt < WEBHOOK_SPELL_MS) return Promise.resolve(undefined);
  const run = lane.tail.then(() => attempt(db, chain, lane, previous, next, events, at));
  lane.tail = run.catch(() => undefined);
  return run;
}

async function attempt(
  db: Kysely<Database>,
  chain: ChainWriter,
  lane: Lane,
  previous: Item,
  next: Item,
  events: readonly NewEvent[],
  at: Instant,
): Promise<StoredEvent[] | undefined> {
  const tenantId = next.tenantId;
  const linked = linkOntoGuess(chain, tenantId, events);
  if (!linked) return undefined;
  const last = linked.stored[linked.stored.length - 1]!;
  const params = [
    tenantId,
    chain.key.algorithm,
    linked.head.seq,
    linked.head.hash,
    last.seq,
    last.hash,
    last.at,
    next.id,
    previous.version,
    ...updatedValues(next, at),
    ...linked.values,
  ];
  let row;
  try {
    const r = await db.executeQuery<{ changed: number; appended: number }>(CompiledQuery.raw(changeSql(events.length), params));
    row = r.rows[0]!;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code !== REFUSED) throw mapWriteError(err, `item ${next.number}`);
    if (e.message === 'live webhooks') lane.webhooksSeenAt = performance.now();
    else noteGuess(chain, tenantId, null);
    return undefined;
  }
  if (row.changed === 0) throw await versionConflict(db, tenantId, next.id, previous.version);
  noteGuess(chain, tenantId, last);
  return linked.stored;
}
