import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode as code } from '../testing/city.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { countsCsv, dailyRows, movableClock, seedSignalCity, signalDeps, steadyThen } from '../testing/signals-city.js';
import { configureIndicator, detectSignals, ingestCounts, seriesChart, setResponsibleUnit } from './index.js';

describe.each(DIALECTS)('signal detection on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** Fever-clinic visits (EARS C1, daily) in three districts; 东城区 answers through its health bureau. */
  async function city(last: { d1: number; d2: number; d3?: number | null } = { d1: 30, d2: 6 }) {
    const clock = movableClock();
    const deps = signalDeps(t.store, clock);
    const c = await seedSignalCity(deps);
    await configureIndicator(deps, c.as('sup'), { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' });
    await setResponsibleUnit(deps, c.as('sup'), { region: '东城区', unit: 'd1h', indicator: 'fever' });
    const rows = [...dailyRows('d1', 'fever', '2026-03-01', steadyThen(last.d1)), ...dailyRows('d2', 'fever', '2026-03-01', steadyThen(last.d2))];
    if (last.d3 !== undefined) rows.push(...dailyRows('d3', 'fever', '2026-03-01', steadyThen(last.d3)));
    const report = await ingestCounts(deps, c.as('sup'), countsCsv(rows));
    expect(report.committed).toBe(true);
    const signalItems = () => t.store.read.items.count(c.tenantId, { ledgerTypes: ['signal'] });
    return { clock, deps, signalItems, ...c };
  }

  it.skipIf(skip)('an alarm opens one item, assigned to the responsible unit with a 24-hour deadline; running again opens nothing', async () => {
    const { deps, as, tenantId, signalItems } = await city();
    const first = await detectSignals(deps, as('sup'));
    expect(first.date).toBe('2026-03-16');
    expect(first.totals).toEqual({ alarm_opened: 1, alarm_open: 0, no_alarm: 1, no_result: 0, error: 0 });
    const alarm = first.series.find((s) => s.region === 'd1')!;
    expect(alarm).toMatchObject({ status: 'alarm_opened', period: '2026-03-15', count: 30, observed: 30, periodsBehind: 1, gaps: [] });
    expect(alarm.threshold!).toBeGreaterThan(6);
    expect(alarm.threshold!).toBeLessThan(30);

    const item = (await t.store.read.items.get(tenantId, alarm.item!.id))!;
    expect(item).toMatchObject({ ledgerType: 'signal', status: 'assigned', ownerUnitId: 'cdc', leadUnitId: 'd1h', priority: 'high' });
    // Alarm at 09:00 on the 16th in Shanghai: 24 hours run out on the 17th.
    expect(item.currentDeadline).toBe('2026-03-17');
    expect(item.source).toEqual({ kind: 'signal', seriesKey: 'fever@d1', period: '2026-03-15' });
    expect(item.fields).toMatchObject({ region: '东城区', indicator: '发热门诊就诊人次', series: 'fever@d1', period: '2026-03-15', algorithm: 'ears_c1', observed: 30 });
    const detection = await t.store.read.signals.detections.get(tenantId, { indicatorKey: 'fever', regionUnitId: 'd1', period: '2026-03-15' });
    expect(detection).toMatchObject({ outcome: 'alarm', itemId: item.id, unitId: 'd1h', alarmAt: '2026-03-16T01:00:00.000Z' });

    const second = await detectSignals(deps, as('sup'), { date: '2026-03-15' });
    expect(second.totals).toMatchObject({ alarm_opened: 0, alarm_open: 1 });
    expect(second.series.find((s) => s.region === 'd1')!.item).toEqual({ id: item.id, number: item.number, unitId: 'd1h' });
    expect(await signalItems()).toBe(1);
  });

  it.skipIf(skip)('two detection runs at once still open a single item per series and period', async () => {
    const { deps, as, signalItems } = await city({ d1: 30, d2: 25 });
    const runs = await Promise.all([detectSignals(deps, as('sup')), detectSignals(deps, as('sup')), detectSignals(deps, as('sup'))]);
    expect(runs.reduce((n, r) => n + r.totals.alarm_opened, 0)).toBe(2);
    expect(runs.every((r) => r.totals.alarm_opened + r.totals.alarm_open === 2)).toBe(true);
    expect(await signalItems()).toBe(2);
  });

  it.skipIf(skip)('hands an alarm to the region itself when it names no responsible unit', async () => {
    const { deps, as, tenantId } = await city({ d1: 6, d2: 25 });
    const report = await detectSignals(deps, as('sup'));
    const s = report.series.find((x) => x.region === 'd2')!;
    expect(s.status).toBe('alarm_opened');
    expect((await t.store.read.items.get(tenantId, s.item!.id))!.leadUnitId).toBe('d2');
  });

  it.skipIf(skip)('reports a series too short, a missing count and a gap in the baseline instead of failing', async () => {
    const { deps, as, tenantId } = await city({ d1: 30, d2: 6, d3: null });
    await configureIndicator(deps, as('sup'), { key: 'absence', name: '学校缺课人数', algorithm: 'farringtonFlexible', frequency: 'week' });
    await configureIndicator(deps, as('sup'), { key: 'pharmacy', name: '退热药销售量', algorithm: 'earsC', frequency: 'day' });
    const weeks = ['2026-W07', '2026-W08', '2026-W09', '2026-W10', '2026-W11'].map((w, i) => ['d1', 'absence', w, 10 + i]);
    // 03-10 is absent from the file: a gap inside the 7-day baseline of 03-15.
    const pharmacy = dailyRows('d2', 'pharmacy', '2026-03-01', steadyThen(40)).filter((r) => r[2] !== '2026-03-10');
    expect((await ingestCounts(deps, as('sup'), countsCsv([...weeks, ...pharmacy]))).committed).toBe(true);
    const report = await detectSignals(deps, as('sup'));
    const of = (indicator: string, region: string) => report.series.find((s) => s.indicator === indicator && s.region === region)!;
    expect(of('absence', 'd1')).toMatchObject({ status: 'error', period: '2026-W11', problem: { code: 'series_too_short' } });
    expect(of('fever', 'd3')).toMatchObject({ status: 'no_result', count: null });
    expect(of('pharmacy', 'd2')).toMatchObject({ status: 'no_result', gaps: ['2026-03-10'] });
    expect(report.totals).toMatchObject({ alarm_opened: 1, error: 1, no_result: 2, no_alarm: 1 });
    const stored = await t.store.read.signals.detections.get(tenantId, { indicatorKey: 'pharmacy', regionUnitId: 'd2', period: '2026-03-15' });
    expect(stored).toMatchObject({ outcome: 'no_result', itemId: null });
  });

  it.skipIf(skip)('keeps a district supervisor to its district and reports an alarm it may not hand out', async () => {
    const { deps, as, signalItems } = await city({ d1: 30, d2: 25 });
    await setResponsibleUnit(deps, as('sup'), { region: 'd2', unit: 'cdc' });
    const report = await detectSignals(deps, as('d2sup'));
    expect(report.outOfScope).toBe(1);
    expect(report.series).toHaveLength(1);
    expect(report.series[0]).toMatchObject({ region: 'd2', status: 'error', problem: { code: 'forbidden' } });
    expect(await signalItems()).toBe(0);
  });

  it.skipIf(skip)('lets only supervisors detect, never in the future, and only for known indicators', async () => {
    const { deps, as } = await city();
    expect(await code(detectSignals(deps, as('d2')))).toBe('forbidden');
    expect(await code(detectSignals(deps, as('admin')))).toBe('business_data_forbidden');
    expect(await code(detectSignals(deps, as('sup'), { date: '2026-03-17' }))).toBe('invalid_input');
    expect(await code(detectSignals(deps, as('sup'), { date: '2026-02-30' }))).toBe('invalid_input');
    expect(await code(detectSignals(deps, as('sup'), { indicators: ['flu'] }))).toBe('indicator_not_found');
  });

  it.skipIf(skip)('draws a series with its threshold band, alarms and the item an alarm opened', async () => {
    const { deps, as, operator } = await city();
    const report = await detectSignals(deps, as('sup'));
    const chart = await seriesChart(deps, operator, { region: '东城区', indicator: 'fever', periods: 8 });
    expect(chart.points.map((p) => p.period)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
    expect(chart.points.every((p) => p.threshold !== null && p.alarm !== null)).toBe(true);
    expect(chart.points.at(-1)).toMatchObject({ count: 30, alarm: true, threshold: report.series.find((s) => s.region === 'd1')!.threshold });
    expect(chart.points.slice(0, -1).every((p) => p.alarm === false)).toBe(true);
    expect(chart.thresholdScale).toBe('count');
    expect(chart.detections).toEqual([
      expect.objectContaining({ period: '2026-03-15', outcome: 'alarm', item: expect.objectContaining({ status: 'assigned', leadUnitId: 'd1h' }) }),
    ]);
    // Longer than the history: the algorithm starts where it has a baseline; earlier points have none.
    const all = await seriesChart(deps, operator, { region: 'd1', indicator: 'fever', periods: 100 });
    expect(all.points).toHaveLength(15);
    expect(all.points.filter((p) => p.threshold === null)).toHaveLength(7);
    expect(await code(seriesChart(deps, as('d2'), { region: 'd1', indicator: 'fever' }))).toBe('series_not_found');
    expect(await code(seriesChart(deps, operator, { region: 'd1', indicator: 'flu' }))).toBe('indicator_not_found');
  });
});
