import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { addUsers, createItem, listItems, performAction, showItem, verifyRecord } from '../index.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { loadHolidayNotice } from './load-notice.js';

/** Made-up 2027 arrangement for the test, not the official notice: 春节 bridged from 4 to 11 February, 13 February worked. */
const NOTICE_2027 = {
  year: 2027,
  source: '测试通知',
  holidays: ['2027-01-01', '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-02-13'],
};
const HAZARD = { inspectionDate: '2027-01-19', place: '某化工厂储罐区', category: 'hazardous_chemicals', level: 'general' };

describe.each(DIALECTS)('a holiday notice loaded on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('counts a 2027 deadline provisionally, then moves it with an event naming both dates when the notice is loaded', async () => {
    const clock = testClock('2027-01-20T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'hazard', title: '储罐区隐患', fields: HAZARD });
    // 15 working days (the hazard's time limit) from Wednesday 20 January, on the statutory days: 除夕 5 and 8 February off.
    const assigned = await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env' } });
    expect(assigned.item.currentDeadline).toBe('2027-02-12');
    const fixed = (await createItem(deps, as('sup'), { ledgerType: 'hazard', title: '另一隐患', fields: HAZARD })).item;
    await performAction(deps, as('sup'), fixed.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2027-02-12' } });
    const rows = await listItems(deps, as('env'));
    expect(rows.items.map((r) => r.light.deadlineProvisional)).toEqual([true, true]);

    expect(await code(loadHolidayNotice(deps, as('sup'), NOTICE_2027))).toBe('role_required');
    expect(await code(loadHolidayNotice(deps, as('admin'), { ...NOTICE_2027, workdays: ['2027-02-15'] }))).toBe('validation_failed');
    const r = await loadHolidayNotice(deps, as('admin'), NOTICE_2027);
    // On the notice: 21 January – 3 February are 10 days, 12 February the 11th, Saturday 13 February the 12th, then 15–17.
    expect(r).toEqual({ year: 2027, replaced: false, moved: [{ itemId: item.id, number: item.number, previousDeadline: '2027-02-12', deadline: '2027-02-17' }] });

    const detail = await showItem(deps, as('env'), item.id);
    expect(detail.item.currentDeadline).toBe('2027-02-17');
    expect(detail.item.originalDeadline).toBe('2027-02-17');
    expect(detail.light.deadlineProvisional).toBeUndefined();
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'DeadlineAdjusted', data: { previousDeadline: '2027-02-12', deadline: '2027-02-17', noticeYear: 2027 } });
    // A date the supervisor chose stays as chosen.
    expect((await showItem(deps, as('env'), fixed.id)).item.currentDeadline).toBe('2027-02-12');

    // The calendar of the tenant counts on the notice from now on: the next assignment is not provisional.
    const next = (await createItem(deps, as('sup'), { ledgerType: 'hazard', title: '第三个隐患', fields: HAZARD })).item;
    expect((await performAction(deps, as('sup'), next.id, { type: 'AssignItem', data: { leadUnitId: 'env' } })).item.currentDeadline).toBe('2027-02-17');
    const again = await loadHolidayNotice(deps, as('admin'), NOTICE_2027);
    expect(again).toEqual({ year: 2027, replaced: true, moved: [] });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });
});
