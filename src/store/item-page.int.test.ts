import { expect, it } from 'vitest';
import { describeOnStores } from './testing/suite.js';
import { T0, buildEvent, buildItem, seedTenant } from './testing/factories.js';

describeOnStores('item page read', (t) => {
  it('gives the item with its events in order and its children in creation order, exactly as the separate reads do', async () => {
    const { tenantId } = await seedTenant(t.store);
    const parent = buildItem(tenantId, { fields: { measures: [{ step: 1, text: '清淤"整治"' }], budget: 1250000.75 } });
    const later = buildItem(tenantId, { parentId: parent.id, createdAt: '2026-03-02T03:00:00.000Z' });
    const earlier = buildItem(tenantId, { parentId: parent.id, createdAt: '2026-03-02T02:00:00.001Z' });
    const other = buildItem(tenantId);
    await t.store.transaction(async (tx) => {
      for (const item of [parent, later, earlier, other]) await tx.items.insert(item, item.createdAt);
      await tx.appendEvents(tenantId, [
        buildEvent(parent.id, 'ItemCreated', 0, { data: { title: '抓好整改', n: [1, -0.5, 1e21] } }),
        buildEvent(other.id, 'ItemCreated', 1),
        { ...buildEvent(parent.id, 'ItemUrged', 2, { text: '请于\n本周内反馈' }), actorUserId: null },
      ]);
    });
    const page = await t.store.read.itemPages.get(tenantId, parent.id);
    expect(page).toEqual({
      item: await t.store.read.items.get(tenantId, parent.id),
      events: await t.store.read.events.listByItem(tenantId, parent.id),
      children: await t.store.read.items.children(tenantId, parent.id),
    });
    expect(page!.events.map((e) => e.type)).toEqual(['ItemCreated', 'ItemUrged']);
    expect(page!.children.map((c) => c.id)).toEqual([earlier.id, later.id]);
    expect(page!.events[0]!.at).toBe(T0);
  });

  it('finds nothing for an unknown id or another tenant’s item', async () => {
    const a = await seedTenant(t.store);
    const b = await seedTenant(t.store);
    const item = buildItem(a.tenantId);
    await t.store.transaction((tx) => tx.items.insert(item, item.createdAt));
    expect(await t.store.read.itemPages.get(b.tenantId, item.id)).toBeUndefined();
    expect(await t.store.read.itemPages.get(a.tenantId, 'missing')).toBeUndefined();
    expect(await t.store.read.itemPages.get(a.tenantId, item.id)).toMatchObject({ item, events: [], children: [] });
  });
});
