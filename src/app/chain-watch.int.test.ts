import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { asAttacker } from '../store/testing/tamper.js';
import { ChainWatch, type ChainAlarm } from './chain-watch.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { createItem, performAction } from './index.js';

describe.each(DIALECTS)('the running server watches its record, on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function watched() {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    const alarms: ChainAlarm[] = [];
    const watch = new ChainWatch(t.store, tenantId, { onAlarm: (a) => alarms.push(a) });
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '河道清淤', fields: { category: 'meeting_decision' } });
    expect(await watch.check()).toBeNull();
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: [], deadline: '2026-03-31' } });
    expect(await watch.check()).toBeNull();
    return { tenantId, watch, alarms, deps, as, item };
  }

  it.skipIf(skip)('raises an alarm (state and one notice) when a new event is altered behind its back', async () => {
    const { tenantId, watch, alarms, deps, as, item } = await watched();
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    const last = await t.store.read.events.head(tenantId);
    await asAttacker(t.config.database, (db) => db.updateTable('events').set({ actor_unit_id: 'water' }).where('tenant_id', '=', tenantId).where('seq', '=', last.seq).execute());
    const alarm = await watch.check();
    expect(alarm).toMatchObject({ seq: last.seq });
    expect(watch.alarm()).toEqual(alarm);
    await watch.check();
    expect(alarms).toHaveLength(1);
  });

  it.skipIf(skip)('raises an alarm when the events it verified are rolled back', async () => {
    const { tenantId, watch } = await watched();
    const last = await t.store.read.events.head(tenantId);
    await asAttacker(t.config.database, async (db) => {
      await db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '=', last.seq).execute();
      await db.updateTable('chain_heads').set({ head_seq: last.seq - 1 }).where('tenant_id', '=', tenantId).execute();
    });
    expect(await watch.check()).toMatchObject({ seq: last.seq, problem: 'truncated' });
  });
});
