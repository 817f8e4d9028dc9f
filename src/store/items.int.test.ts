import { expect, it } from 'vitest';
import type { Item } from '../domain/item.js';
import { describeOnStores } from './testing/suite.js';
import { T0, buildItem, seedTenant } from './testing/factories.js';

describeOnStores('item projection', (t, name) => {
  const insert = (...items: Item[]) =>
    t.store.transaction(async (tx) => {
      for (const item of items) await tx.items.insert(item, item.createdAt);
    });

  it('round-trips an item exactly: dates, instants, fractions, nested JSON and Chinese text', async () => {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId, {
      progress: 33.5,
      status: 'closing',
      stageIndex: 1,
      stageKey: 'public_notice',
      acceptedAt: '2026-03-03T02:30:15.123Z',
      pendingExtension: { requestedDeadline: '2026-07-31', reason: '汛期施工受限', requestedAt: '2026-06-20T08:00:00.000Z', requestedBy: 'han' },
      fields: { measures: [{ step: 1, text: '清淤' }], budget: 1250000.75, public: true },
    });
    await insert(item);
    expect(await t.store.read.items.get(tenantId, item.id)).toEqual(item);
    expect(await t.store.read.items.getMany(tenantId, [item.id, 'missing'])).toEqual([item]);
  });

  it('keeps tenants apart: an id of another tenant is not found', async () => {
    const a = await seedTenant(t.store);
    const b = await seedTenant(t.store);
    const item = buildItem(a.tenantId);
    await insert(item);
    expect(await t.store.read.items.get(b.tenantId, item.id)).toBeUndefined();
  });

  it('refuses a stale write with version_conflict and keeps the winner', async () => {
    const { tenantId } = await seedTenant(t.store);
    const v1 = buildItem(tenantId);
    await insert(v1);
    const accepted = { ...v1, status: 'in_progress' as const, acceptedAt: '2026-03-03T00:00:00.000Z', version: 2 };
    const returned = { ...v1, status: 'draft' as const, version: 2 };
    await t.store.transaction((tx) => tx.items.update(v1, accepted, '2026-03-03T00:00:00.000Z'));
    await expect(t.store.transaction((tx) => tx.items.update(v1, returned, '2026-03-03T00:01:00.000Z'))).rejects.toMatchObject({
      code: 'version_conflict',
      details: { itemId: v1.id, expectedVersion: 1, actualVersion: 2 },
    });
    expect(await t.store.read.items.get(tenantId, v1.id)).toEqual(accepted);
  });

  it('rolls back the whole transaction when any write fails', async () => {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.items.insert(item, T0);
        await tx.items.insert(buildItem(tenantId, { leadUnitId: 'u-nowhere' }), T0);
      }),
    ).rejects.toMatchObject({ code: 'reference_not_found' });
    expect(await t.store.read.items.get(tenantId, item.id)).toBeUndefined();
  });

  it('refuses what the schema forbids with a clear code', async () => {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId);
    await insert(item);
    await expect(insert({ ...buildItem(tenantId), number: item.number })).rejects.toMatchObject({ code: 'already_exists' });
    await expect(insert(buildItem(tenantId, { progress: 120 }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(insert(buildItem(tenantId, { status: 'closing', stageIndex: null }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(insert(buildItem(tenantId, { currentDeadline: '2026-02-30' }))).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('filters by ledger type, status, deadline range and parent', async () => {
    const { tenantId } = await seedTenant(t.store);
    const parent = buildItem(tenantId, { currentDeadline: '2026-04-10' });
    const child = buildItem(tenantId, { parentId: parent.id, ledgerType: 'rectification', status: 'in_progress', currentDeadline: '2026-05-01' });
    const late = buildItem(tenantId, { ledgerType: 'rectification', currentDeadline: '2026-09-30' });
    await insert(parent, child, late);
    const ids = async (filter: Parameters<typeof t.store.read.items.list>[1]) =>
      (await t.store.read.items.list(tenantId, filter, { order: 'created_asc' })).items.map((i) => i.id).sort();
    expect(await ids({ ledgerTypes: ['rectification'] })).toEqual([child.id, late.id].sort());
    expect(await ids({ statuses: ['in_progress'] })).toEqual([child.id]);
    expect(await ids({ deadlineFrom: '2026-04-10', deadlineTo: '2026-05-01' })).toEqual([parent.id, child.id].sort());
    expect(await ids({ parentId: parent.id })).toEqual([child.id]);
    expect(await ids({ parentId: null })).toEqual([parent.id, late.id].sort());
    expect(await ids({ statuses: [] })).toEqual([]);
    expect(await t.store.read.items.count(tenantId, { ledgerTypes: ['rectification'] })).toBe(2);
  });

  it('scopes by unit: items a unit leads, co-handles or owns, and an empty scope sees nothing', async () => {
    const { tenantId, units } = await seedTenant(t.store);
    const led = buildItem(tenantId, { leadUnitId: units.env, coUnitIds: [] });
    const coHandled = buildItem(tenantId, { leadUnitId: units.district, coUnitIds: [units.env, units.water] });
    const other = buildItem(tenantId, { leadUnitId: units.district, coUnitIds: [units.water] });
    await insert(led, coHandled, other);
    const scoped = async (unitScope: string[]) => (await t.store.read.items.list(tenantId, { unitScope })).items.map((i) => i.id).sort();
    expect(await scoped([units.env])).toEqual([led.id, coHandled.id].sort());
    expect(await scoped([units.office])).toHaveLength(3);
    expect(await scoped([])).toEqual([]);
  });

  it('keeps co-units in step with the item on update', async () => {
    const { tenantId, units } = await seedTenant(t.store);
    const v1 = buildItem(tenantId, { leadUnitId: units.district, coUnitIds: [units.water] });
    await insert(v1);
    const v2 = { ...v1, coUnitIds: [units.env], version: 2 };
    await t.store.transaction((tx) => tx.items.update(v1, v2, '2026-03-04T00:00:00.000Z'));
    expect((await t.store.read.items.list(tenantId, { unitScope: [units.water] })).items).toEqual([]);
    expect((await t.store.read.items.list(tenantId, { unitScope: [units.env] })).items).toEqual([v2]);
  });

  it('pages with keyset cursors: every item once, newest change first', async () => {
    const { tenantId } = await seedTenant(t.store);
    const items = Array.from({ length: 23 }, (_, i) => buildItem(tenantId, { id: `p-${String(i).padStart(2, '0')}-${tenantId}` }));
    // Several items share an updated_at, so the id breaks ties.
    await t.store.transaction(async (tx) => {
      for (const [i, item] of items.entries()) await tx.items.insert(item, new Date(Date.parse(T0) + Math.floor(i / 3) * 1000).toISOString());
    });
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await t.store.read.items.list(tenantId, {}, { limit: 5, after });
      seen.push(...page.items.map((i) => i.id));
      after = page.nextCursor;
      if (!after) break;
    }
    const expected = [...items].map((it, i) => ({ id: it.id, at: Math.floor(i / 3) })).sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    expect(seen).toEqual(expected.map((x) => x.id));
    await expect(t.store.read.items.list(tenantId, {}, { after: 'bogus' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.store.read.items.list(tenantId, {}, { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('hands out gapless numbers per ledger type and year; a rolled back transaction gives its number back', async () => {
    const { tenantId } = await seedTenant(t.store);
    const next = (ledger: string, year: number) => t.store.transaction((tx) => tx.numbers.next(tenantId, ledger, year));
    expect([await next('directive', 2026), await next('directive', 2026), await next('hazard', 2026), await next('directive', 2027)]).toEqual([1, 2, 1, 1]);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.numbers.next(tenantId, 'directive', 2026);
        throw new Error('the action was refused');
      }),
    ).rejects.toThrow('refused');
    expect(await next('directive', 2026)).toBe(3);
  });

  it('reads units, their subtree, users with roles, documents and evidence back as written', async () => {
    const { tenantId, units } = await seedTenant(t.store);
    expect((await t.store.read.units.subtreeIds(tenantId, units.city)).sort()).toEqual(Object.values(units).sort());
    expect(await t.store.read.units.subtreeIds(tenantId, units.env)).toEqual([units.env]);
    expect(await t.store.read.users.getByUsername(tenantId, 'li.na')).toMatchObject({ id: 'han', roles: ['handler', 'leader'], passwordHash: null, disabledAt: null });
    const item = buildItem(tenantId);
    await t.store.transaction(async (tx) => {
      await tx.items.insert(item, T0);
      await tx.documents.insert(tenantId, {
        id: 'doc-1',
        title: '市委常委会会议纪要',
        fileName: 'seed.txt',
        mediaType: 'text/plain',
        text: '会议指出……',
        createdBy: 'sup',
        createdAt: T0,
      });
      await tx.evidence.insert(tenantId, {
        id: 'ev-1',
        itemId: item.id,
        fileName: '整改照片.jpg',
        mediaType: 'image/jpeg',
        sizeBytes: 5_000_000_000,
        digest: 'sm3:00',
        storageKey: 'k/ev-1',
        uploadedBy: 'han',
        uploadedAt: T0,
      });
    });
    expect((await t.store.read.documents.get(tenantId, 'doc-1'))?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.store.read.evidence.listByItem(tenantId, item.id)).toEqual([expect.objectContaining({ id: 'ev-1', sizeBytes: 5_000_000_000, uploadedAt: T0 })]);
  });

  it('refuses store.read inside a transaction (on SQLite it would wait for itself) and nested transactions', async () => {
    const { tenantId } = await seedTenant(t.store);
    await expect(t.store.transaction(() => t.store.read.items.get(tenantId, 'x'))).rejects.toMatchObject({ code: 'nested_transaction' });
    await expect(t.store.transaction(() => t.store.transaction(() => Promise.resolve(1)))).rejects.toMatchObject({ code: 'nested_transaction' });
  });

  it.runIf(name === 'postgres')('PostgreSQL: refuses text with a NUL character as invalid_input, in a filter and in a write, writing nothing', async () => {
    const { tenantId } = await seedTenant(t.store);
    await expect(t.store.read.items.list(tenantId, { leadUnitIds: ['u-env\u0000'] })).rejects.toMatchObject({ code: 'invalid_input' });
    const item = buildItem(tenantId, { title: '标题\u0000' });
    await expect(t.store.transaction((tx) => tx.items.insert(item, item.createdAt))).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await t.store.read.items.get(tenantId, item.id)).toBeUndefined();
  });
});
