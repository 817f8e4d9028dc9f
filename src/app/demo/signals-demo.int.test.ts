import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshId, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { listIndicators, seriesChart } from '../signals/index.js';
import { testClock, testDeps } from '../testing/city.js';
import { buildDemo } from './build-demo.js';

describe.each(DIALECTS)('the demo city’s 监测预警 on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('ships indicators with a year of counts per district, threshold bands, and alarms whose verification items exist', async () => {
    const now = new Date('2026-11-20T04:00:00.000Z');
    const tenantId = freshId('demo-sig');
    await buildDemo(t.store, { now, newId: randomUUID, tenantId });
    const deps = testDeps(t.store, testClock(now.toISOString()));
    const supervisor = { tenantId, username: 'supervisor' };
    const indicators = await listIndicators(deps, supervisor);
    expect(indicators.map((i) => [i.key, i.frequency, i.disabledAt])).toEqual([
      ['fever_clinic', 'day', null],
      ['gas_complaints', 'day', null],
      ['school_absence', 'week', null],
    ]);
    const fever = await t.store.read.signals.counts.listSeries(tenantId, { indicatorKey: 'fever_clinic', regionUnitId: 'd1' });
    expect(fever).toHaveLength(365);
    expect(fever.at(-1)!.periodStart).toBe('2026-11-19');
    const school = await t.store.read.signals.counts.listSeries(tenantId, { indicatorKey: 'school_absence', regionUnitId: 'd3' });
    expect(school.length).toBeGreaterThanOrEqual(52);

    // The chart of 东城区's fever clinics: a band over 90 days and the alarm two weeks ago, with its closed item.
    const chart = await seriesChart(deps, supervisor, { region: 'd1', indicator: 'fever_clinic' });
    expect(chart.problem).toBeNull();
    expect(chart.points).toHaveLength(90);
    expect(chart.points.filter((p) => p.threshold !== null).length).toBeGreaterThan(80);
    expect(chart.points.some((p) => p.alarm === true)).toBe(true);
    const feverAlarm = chart.detections.find((d) => d.outcome === 'alarm');
    expect(feverAlarm).toMatchObject({ period: '2026-11-05', item: { status: 'closed', leadUnitId: 'd1-wjj' } });
    const [closed] = await t.store.read.items.getMany(tenantId, [feverAlarm!.item!.id]);
    expect(closed!.fields.verification).toBe('true_alarm');

    // Yesterday's gas complaints in 西城区 wait for 签收 by its 住建局; last week's school absences are being verified.
    const gas = await seriesChart(deps, supervisor, { region: 'd2', indicator: 'gas_complaints' });
    expect(gas.detections.find((d) => d.outcome === 'alarm')).toMatchObject({ period: '2026-11-19', item: { status: 'assigned', leadUnitId: 'd2-zjj' } });
    const absence = await seriesChart(deps, supervisor, { region: 'd3', indicator: 'school_absence' });
    expect(absence.detections.find((d) => d.outcome === 'alarm')).toMatchObject({ item: { status: 'in_progress', leadUnitId: 'dept-jyj' } });
  });
});
