import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { asAttacker } from '../store/testing/tamper.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { createItem, performAction, verifyRecord } from './index.js';

describe.each(DIALECTS)('luoshi verify compares what users see with the events, on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function cityWithItems() {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    const a = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '河道清淤', fields: { category: 'meeting_decision' } });
    const b = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '老旧小区改造', fields: { category: 'meeting_decision' } });
    await performAction(deps, as('sup'), b.item.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: [], deadline: '2026-03-31' } });
    await performAction(deps, as('env'), b.item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), b.item.id, { type: 'ReportProgress', data: { text: '已启动', percent: 20 } });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    return { deps, tenantId, a: a.item, b: b.item };
  }

  it.skipIf(skip)('names the item whose row was edited (title), with its number and the field', async () => {
    const { deps, tenantId, a } = await cityWithItems();
    await asAttacker(t.config.database, (db) => db.updateTable('items').set({ title: '改过的标题' }).where('tenant_id', '=', tenantId).where('item_id', '=', a.id).execute());
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toContain(a.number);
    expect(!v.ok && v.message).toContain('title');
  });

  it.skipIf(skip)('finds an edited progress figure', async () => {
    const { deps, tenantId, b } = await cityWithItems();
    await asAttacker(t.config.database, (db) => db.updateTable('items').set({ progress: 100 }).where('tenant_id', '=', tenantId).where('item_id', '=', b.id).execute());
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.messageZh).toContain(b.number);
  });
});
