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

  it('stands aside, writing nothing, when another node moved the head, when the tenant has live webhooks, or when co-units change', async () => {
    const { tenantId, item } = await seeded();
    const other = await openStore(t.config);
    try {
      await other.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'TenantConfigured', 1)]));
      // The item was updated first in the statement; the refusal undoes it.
      expect(await t.store.changeItemAtOnce(item, later(item), [reported(item, 2)], AT)).toBeUndefined();
      await unchanged(tenantId, item, 2);
      // The transaction path learns the head again; then a webhook makes the statement stand aside.
      await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'TenantConfigured', 3)]));
      await other.transaction((tx) => tx.webhooks.insert({ id: 'hook-1', tenantId, url: 'https://example.org/hook', unitId: 'u-city', ledgerType: null, createdBy: 'sup', createdAt: T0 }, 'secret'));
      expect(await t.store.changeItemAtOnce(item, later(item), [reported(item, 4)], AT)).toBeUndefined();
      await unchanged(tenantId, item, 3);
    } finally {
      await other.close();
    }
    const fresh = await seeded();
    expect(await t.store.changeItemAtOnce(fresh.item, later(fresh.item, { coUnitIds: ['u-water', 'u-district'] }), [reported(fresh.item, 1)], AT)).toBeUndefined();
    await unchanged(fresh.tenantId, fresh.item, 1);
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
