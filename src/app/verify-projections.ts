import { isDeepStrictEqual } from 'node:util';
import type { ItemId, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { replay, type ItemEvent } from '../domain/loop/index.js';
import type { ChainVerification, StoredEvent, Store } from '../store/index.js';
import { fromStored, isLoopEvent } from './items/events.js';
import { verifyReferences } from './verify-references.js';

/*
 * The chain proves the events; users see the items table. `luoshi verify` therefore also replays every item's
 * events and compares the result with the stored row, so an `items` row edited behind the product's back (a
 * title, a progress figure) is found, not only an edited event. The first item (by its first event) that
 * differs is named with the field that differs.
 */

const PAGE = 1000;

/** Every event of the tenant, in sequence order. */
export async function allEvents(store: Store, tenantId: TenantId): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const page = await store.read.events.listAfter(tenantId, out.at(-1)?.seq ?? 0, PAGE);
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** Every stored item of the tenant, by id. */
export async function allItems(store: Store, tenantId: TenantId): Promise<Map<ItemId, Item>> {
  const out = new Map<ItemId, Item>();
  let after: string | null = null;
  do {
    const page = await store.read.items.list(tenantId, {}, { order: 'created_asc', limit: PAGE, after });
    for (const item of page.items) out.set(item.id, item);
    after = page.nextCursor;
  } while (after !== null);
  return out;
}

/** The first top-level field whose stored value differs from the replayed one. */
function firstDifference(replayed: Record<string, unknown>, stored: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(replayed), ...Object.keys(stored)])];
  return keys.find((k) => !isDeepStrictEqual(replayed[k], stored[k])) ?? '(row)';
}

function failure(seq: number, count: number, en: string, zh: string): ChainVerification {
  return { ok: false, seq, problem: 'projection_mismatch', message: en, messageZh: zh, count };
}

/**
 * Replays each item's events and compares with its stored row (and that every item with events has a row).
 * Returns `chain` unchanged when all agree; else the failure naming the item, its number and the field.
 */
export async function verifyProjections(store: Store, tenantId: TenantId, chain: ChainVerification & { ok: true }): Promise<ChainVerification> {
  const [events, items] = await Promise.all([allEvents(store, tenantId), allItems(store, tenantId)]);
  const streams = new Map<ItemId, { first: number; events: ItemEvent[] }>();
  for (const e of events) {
    if (!isLoopEvent(e)) continue;
    const loop = fromStored(e);
    const s = streams.get(loop.itemId);
    if (s) s.events.push(loop);
    else streams.set(loop.itemId, { first: e.seq, events: [loop] });
  }
  for (const [id, s] of streams) {
    const stored = items.get(id);
    if (!stored) {
      return failure(
        s.first,
        chain.count,
        `item ${id} has events from #${s.first} but no row in the items table: it was deleted`,
        `事项 ${id} 自第 ${s.first} 号事件起有记录，但事项表中没有该行：已被删除`,
      );
    }
    // The projection is stored as JSON: compare the replay as JSON would keep it (no undefined members).
    const replayed = JSON.parse(JSON.stringify(replay(s.events))) as Record<string, unknown>;
    const row = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
    if (!isDeepStrictEqual(replayed, row)) {
      const field = firstDifference(replayed, row);
      return failure(
        s.first,
        chain.count,
        `item ${stored.number} (${id}): its stored ${field} differs from what its events say: the items table was edited`,
        `事项 ${stored.number}（${id}）的 ${field} 与其事件记录不符：事项表被改动`,
      );
    }
  }
  // The queryable columns (what lists, filters and search read) must say what the item says.
  for (let after: string | null = null; ;) {
    const page = await store.read.itemColumns.page(tenantId, after, PAGE);
    for (const c of page) {
      const item = items.get(c.id);
      if (!item) continue;
      const expected: Record<string, unknown> = {
        title: item.title,
        number: item.number,
        ledgerType: item.ledgerType,
        status: item.status,
        stageIndex: item.stageIndex,
        priority: item.priority,
        ownerUnitId: item.ownerUnitId,
        leadUnitId: item.leadUnitId,
        parentId: item.parentId,
        progress: item.progress,
        version: item.version,
      };
      const field = Object.keys(expected).find((k) => !isDeepStrictEqual(expected[k], (c as unknown as Record<string, unknown>)[k]));
      if (field) {
        const first = streams.get(c.id)?.first ?? 0;
        return failure(
          first,
          chain.count,
          `item ${item.number} (${c.id}): the ${field} column of its row differs from its events: the items table was edited`,
          `事项 ${item.number}（${c.id}）数据行的 ${field} 列与其事件记录不符：事项表被改动`,
        );
      }
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  const orphan = [...items.keys()].find((id) => !streams.has(id));
  if (orphan) return failure(0, chain.count, `item ${orphan} has a row but no events: it was inserted behind the record`, `事项 ${orphan} 有数据行却无事件记录：系绕过记录插入`);
  return verifyReferences(store, tenantId, chain, events, items, (id) => streams.get(id)?.first ?? 0);
}
