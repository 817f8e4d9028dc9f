import { expect, it } from 'vitest';
import { describeOnStores } from './testing/suite.js';
import { buildEvent, buildItem, seedTenant } from './testing/factories.js';

describeOnStores('transactions arriving together', (t, name) => {
  it('commit each on its own merits: the failing ones leave nothing, the rest all land in one linear chain', async () => {
    const { tenantId } = await seedTenant(t.store);
    const items = Array.from({ length: 24 }, () => buildItem(tenantId));
    const failing = new Set([0, 7, 8, 23]);
    // All started before any settles: on SQLite they queue and share commits.
    const outcomes = await Promise.allSettled(
      items.map((item, i) =>
        t.store.transaction(async (tx) => {
          await tx.items.insert(item, item.createdAt);
          await tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemCreated', i)]);
          if (failing.has(i)) throw new Error(`refused ${i}`);
          return i;
        }),
      ),
    );
    outcomes.forEach((o, i) => {
      if (failing.has(i)) expect(o).toMatchObject({ status: 'rejected', reason: { message: `refused ${i}` } });
      else expect(o).toEqual({ status: 'fulfilled', value: i });
    });
    const kept = items.filter((_, i) => !failing.has(i));
    for (const [i, item] of items.entries()) expect(await t.store.read.items.get(tenantId, item.id)).toEqual(failing.has(i) ? undefined : expect.objectContaining({ id: item.id }));
    const events = await t.store.read.events.listAfter(tenantId, 0);
    expect(events.map((e) => e.seq)).toEqual(kept.map((_, k) => k + 1));
    expect(new Set(events.map((e) => e.itemId))).toEqual(new Set(kept.map((i) => i.id)));
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: kept.length });
  });

  it('a transaction still sees what those before it wrote, and a version conflict refuses only the stale one', async () => {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId);
    await t.store.transaction((tx) => tx.items.insert(item, item.createdAt));
    const writers = Array.from({ length: 8 }, (_, i) =>
      t.store.transaction(async (tx) => {
        const current = (await tx.items.get(tenantId, item.id))!;
        await tx.items.update(current, { ...current, title: `第${i}次修改`, version: current.version + 1 }, item.createdAt);
        return current.version + 1;
      }),
    );
    const settled = await Promise.allSettled(writers);
    const won = settled.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    for (const o of settled) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'version_conflict' });
    // SQLite runs them one after another on its one connection (sharing commits), so each reads the item after the
    // one before it and none is stale; PostgreSQL runs them at once, and those that lose the race are refused.
    if (name === 'sqlite') expect(won.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    else expect(won.length).toBeGreaterThanOrEqual(1);
    const version = 1 + won.length;
    const stale = t.store.transaction((tx) => tx.items.update(item, { ...item, version: item.version + 1 }, item.createdAt));
    await expect(stale).rejects.toMatchObject({ code: 'version_conflict' });
    expect((await t.store.read.items.get(tenantId, item.id))!.version).toBe(version);
  });
});
