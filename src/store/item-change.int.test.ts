import { expect, it } from 'vitest';
import type { Item } from '../domain/item.js';
import { openStore } from './store.js';
import { describeOnStores } from './testing/suite.js';
import { T0, buildEvent, buildItem, seedTenant } from './testing/factories.js';

const AT = '2026-03-02T05:00:00.000Z';
const later = (item: Item, overrides: Partial<Item> = {}): Item => ({ ...item, version: item.version + 1, progress: 40, ...overrides });
const reported = (item: Item, minutes: number) => buildEvent(item.id, 'ItemReported', minutes, { version: item.version + 1, text: '已完成排查' });

describeOnStores('an action written in one statement', (t, name) => {
  /** A tenant with an item whose creation this store appended (so it knows the chain head). */
  async function seeded() {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId);
    await t.store.transaction(async (tx) => {
      await tx.items.insert(item, item.createdAt);
      await tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemCreated', 0, { version: item.version })]);
    });
    return { tenantId, item };
  }

  async function unchanged(tenantId: string, item: Item, events: number) {
    expect(await t.store.read.items.get(tenantId, item.id)).toEqual(item);
    expect(await t.store.read.events.listAfter(tenantId, 0)).toHaveLength(events);
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: events });
  }

  if (name === 'sqlite') {
    it('is not offered on SQLite (a transaction costs no round trip there): nothing is written', async () => {
      const { tenantId, item } = await seeded();
      expect(await t.store.changeItemAtOnce(item, later(item), [reported(item, 1)], AT)).toBeUndefined();
      await unchanged(tenantId, item, 1);
    });
    return;
  }

  it('updates the item and appends its events on the chain, all at once', async () => {
    const { tenantId, item } = await seeded();
    const next = later(item);
    const stored = await t.store.changeItemAtOnce(item, next, [reported(item, 1), buildEvent(item.id, 'ItemUrged', 2)], AT);
    expect(stored?.map((e) => e.seq)).toEqual([2, 3]);
    expect(await t.store.read.items.get(tenantId, item.id)).toEqual(next);
    expect(await t.store.read.events.listAfter(tenantId, 1)).toEqual(stored);
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 3 });
    // The next action links onto the head this one left.
    expect((await t.store.changeItemAtOnce(next, later(next), [reported(next, 3)], AT))?.map((e) => e.seq)).toEqual([4]);
  });

  it('refuses a stale version with version_conflict, writing nothing', async () => {
    const { tenantId, item } = await seeded();
    const stale = { ...item, version: item.version - 1 };
    await expect(t.store.changeItemAtOnce(stale, later(item), [reported(item, 1)], AT)).rejects.toMatchObject({
      code: 'version_conflict',
      details: { expectedVersion: stale.version, actualVersion: item.version },
    });
    await unchanged(tenantId, item, 1);
  });

  it('stands aside, writing nothing, when another node moved the head or when co-units change', async () => {
    const { tenantId, item } = await seeded();
    const other = await openStore(t.config);
    try {
      await other.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'TenantConfigured', 1)]));
      // The item was updated first in the statement; the refusal undoes it.
      expect(await t.store.changeItemAtOnce(item, later(item), [reported(item, 2)], AT)).toBeUndefined();
      await unchanged(tenantId, item, 2);
    } finally {
      await other.close();
    }
    const fresh = await seeded();
    expect(await t.store.changeItemAtOnce(fresh.item, later(fresh.item, { coUnitIds: ['u-water', 'u-district'] }), [reported(fresh.item, 1)], AT)).toBeUndefined();
    await unchanged(fresh.tenantId, fresh.item, 1);
  });

  it('writes the webhook outbox in the same statement: a delivery for each live webhook at or above a unit of the item', async () => {
    const { tenantId, item } = await seeded();
    const hook = (id: string, unitId: string, ledgerType: string | null) => ({
      id,
      tenantId,
      url: 'https://example.org/hook',
      unitId,
      ledgerType,
      createdBy: 'sup',
      createdAt: T0,
    });
    await t.store.transaction(async (tx) => {
      await tx.webhooks.insert(hook('above', 'u-city', null), 'secret');
      await tx.webhooks.insert(hook('lead', 'u-env', item.ledgerType), 'secret');
      await tx.webhooks.insert(hook('aside', 'u-district', null), 'secret');
      await tx.webhooks.insert(hook('other-type', 'u-city', 'hazard'), 'secret');
      await tx.webhooks.insert(hook('off', 'u-city', null), 'secret');
      await tx.webhooks.disable(tenantId, 'off', T0);
      // The transaction path learns the head again after these writes.
      await tx.appendEvents(tenantId, [buildEvent(null, 'TenantConfigured', 1)]);
    });
    const next = later(item, { status: 'in_progress' });
    const stored = await t.store.changeItemAtOnce(item, next, [reported(item, 2)], AT);
    expect(stored).toHaveLength(1);
    const e = stored![0]!;
    for (const id of ['above', 'lead']) {
      const [d] = await t.store.read.webhooks.listDeliveries(tenantId, id);
      expect(d).toMatchObject({ webhookId: id, eventSeq: e.seq, eventType: 'ItemReported', itemId: item.id, status: 'pending', attempts: 0, nextAttemptAt: e.at, createdAt: e.at });
      expect(d!.id).toMatch(/^[0-9a-f]{24}$/);
      expect(JSON.parse(d!.payload)).toEqual({
        event: { seq: e.seq, type: 'ItemReported', itemId: item.id, at: e.at, actorUnitId: e.actorUnitId },
        item: { id: item.id, number: next.number, ledgerType: next.ledgerType, status: 'in_progress', version: next.version },
      });
    }
    for (const id of ['aside', 'other-type', 'off']) expect(await t.store.read.webhooks.listDeliveries(tenantId, id)).toEqual([]);

    // Webhooks switched off: the next actions are written without deliveries (and the lighter statement again).
    await t.store.transaction(async (tx) => {
      for (const id of ['above', 'lead', 'aside', 'other-type']) await tx.webhooks.disable(tenantId, id, T0);
    });
    let current = next;
    for (const minutes of [3, 4]) {
      const after = later(current);
      expect(await t.store.changeItemAtOnce(current, after, [reported(current, minutes)], AT)).toHaveLength(1);
      current = after;
    }
    expect(await t.store.read.webhooks.listDeliveries(tenantId, 'above')).toHaveLength(1);
    expect(await t.store.read.items.get(tenantId, item.id)).toEqual(current);
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 5 });
  });

  it('a store that has not appended for the tenant yet has no head to link onto: it stands aside', async () => {
    const { tenantId, item } = await seeded();
    const other = await openStore(t.config);
    try {
      expect(await other.changeItemAtOnce(item, later(item), [reported(item, 1)], AT)).toBeUndefined();
    } finally {
      await other.close();
    }
    await unchanged(tenantId, item, 1);
  });
});
