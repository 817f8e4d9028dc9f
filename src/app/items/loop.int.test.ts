import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../domain/loop/index.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem, listItems, performAction, showItem, verifyRecord } from '../index.js';
import { fromStored, isLoopEvent } from './events.js';

describe.each(DIALECTS)('the loop through the app on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('runs 交办 → 签收 → 反馈 → 申请办结 → 审核 → 销号 and records every step in the verified chain', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '建立城市安全运行常态化检查机制', fields: { category: 'meeting_decision' } });
    expect(item.number).toBe('督办〔2026〕0001号');
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-03-31' } });
    clock.advanceDays(1);
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), item.id, { type: 'ReportProgress', data: { text: '已印发方案', percent: 50 } });
    await performAction(deps, as('water'), item.id, { type: 'ReportAsCoUnit', data: { text: '已配合排查' } });
    clock.advanceDays(5);
    await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '机制已建立' } } });
    const { item: closed } = await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: {} });
    expect(closed.status).toBe('closed');

    const detail = await showItem(deps, as('sup'), item.id);
    expect(detail.timeline.map((e) => e.type)).toEqual([
      'ItemCreated',
      'ItemAssigned',
      'ItemAccepted',
      'ProgressReported',
      'CoUnitReported',
      'ClosureRequested',
      'StagePassed',
      'ItemClosed',
    ]);
    expect(detail.actions).toEqual(['ReopenItem']);
    const events = await t.store.read.events.listByItem(tenantId, item.id);
    expect(replay(events.filter(isLoopEvent).map(fromStored))).toEqual(await t.store.read.items.get(tenantId, item.id));
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v.ok).toBe(true);
  });

  it.skipIf(skip)('refuses an illegal or forbidden action with a stable code and writes nothing', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '事项', fields: { category: 'other' } });
    const before = await t.store.read.events.head(tenantId);
    expect(await code(performAction(deps, as('sup'), item.id, { type: 'AcceptItem', data: {} }))).toBe('invalid_transition');
    expect(await code(performAction(deps, as('leader'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } }))).toBe('forbidden');
    // A draft is not yet the handler's business: to it the item does not exist.
    expect(await code(performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} }))).toBe('item_not_found');
    expect(await code(performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-01-01' } }))).toBe('deadline_in_past');
    expect(await code(performAction(deps, as('sup'), item.id, { type: 'CancelItem', data: { reason: '  ' } }))).toBe('reason_required');
    expect(await code(performAction(deps, as('sup'), 'no-such-item', { type: 'CancelItem', data: { reason: 'x' } }))).toBe('item_not_found');
    expect(await code(performAction(deps, as('nobody'), item.id, { type: 'CancelItem', data: { reason: 'x' } }))).toBe('user_not_found');
    expect(await code(performAction(deps, as('sup'), item.id, { type: 'EditDraft', expectedVersion: 7, data: { title: '新标题' } }))).toBe('version_conflict');
    expect(await t.store.read.events.head(tenantId)).toEqual(before);
    expect((await t.store.read.items.get(tenantId, item.id))?.version).toBe(1);
  });

  it.skipIf(skip)("never shows a unit another unit's item, by id, in lists or to administrators", async () => {
    const deps = testDeps(t.store, testClock());
    const { as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '生态事项', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } });
    expect(await code(showItem(deps, as('water'), item.id))).toBe('item_not_found');
    expect(await code(showItem(deps, as('street'), item.id))).toBe('item_not_found');
    expect(await code(showItem(deps, as('d1sup'), item.id))).toBe('item_not_found');
    expect(await code(showItem(deps, as('auditor'), item.id))).toBe('business_data_forbidden');
    expect((await listItems(deps, as('water'))).items).toHaveLength(0);
    expect((await listItems(deps, as('env'))).items.map((r) => r.item.id)).toEqual([item.id]);
    expect((await listItems(deps, as('leader'))).items.map((r) => r.item.id)).toEqual([item.id]);
    expect((await showItem(deps, as('env'), item.id)).actions).toEqual(['AcceptItem', 'ReturnItem']);
    expect((await showItem(deps, as('leader'), item.id)).actions).toEqual(['GiveInstruction']);
  });

  it.skipIf(skip)("fills a deadline from the ledger type's working-day limit when the assignment names none", async () => {
    const clock = testClock('2026-09-28T02:00:00.000Z'); // Monday before 国庆
    const deps = testDeps(t.store, clock);
    const { as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), {
      ledgerType: 'appeal',
      title: '企业申请社保费缓缴',
      fields: { enterprise: '某某科技有限公司', contact: [{ name: '王经理', phone: '13900000000' }], appealType: 'social_insurance', channel: 'hotline_12345' },
    });
    const { item: assigned } = await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env' } });
    // 10 working days from Mon 28 Sep 2026: 29, 30 Sep, then 国庆 1–7 Oct off, 8, 9 (Fri), 10 (Sat, make-up day) …
    expect(assigned.currentDeadline).toBe('2026-10-16');
  });
});
