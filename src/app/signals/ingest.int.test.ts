import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode as code } from '../testing/city.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { countsCsv, dailyRows, movableClock, seedSignalCity, signalDeps, steadyThen } from '../testing/signals-city.js';
import { configureIndicator, ingestCountRows, ingestCounts, listIndicators } from './index.js';

describe.each(DIALECTS)('signal counts and indicators on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function city() {
    const deps = signalDeps(t.store, movableClock());
    const c = await seedSignalCity(deps);
    await configureIndicator(deps, c.as('sup'), { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' });
    return { deps, ...c };
  }
  const stored = (tenantId: string, region: string) => t.store.read.signals.counts.listSeries(tenantId, { indicatorKey: 'fever', regionUnitId: region });

  it.skipIf(skip)('reports every bad row with its line, column and code, and a file with errors writes nothing', async () => {
    const { deps, tenantId, as } = await city();
    const csv = countsCsv([
      ['d1', 'fever', '2026-03-01', 5],
      ['d1', 'fever', '2026-03-02', -3],
      ['d1', 'flu', '2026-03-03', 4],
      ['北城区', 'fever', '2026-03-04', 4],
      ['d1', 'fever', '2026-03-05', 2.5],
      ['d3', 'fever', '2026-W10', 7],
      ['d1', 'fever', '2026-03-20', 7],
      ['西城区', 'fever', '2026-03-01', 3],
      ['XC', 'fever', '2026-03-01', 3],
      ['d1', 'fever', 'yesterday', 3],
    ]);
    const report = await ingestCounts(deps, as('sup'), csv);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'count', 'invalid_count'],
      [4, 'indicator', 'unknown_indicator'],
      [5, 'region', 'unknown_unit'],
      [6, 'count', 'invalid_count'],
      [7, 'period', 'period_kind_mismatch'],
      [8, 'period', 'future_period'],
      [10, 'period', 'duplicate_period'],
      [11, 'period', 'invalid_period'],
    ]);
    expect(report.errors.every((e) => e.message.length > 0 && /[\u4e00-\u9fff]/.test(e.messageZh))).toBe(true);
    expect([report.valid, report.invalid, report.inserted]).toEqual([2, 8, 0]);
    expect(await stored(tenantId, 'd1')).toEqual([]);
    expect(await stored(tenantId, 'd2')).toEqual([]);
  });

  it.skipIf(skip)('with skipInvalid writes only the valid rows, resolving regions by id, code or unique name', async () => {
    const { deps, tenantId, as } = await city();
    const csv = countsCsv([
      ['d1', 'fever', '2026-03-01', 5],
      ['d1', 'fever', '2026-03-02', -1],
      ['XC', '发热门诊就诊人次', '2026-03-01', 3],
      ['南城区', 'fever', '2026-03-01', 'NA'],
    ]);
    const report = await ingestCounts(deps, as('sup'), csv, { skipInvalid: true });
    expect(report).toMatchObject({ committed: true, valid: 3, invalid: 1, inserted: 3, updated: 0, series: 3 });
    expect((await stored(tenantId, 'd1')).map((c) => [c.period, c.count])).toEqual([['2026-03-01', 5]]);
    expect((await stored(tenantId, 'd2')).map((c) => c.count)).toEqual([3]);
    expect((await stored(tenantId, 'd3')).map((c) => c.count)).toEqual([null]);
  });

  it.skipIf(skip)('upserts per region, indicator and period: the same file twice changes nothing, a corrected count replaces the old one', async () => {
    const { deps, tenantId, as } = await city();
    const csv = countsCsv(dailyRows('d1', 'fever', '2026-03-01', steadyThen(6)));
    expect(await ingestCounts(deps, as('sup'), csv)).toMatchObject({ committed: true, inserted: 15, updated: 0, unchanged: 0 });
    const head = await t.store.read.events.head(tenantId);
    expect(await ingestCounts(deps, as('sup'), csv)).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 15 });
    expect((await t.store.read.events.head(tenantId)).seq).toBe(head.seq);
    const corrected = countsCsv([
      ['d1', 'fever', '2026-03-15', 40],
      ['d1', 'fever', '2026-03-14', 6],
    ]);
    expect(await ingestCounts(deps, as('sup'), corrected)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const counts = await stored(tenantId, 'd1');
    expect(counts).toHaveLength(15);
    expect(counts.at(-1)).toMatchObject({ period: '2026-03-15', count: 40 });
    const events = await t.store.read.events.listAfter(tenantId, 0);
    expect(events.filter((e) => e.type === 'SignalCountsIngested').map((e) => e.payload.updated)).toEqual([0, 1]);
  });

  it.skipIf(skip)('refuses a file without a count column as a whole', async () => {
    const { deps, tenantId, as } = await city();
    const report = await ingestCounts(deps, as('sup'), 'region,indicator,period\nd1,fever,2026-03-01\n', { skipInvalid: true });
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['missing_column']);
    expect(await stored(tenantId, 'd1')).toEqual([]);
  });

  it.skipIf(skip)('takes JSON rows from API callers and names the bad row', async () => {
    const { deps, tenantId, as } = await city();
    const report = await ingestCountRows(deps, as('sup'), [
      { region: 'd2', indicator: 'fever', period: '2026-03-01', count: 4 },
      { region: 'd2', indicator: 'fever', period: '2026-03-02', count: -2 },
    ]);
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[2, 'invalid_count']]);
    expect(await stored(tenantId, 'd2')).toEqual([]);
  });

  it.skipIf(skip)("keeps a district supervisor to its district's counts and keeps administrators out", async () => {
    const { deps, as } = await city();
    const csv = countsCsv([
      ['d2', 'fever', '2026-03-01', 4],
      ['d1', 'fever', '2026-03-01', 4],
    ]);
    const report = await ingestCounts(deps, as('d2sup'), csv);
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[3, 'unit_out_of_scope']]);
    expect(await code(ingestCounts(deps, as('admin'), csv))).toBe('business_data_forbidden');
    expect(await code(ingestCounts(deps, as('d2'), csv))).toBe('forbidden');
  });

  it.skipIf(skip)("validates an indicator's control with its algorithm's schema and refuses incomplete or duplicate ones", async () => {
    const { deps, as, operator } = await city();
    const base = { key: 'absence', name: '学校缺课人数', frequency: 'week' as const };
    expect(await code(configureIndicator(deps, as('sup'), { ...base, algorithm: 'earsC', control: { method: 'C4' } }))).toBe('invalid_control');
    expect(await code(configureIndicator(deps, as('sup'), { ...base, algorithm: 'farringtonFlexible', control: { alpha: 1.5 } }))).toBe('invalid_control');
    expect(await code(configureIndicator(deps, as('sup'), { ...base, algorithm: 'cusum' }))).toBe('invalid_input');
    expect(await code(configureIndicator(deps, as('sup'), { ...base, algorithm: 'cidars', ledgerType: 'nope' }))).toBe('ledger_type_not_found');
    expect(await code(configureIndicator(deps, as('sup'), { ...base, algorithm: 'cidars', ledgerType: 'directive' }))).toBe('invalid_input');
    expect(await code(configureIndicator(deps, as('sup'), { ...base, key: 'fever', algorithm: 'cidars', frequency: 'day' }))).toBe('already_exists');
    expect(await code(configureIndicator(deps, as('sup'), { ...base, key: 'fever', algorithm: 'cidars' }, { replace: true }))).toBe('invalid_input');
    await configureIndicator(deps, operator, { ...base, algorithm: 'glrnb', control: { ret: 'cases' }, windowPeriods: 52 });
    expect((await listIndicators(deps, operator)).map((i) => [i.key, i.algorithm, i.windowPeriods, i.ledgerType])).toEqual([
      ['absence', 'glrnb', 52, 'signal'],
      ['fever', 'earsC', 1, 'signal'],
    ]);
  });
});
