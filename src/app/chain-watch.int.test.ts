import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { asAttacker } from '../store/testing/tamper.js';
import { ChainWatch, type ChainAlarm } from './chain-watch.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { createItem, performAction } from './index.js';
import { addUsers } from './organisation.js';
import { notifyLog, setUserContacts } from './notify/admin.js';
import { notifyTamperAlarm } from './notify/tamper-alarm.js';

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
      await db
        .updateTable('chain_heads')
        .set({ head_seq: last.seq - 1 })
        .where('tenant_id', '=', tenantId)
        .execute();
    });
    expect(await watch.check()).toMatchObject({ seq: last.seq, problem: 'truncated' });
  });

  it.skipIf(skip)('sends the alarm to every security admin, urgently and once, and to nobody else', async () => {
    const { tenantId, watch, deps, as, item } = await watched();
    await addUsers(deps, tenantId, [
      { id: 'u-sec', username: 'sec', displayName: '安全管理员', unitId: 'city', roles: ['security_admin'] },
      { id: 'u-sys', username: 'sys', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] },
    ]);
    await setUserContacts(deps, as('sys'), 'sec', { email: 'sec@example.gov.cn' });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    const last = await t.store.read.events.head(tenantId);
    await asAttacker(t.config.database, (db) => db.updateTable('events').set({ actor_unit_id: 'water' }).where('tenant_id', '=', tenantId).where('seq', '=', last.seq).execute());
    const alarm = (await watch.check())!;
    const installation = { mail: true, publicUrl: 'https://luoshi.example.gov.cn' };
    expect(await notifyTamperAlarm(deps, tenantId, installation, alarm)).toBe(1);
    // A second node raising the same alarm adds nothing.
    expect(await notifyTamperAlarm(deps, tenantId, installation, alarm)).toBe(0);
    const told = await t.store.read.notify.listInbox(tenantId, 'u-sec');
    expect(told.map((n) => [n.ruleKey, n.urgency])).toEqual([['tamper_alarm', 'urgent']]);
    expect(told[0]!.subject).toContain('防篡改告警');
    for (const other of ['u-sup', 'u-env', 'u-auditor', 'u-sys']) expect(await t.store.read.notify.listInbox(tenantId, other)).toEqual([]);
    const log = await notifyLog(deps, as('sys'), {});
    expect(log.filter((d) => d.recipientId === 'u-sec').map((d) => [d.channelKind, d.urgency, d.status])).toEqual([['email', 'urgent', 'pending']]);
  });
});
