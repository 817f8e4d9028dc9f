/*
 * 巡查轮次到期 on both databases: when a week's rounds open, the inspecting unit's inspectors are told once,
 * in the app (the notice opens the rounds, not an item), and a period whose places are all recorded is not told.
 */
import { expect, it } from 'vitest';
import { describeOnStores } from '../../store/testing/suite.js';
import { fanOutNotifications } from '../notify/fanout.js';
import { errorCode, seedCity, testClock, testDeps } from '../testing/city.js';
import { addInspectionPlan } from './plans.js';
import { recordRound } from './record.js';
import { remindInspectionRounds } from './round-reminders.js';

const installation = { mail: false, publicUrl: 'https://luoshi.example.gov.cn' };
const checklist = [{ key: 'fire_exit', label: '消防通道', category: 'fire' }];
const plan = (title: string) => ({ title, unitId: 'd1s1', cadence: 'weekly', checklist, places: [{ name: '和平菜市场' }, { name: '和平小学' }] });

describeOnStores('巡查轮次到期', (t) => {
  it('tells the inspecting unit once when a period opens, and not of a period already recorded', async () => {
    const clock = testClock('2026-03-02T02:00:00.000Z'); // Monday: this week's rounds are open, due Friday the 6th
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    await fanOutNotifications(deps, tenantId, installation);
    const weekly = await addInspectionPlan(deps, as('d1sup'), plan('和平街道城市安全运行常态化检查'));

    const first = await remindInspectionRounds(deps, as('d1sup'));
    expect(first).toEqual([{ planId: weekly.id, planTitle: weekly.title, unitId: 'd1s1', period: '2026-03-02', opensOn: '2026-03-02', dueOn: '2026-03-06', places: 2 }]);
    expect(await remindInspectionRounds(deps, as('d1sup'))).toEqual([]);
    // The city's supervisor sees the district's plan too, and finds it told.
    expect(await remindInspectionRounds(deps, as('sup'))).toEqual([]);
    expect(await errorCode(remindInspectionRounds(deps, as('street')))).toBe('forbidden');

    expect((await fanOutNotifications(deps, tenantId, installation)).notified).toBe(1);
    const inbox = await t.store.read.notify.listInbox(tenantId, 'u-street');
    expect(inbox.map((n) => [n.ruleKey, n.itemId, n.subject])).toEqual([
      ['inspection_round_due', null, `【落实】${weekly.title} 巡查轮次到期：2026-03-02 起 2 处，2026-03-06 前完成`],
    ]);
    expect(await t.store.read.notify.listInbox(tenantId, 'u-d1sup')).toEqual([]);

    // Next week: both places recorded early (on Monday) leave nothing to tell.
    clock.now = new Date('2026-03-09T02:00:00.000Z');
    for (const place of [1, 2]) await recordRound(deps, as('street'), `${weekly.id}.${place}.20260309`, { lines: [{ key: 'fire_exit', result: 'pass' }] });
    expect(await remindInspectionRounds(deps, as('d1sup'))).toEqual([]);
  });
});
