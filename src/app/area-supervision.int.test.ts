import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { addUnits, addUsers, computeStats, createItem, listItems, performAction, showItem } from './index.js';
import { errorCode as code, seedCity, testClock, testDeps } from './testing/city.js';

const RECTIFICATION = { problemSource: 'provincial', problem: '河道两岸违规堆放建筑垃圾', target: '全部清理', measures: '排查清运并建立巡查制度' };

describe.each(DIALECTS)('supervision along the area tree on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('lets the city 督查室 see and pass 上级复核 of a district rectification that the district cannot pass itself', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { as } = await seedCity(deps);
    const { item } = await createItem(deps, as('d1sup'), { ledgerType: 'rectification', title: '东城区河道整改', fields: RECTIFICATION });
    expect(item.ownerUnitId).toBe('d1');
    // The city's supervisor sits in 市委督查室 under 市委办公室, yet sees the district's draft.
    expect((await listItems(deps, as('sup'))).items.map((r) => r.item.id)).toContain(item.id);
    await performAction(deps, as('d1sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1', deadline: '2026-06-30' } });
    await performAction(deps, as('street'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('street'), item.id, { type: 'RequestClosure', data: { summary: '已清理', evidence: ['file:1'], fields: { completion: '清运 120 吨' } } });
    await performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: { stageKey: 'acceptance' } });
    clock.advanceDays(8);
    await performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: { stageKey: 'public_notice' } });
    await performAction(deps, as('leader'), item.id, { type: 'PassStage', data: { stageKey: 'sign_off' } });
    expect(await code(performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: { stageKey: 'upper_review' } }))).toBe('forbidden');
    const { item: closed } = await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: { stageKey: 'upper_review' } });
    expect(closed.status).toBe('closed');
    const detail = await showItem(deps, as('sup'), item.id);
    expect(detail.timeline.filter((e) => e.type === 'StagePassed').at(-1)).toMatchObject({ actorUnitId: 'dcs' });
    expect((await computeStats(deps, as('sup'))).itemCount).toBe(1);
  });

  it.skipIf(skip)('keeps a district supervisor to its district and a department to its own work', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    await addUnits(deps, tenantId, [
      { id: 'd2', name: '西城区', kind: 'district', parentId: 'city' },
      { id: 'd2s1', name: '金桥街道', kind: 'street', parentId: 'd2' },
    ]);
    await addUsers(deps, tenantId, [
      { id: 'u-d2sup', username: 'd2sup', displayName: '西城区督办员', unitId: 'd2', roles: ['supervisor'] },
      { id: 'u-d2leader', username: 'd2leader', displayName: '西城区领导', unitId: 'd2', roles: ['leader'] },
    ]);
    const east = (await createItem(deps, as('d1sup'), { ledgerType: 'directive', title: '东城区事项', fields: { category: 'other' } })).item;
    const west = (await createItem(deps, as('d2sup'), { ledgerType: 'directive', title: '西城区事项', fields: { category: 'other' } })).item;
    const city = (await createItem(deps, as('sup'), { ledgerType: 'directive', title: '市级事项', fields: { category: 'other' } })).item;
    await performAction(deps, as('d2sup'), west.id, { type: 'AssignItem', data: { leadUnitId: 'd2s1', deadline: '2026-06-30' } });
    await performAction(deps, as('sup'), city.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-06-30' } });
    const ids = async (who: string) => (await listItems(deps, as(who))).items.map((r) => r.item.title).sort();
    expect(await ids('sup')).toEqual(['东城区事项', '市级事项', '西城区事项'].sort());
    expect(await ids('leader')).toEqual(['东城区事项', '市级事项', '西城区事项'].sort());
    expect(await ids('d1sup')).toEqual(['东城区事项']);
    expect(await ids('d2sup')).toEqual(['西城区事项']);
    expect(await ids('d2leader')).toEqual(['西城区事项']);
    expect(await ids('env')).toEqual(['市级事项']);
    expect(await ids('water')).toEqual([]);
    // Supervising follows seeing: the city supervisor urges a district's item, a district never the sibling's.
    expect(await code(performAction(deps, as('sup'), west.id, { type: 'UrgeItem', data: {} }))).toBe('ok');
    expect(await code(performAction(deps, as('d1sup'), west.id, { type: 'UrgeItem', data: {} }))).toBe('item_not_found');
    expect(await code(performAction(deps, as('d2sup'), city.id, { type: 'UrgeItem', data: {} }))).toBe('item_not_found');
    expect(await code(performAction(deps, as('d1sup'), east.id, { type: 'CancelItem', data: { reason: '重复立项' } }))).toBe('ok');
  });
});
