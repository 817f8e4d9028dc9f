import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../../domain/ledger-types/examples.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { addUnits, addUsers, createItem, listItems, performAction, showItem, verifyRecord } from '../index.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';

const DISPUTE = EXAMPLE_FIELDS.dispute!.draft;

describe.each(DIALECTS)('work moves between units on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('transfers an in-progress directive: the old lead loses it, the new lead accepts it, the chain verifies', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '河道保洁', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    expect(await code(performAction(deps, as('sup'), item.id, { type: 'TransferItem', data: { leadUnitId: 'water' } }))).toBe('validation_failed');
    const moved = await performAction(deps, as('sup'), item.id, { type: 'TransferItem', data: { leadUnitId: 'water', reason: '河道保洁由水务局负责' } });
    expect(moved.item).toMatchObject({ status: 'assigned', leadUnitId: 'water', currentDeadline: '2026-03-31', originalLeadUnitId: 'env' });
    expect((await listItems(deps, as('env'))).items).toEqual([]);
    await performAction(deps, as('water'), item.id, { type: 'AcceptItem', data: {} });
    const detail = await showItem(deps, as('water'), item.id);
    expect(detail.timeline.find((e) => e.type === 'ItemMoved')).toMatchObject({
      data: { kind: 'transfer', fromUnitId: 'env', leadUnitId: 'water', reason: '河道保洁由水务局负责', deadlineReset: false },
    });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it.skipIf(skip)('lets a community hand a dispute up to its street, which accepts it; and returns accepted work only with consent', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    await addUnits(deps, tenantId, [{ id: 'd1s1c1', name: '和平第一社区', kind: 'community', parentId: 'd1s1' }]);
    await addUsers(deps, tenantId, [{ id: 'u-comm', username: 'comm', displayName: '社区网格员', unitId: 'd1s1c1', roles: ['handler'] }]);
    const { item } = await createItem(deps, as('d1sup'), { ledgerType: 'dispute', title: '邻里漏水纠纷', fields: DISPUTE });
    await performAction(deps, as('d1sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1c1', deadline: '2026-03-31' } });
    await performAction(deps, as('comm'), item.id, { type: 'AcceptItem', data: {} });
    const up = await performAction(deps, as('comm'), item.id, { type: 'EscalateItem', data: { reason: '涉及物业,需街道协调' } });
    expect(up.item).toMatchObject({ status: 'assigned', leadUnitId: 'd1s1' });
    expect(await code(showItem(deps, as('comm'), item.id))).toBe('item_not_found');
    await performAction(deps, as('street'), item.id, { type: 'AcceptItem', data: {} });

    await performAction(deps, as('street'), item.id, { type: 'RequestReturn', data: { reason: '属于区司法局职责' } });
    expect(await code(performAction(deps, as('street'), item.id, { type: 'DecideReturn', data: { approve: true } }))).toBe('forbidden');
    const denied = await performAction(deps, as('d1sup'), item.id, { type: 'DecideReturn', data: { approve: false, reason: '街道先行调解' } });
    expect(denied.item).toMatchObject({ status: 'in_progress', leadUnitId: 'd1s1', pendingReturn: null });
    await performAction(deps, as('street'), item.id, { type: 'RequestReturn', data: { reason: '调解不成' } });
    const back = await performAction(deps, as('d1sup'), item.id, { type: 'DecideReturn', data: { approve: true } });
    expect(back.item).toMatchObject({ status: 'draft', leadUnitId: null });
    const types = (await showItem(deps, as('d1sup'), item.id)).timeline.map((e) => e.type);
    expect(types).toEqual(['ItemCreated', 'ItemAssigned', 'ItemAccepted', 'ItemMoved', 'ItemAccepted', 'ReturnRequested', 'ReturnDenied', 'ReturnRequested', 'ReturnApproved']);
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });
});
