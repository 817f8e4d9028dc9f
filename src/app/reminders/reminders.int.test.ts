/*
 * What the day job writes because a day has come, through the app on both databases: 临期提醒 to the lead unit
 * once per deadline, and 回头看 on closed hazards once per closure (two nodes racing), confirmed or reopened by
 * the supervisor, with the 反弹率 of 考核.
 */
import { expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../store/index.js';
import { describeOnStores } from '../../store/testing/suite.js';
import { computeStats, createItem, listItems, performAction, showItem, verifyRecord } from '../index.js';
import { fanOutNotifications } from '../notify/fanout.js';
import { errorCode, seedCity, testClock, testDeps } from '../testing/city.js';
import { sweepEscalations } from '../escalation/index.js';
import { scheduleRechecks, sendDeadlineReminders } from './index.js';

const installation = { mail: false, publicUrl: null };
/** 10:00 in Shanghai on a day. */
const on = (day: string): Date => new Date(`${day}T02:00:00.000Z`);

describeOnStores('the day job’s reminders and report lapses', (t, name) => {
  async function city() {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const c = await seedCity(deps);
    return { ...c, clock, deps };
  }

  it('reminds the lead unit once when a deadline comes near, and again of a new deadline', async () => {
    const { deps, as, tenantId, clock } = await city();
    const directive = async (title: string, deadline: string) => {
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title, fields: { category: 'other' } });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline } });
      await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
      return item;
    };
    const soon = await directive('河道整治', '2026-03-12');
    const later = await directive('污水管网改造', '2026-03-31');
    await fanOutNotifications(deps, tenantId, installation);

    clock.now = on('2026-03-09'); // Monday: three working days to Thursday the 12th
    const first = await sendDeadlineReminders(deps, as('sup'));
    expect(first.written).toEqual([soon.number]);
    expect(first).toMatchObject({ outOfScope: 0, conflicts: 0 });
    const shown = await showItem(deps, as('env'), soon.id);
    expect(shown.item.remindedFor).toBe('2026-03-12');
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'DeadlineNear', data: { deadline: '2026-03-12', workingDaysLeft: 3 } });
    expect((await showItem(deps, as('env'), later.id)).timeline.map((e) => e.type)).not.toContain('DeadlineNear');

    const fanned = await fanOutNotifications(deps, tenantId, installation);
    expect(fanned.notified).toBe(1);
    expect((await t.store.read.notify.listInbox(tenantId, 'u-env')).map((n) => [n.ruleKey, n.subject])).toEqual([
      ['near_deadline', `【落实】${soon.number} 临近办理期限：河道整治`],
    ]);
    expect(await t.store.read.notify.listInbox(tenantId, 'u-sup')).toEqual([]);

    // The next day is yellow too: nobody is told twice.
    clock.now = on('2026-03-10');
    expect((await sendDeadlineReminders(deps, as('sup'))).written).toEqual([]);

    // An extension gives a new deadline, and its own reminder when that comes near.
    await performAction(deps, as('env'), soon.id, { type: 'RequestExtension', data: { deadline: '2026-03-20', reason: '汛期施工受限' } });
    await performAction(deps, as('sup'), soon.id, { type: 'ApproveExtension', data: {} });
    expect((await sendDeadlineReminders(deps, as('sup'))).written).toEqual([]);
    clock.now = on('2026-03-17');
    expect((await sendDeadlineReminders(deps, as('sup'))).written).toEqual([soon.number]);

    // A district's supervisor reminds only of what the district supervises; a handler cannot run the job.
    expect((await sendDeadlineReminders(deps, as('d1sup'))).outOfScope).toBeGreaterThan(0);
    expect(await errorCode(sendDeadlineReminders(deps, as('env')))).toBe('forbidden');
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  /** A general hazard of 东城区, closed through its stages on 5 March 2026. */
  async function closedHazard(deps: Awaited<ReturnType<typeof city>>['deps'], as: Awaited<ReturnType<typeof city>>['as'], place: string) {
    const fields = { inspectionDate: '2026-03-01', place, category: 'equipment', level: 'general', photosBefore: ['file:before'] };
    const { item } = await createItem(deps, as('d1sup'), { ledgerType: 'hazard', title: `${place}安全隐患整治`, fields, ownerUnitId: 'd1' });
    await performAction(deps, as('d1sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1', deadline: '2026-03-31' } });
    await performAction(deps, as('street'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('street'), item.id, { type: 'RequestClosure', data: { summary: '已整改', evidence: ['file:1'], fields: { photosAfter: ['file:after'] } } });
    let current = (await showItem(deps, as('d1sup'), item.id)).item;
    while (current.status === 'closing') current = (await performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: {} })).item;
    expect(current.status).toBe('closed');
    return current;
  }

  it('puts a 回头看 on the desk 30 days after 销号, once, and counts what it finds in 反弹率', async () => {
    const { deps, as, tenantId, clock } = await city();
    clock.now = on('2026-03-05');
    const held = await closedHazard(deps, as, '燃气调压站');
    const back = await closedHazard(deps, as, '农贸市场电气线路');
    const directive = (await createItem(deps, as('sup'), { ledgerType: 'directive', title: '无回头看的督办事项', fields: { category: 'other' } })).item;
    const due = async (who: string) => (await listItems(deps, as(who), { recheck: 'due' })).items.map((r) => r.item.number).sort();

    clock.now = on('2026-04-03');
    expect((await scheduleRechecks(deps, as('sup'))).written).toEqual([]);
    clock.now = on('2026-04-04');
    // Two nodes at once: each item gets its 回头看 once. Two stores are two nodes on PostgreSQL; on SQLite (one
    // file, one node) the two runs share the store, as two requests would.
    const second = name === 'postgres' ? await openStore(t.config) : t.store;
    onTestFinished(() => (second === t.store ? undefined : second.close()));
    const [a, b] = await Promise.all([scheduleRechecks(deps, as('sup')), scheduleRechecks(testDeps(second, clock), as('sup'))]);
    expect([...a.written, ...b.written].sort()).toEqual([held.number, back.number].sort());
    const recheckEvents = (await t.store.read.events.listByTypes(tenantId, ['RecheckDue'])).map((e) => e.itemId);
    expect(recheckEvents.sort()).toEqual([held.id, back.id].sort());
    expect((await scheduleRechecks(deps, as('sup'))).written).toEqual([]);
    expect(await due('d1sup')).toEqual([held.number, back.number].sort());
    expect(await due('sup')).toEqual([held.number, back.number].sort());
    expect((await showItem(deps, as('d1sup'), held.id)).item.recheck).toMatchObject({ dueOn: '2026-04-04', status: 'due', decidedAt: null });
    expect((await showItem(deps, as('d1sup'), held.id)).actions).toContain('ConfirmRecheck');
    expect((await showItem(deps, as('sup'), directive.id)).item.recheck ?? null).toBeNull();

    // The street (the lead) cannot sign off its own work; the district's supervisor checks.
    expect(await errorCode(performAction(deps, as('street'), held.id, { type: 'ConfirmRecheck', data: { note: '已复查' } }))).toBe('forbidden');
    const confirmed = await performAction(deps, as('d1sup'), held.id, { type: 'ConfirmRecheck', data: { note: '现场复查，调压站运行正常', evidence: ['file:recheck'] } });
    expect(confirmed.item).toMatchObject({ status: 'closed', recheck: { status: 'confirmed' } });
    expect(await errorCode(performAction(deps, as('d1sup'), held.id, { type: 'ConfirmRecheck', data: { note: '再确认一次' } }))).toBe('invalid_transition');
    const reopened = await performAction(deps, as('d1sup'), back.id, { type: 'ReopenItem', data: { reason: '回头看发现线路私拉乱接反弹', deadline: '2026-04-30' } });
    expect(reopened.item).toMatchObject({ status: 'in_progress', recheck: { status: 'reopened' } });
    expect(await due('d1sup')).toEqual([]);
    expect((await listItems(deps, as('d1sup'), { recheck: 'done' })).items.map((r) => r.item.id).sort()).toEqual([held.id, back.id].sort());

    const stats = await computeStats(deps, as('d1sup'), { ledgerTypes: ['hazard'] });
    expect(stats.total.rebound_rate).toMatchObject({ value: 0.5, numeratorIds: [back.id] });
    expect([...stats.total.rebound_rate.denominatorIds].sort()).toEqual([held.id, back.id].sort());
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it('定期报送: lists the reports due this week, urges a report two working days late once, and turns it red', async () => {
    const { deps, as, tenantId, clock } = await city();
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '每周报送防汛工作进展', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: null, cadence: 'weekly' } });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    const dueThisWeek = async () => (await listItems(deps, as('env'), { reportDue: 'week' })).items.map((r) => r.item.id);
    const urges = async () => (await showItem(deps, as('sup'), item.id)).timeline.filter((e) => e.type === 'ItemUrged');

    // The first report is due a week after the assignment, Monday 9 March: not this week yet.
    expect(await dueThisWeek()).toEqual([]);
    clock.now = on('2026-03-09');
    expect(await dueThisWeek()).toEqual([item.id]);
    clock.now = on('2026-03-10');
    expect((await showItem(deps, as('env'), item.id)).light).toMatchObject({ light: 'yellow', reasons: [{ code: 'report_due', dueOn: '2026-03-09' }] });
    expect((await sweepEscalations(deps, as('sup'))).reportUrges).toEqual([]);

    clock.now = on('2026-03-11');
    const swept = await sweepEscalations(deps, as('sup'));
    expect(swept.reportUrges).toEqual([{ itemId: item.id, number: item.number, dueOn: '2026-03-09' }]);
    expect(await urges()).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ kind: 'urge', automatic: true, note: expect.stringContaining('定期报送应于 2026-03-09') }) }),
    ]);
    expect((await sweepEscalations(deps, as('sup'))).reportUrges).toEqual([]);

    clock.now = on('2026-03-16');
    expect((await showItem(deps, as('env'), item.id)).light).toMatchObject({ light: 'red', reasons: [{ code: 'report_overdue', dueOn: '2026-03-09' }] });
    expect((await listItems(deps, as('sup'), { lights: ['red'] })).items.map((r) => r.item.id)).toEqual([item.id]);
    await performAction(deps, as('env'), item.id, { type: 'ReportProgress', data: { text: '本周完成河道清淤 3 公里', percent: 40 } });
    expect((await showItem(deps, as('env'), item.id)).light.light).toBe('green');
    expect(await dueThisWeek()).toEqual([]);
    expect((await sweepEscalations(deps, as('sup'))).reportUrges).toEqual([]);
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });
});
