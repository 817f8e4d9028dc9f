/*
 * Test support (no vitest imports): reads a tenant's whole record back and says what, if anything, is
 * wrong with it — the chain (with its checkpoints), gapless sequence numbers, and every item's projection
 * against the replay of its events. The concurrency and crash tests end with it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ItemId, TenantId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { replay, type ItemEvent } from '../../domain/loop/index.js';
import type { ChainVerification, StoredEvent, Store } from '../../store/index.js';
import { fromStored, isLoopEvent } from '../items/events.js';
import { allEvents, allItems } from '../verify-projections.js';

export interface RecordCheck {
  readonly chain: ChainVerification;
  /** Every event of the tenant, in sequence order. */
  readonly events: readonly StoredEvent[];
  /** Sequence numbers that are missing or out of place (empty when they run 1, 2, … without a gap). */
  readonly seqProblems: readonly number[];
  /** The projections, by id. */
  readonly items: ReadonlyMap<ItemId, Item>;
  /** Items whose stored projection is not what replaying their events gives (or has no events). */
  readonly mismatched: readonly ItemId[];
  /** Items with events but no projection row. */
  readonly missing: readonly ItemId[];
}

/** Reads and checks the tenant's record; the caller asserts on the parts it cares about. */
export async function checkRecord(store: Store, tenantId: TenantId): Promise<RecordCheck> {
  const [chain, events, items] = await Promise.all([store.verifyChain(tenantId), allEvents(store, tenantId), allItems(store, tenantId)]);
  const seqProblems = events.flatMap((e, i) => (e.seq === i + 1 ? [] : [e.seq]));
  const byItem = new Map<ItemId, ItemEvent[]>();
  for (const e of events) {
    if (!isLoopEvent(e)) continue;
    const loop = fromStored(e);
    const list = byItem.get(loop.itemId);
    if (list) list.push(loop);
    else byItem.set(loop.itemId, [loop]);
  }
  const mismatched: ItemId[] = [];
  for (const [id, item] of items) {
    const stream = byItem.get(id);
    // The projection is stored as JSON: compare the replay as JSON would keep it (no undefined members).
    if (!stream || !isDeepStrictEqual(JSON.parse(JSON.stringify(replay(stream))), item)) mismatched.push(id);
  }
  const missing = [...byItem.keys()].filter((id) => !items.has(id));
  return { chain, events, seqProblems, items, mismatched, missing };
}
