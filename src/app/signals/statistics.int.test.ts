import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode as code } from '../testing/city.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { performAction } from '../items/perform.js';
import { countsCsv, dailyRows, movableClock, seedSignalCity, signalDeps, steadyThen } from '../testing/signals-city.js';
import { configureIndicator, detectSignals, ingestCounts, recordVerification, setResponsibleUnit, signalStatistics } from './index.js';

describe.each(DIALECTS)('signal statistics on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('records the verification outcome through the loop and gives the response rate within 24 h and the median response time', async () => {
    const clock = movableClock();
    const deps = signalDeps(t.store, clock);
    const { as, operator } = await seedSignalCity(deps);
    await configureIndicator(deps, as('sup'), { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', frequency: 'day' });
    await setResponsibleUnit(deps, as('sup'), { region: 'd1', unit: 'd1h' });
    const rows = ['d1', 'd2', 'd3'].flatMap((d) => dailyRows(d, 'fever', '2026-03-01', steadyThen(30)));
    await ingestCounts(deps, as('sup'), countsCsv(rows));
    const report = await detectSignals(deps, as('sup'));
    expect(report.totals.alarm_opened).toBe(3);
    const itemOf = (region: string) => report.series.find((s) => s.region === region)!.item!.id;

    // 东城区卫健局 answers in 30 minutes and verifies a true alarm after 2 hours; the review closes it.
    clock.advance(30);
    await performAction(deps, as('d1h'), itemOf('d1'), { type: 'AcceptItem', data: {} });
    clock.advance(90);
    const verified = await recordVerification(deps, as('d1h'), itemOf('d1'), {
      outcome: 'true_alarm',
      actionTaken: '流调核实为聚集性发热，已开展消杀',
      evidence: ['file:report-1'],
    });
    expect(verified.item).toMatchObject({
      status: 'closing',
      fields: expect.objectContaining({ verification: 'true_alarm', verificationNote: '流调核实为聚集性发热，已开展消杀' }),
    });
    await performAction(deps, as('sup'), itemOf('d1'), { type: 'PassStage', data: {} });
    // 西城区 answers after 30 hours, late, and finds a false alarm (a reporting error).
    clock.advance(30 * 60 - 120);
    await performAction(deps, as('d2'), itemOf('d2'), { type: 'AcceptItem', data: {} });
    await recordVerification(deps, as('d2'), itemOf('d2'), { outcome: 'false_alarm', actionTaken: '系重复上报，已更正数据', evidence: ['file:report-2'] });
    await performAction(deps, as('sup'), itemOf('d2'), { type: 'PassStage', data: {} });
    // 南城区 has not answered at all.
    expect(await code(recordVerification(deps, as('d3'), itemOf('d3'), { outcome: 'maybe' as 'true_alarm', actionTaken: '—', evidence: ['x'] }))).toBe('invalid_transition');

    const stats = await signalStatistics(deps, operator);
    expect(stats.totals).toMatchObject({
      alarms: 3,
      responseDue: 3,
      respondedInTime: 1,
      responseRate: 1 / 3,
      medianResponseMinutes: (30 + 30 * 60) / 2,
      verifiedInTime: 1,
      verificationDue: 3,
      closed: 2,
      trueAlarms: 1,
      falseAlarms: 1,
      trueAlarmShare: 0.5,
      cancelled: 0,
    });
    expect([...stats.totals.lateItemIds].sort()).toEqual([itemOf('d2'), itemOf('d3')].sort());
    expect(stats.byUnitWeek.map((g) => [g.unitName, g.week, g.alarms, g.respondedInTime])).toEqual([
      ['东城区卫生健康局', '2026-W12', 1, 1],
      ['南城区', '2026-W12', 1, 0],
      ['西城区', '2026-W12', 1, 0],
    ]);
    expect(stats.byUnit.find((u) => u.unitId === 'd1h')).toMatchObject({ medianResponseMinutes: 30, medianVerificationMinutes: 120, responseRate: 1 });

    // A district supervisor sees the alarms of its district only; the window and period are honoured.
    expect((await signalStatistics(deps, as('d2sup'))).totals.itemIds).toEqual([itemOf('d2')]);
    expect((await signalStatistics(deps, operator, { from: '2026-03-17' })).totals.alarms).toBe(0);
    expect((await signalStatistics(deps, operator, { windowHours: 48 })).totals.respondedInTime).toBe(2);
    expect(await code(signalStatistics(deps, operator, { from: '2026-03-20', to: '2026-03-01' }))).toBe('invalid_input');
    expect(await code(signalStatistics(deps, as('admin')))).toBe('business_data_forbidden');
  });
});
