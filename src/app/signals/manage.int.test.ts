import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeOnStores } from '../../store/testing/suite.js';
import { errorCode as code } from '../testing/city.js';
import { countsCsv, dailyRows, movableClock, seedSignalCity, signalDeps, steadyThen } from '../testing/signals-city.js';
import { configureIndicator, detectSignals, ingestCountFile, ingestCounts, listIndicators, switchIndicator } from './index.js';

/** A workbook with a title row above the header, as offices fill them, and the given data rows. */
async function workbook(rows: readonly (readonly (string | number | Date | null)[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('计数');
  ws.addRow(['示范市发热门诊就诊人次']);
  ws.addRow(['地区', '指标', '日期', '计数']);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeOnStores('managing indicators and count files', (t) => {
  async function city() {
    const deps = signalDeps(t.store, movableClock());
    const c = await seedSignalCity(deps);
    await configureIndicator(deps, c.as('sup'), { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' });
    return { deps, ...c };
  }
  const stored = (tenantId: string) => t.store.read.signals.counts.listSeries(tenantId, { indicatorKey: 'fever', regionUnitId: 'd1' });

  it('a dry run reports what would be inserted, updated and refused, and writes nothing', async () => {
    const { deps, tenantId, as } = await city();
    await ingestCounts(deps, as('sup'), countsCsv(dailyRows('d1', 'fever', '2026-03-01', [5, 6])));
    const csv = countsCsv([...dailyRows('d1', 'fever', '2026-03-01', [5, 7, 9]), ['北城区', 'fever', '2026-03-04', 4]]);
    const dry = await ingestCounts(deps, as('sup'), csv, { dryRun: true });
    expect(dry).toMatchObject({ committed: false, valid: 3, invalid: 1, inserted: 1, updated: 1, unchanged: 1, series: 1 });
    expect(dry.errors.map((e) => [e.line, e.column, e.code])).toEqual([[5, 'region', 'unknown_unit']]);
    expect((await stored(tenantId)).map((c) => c.count)).toEqual([5, 6]);
    const written = await ingestCounts(deps, as('sup'), csv, { skipInvalid: true });
    expect(written).toMatchObject({ committed: true, inserted: 1, updated: 1, unchanged: 1 });
    expect((await stored(tenantId)).map((c) => c.count)).toEqual([5, 7, 9]);
  });

  it('reads an .xlsx sheet below its title row and reports errors by sheet row; a GB18030 CSV too', async () => {
    const { deps, tenantId, as } = await city();
    const xlsx = await workbook([
      ['东城区', 'fever', '2026-03-01', 5],
      ['东城区', '发热门诊就诊人次', new Date('2026-03-02T00:00:00Z'), 6],
      ['东城区', 'fever', '2026-03-03', 'many'],
    ]);
    const dry = await ingestCountFile(deps, as('sup'), xlsx, { dryRun: true });
    expect(dry).toMatchObject({ committed: false, valid: 2, invalid: 1, inserted: 2 });
    expect(dry.errors.map((e) => [e.line, e.column, e.code])).toEqual([[5, 'count', 'invalid_count']]);
    expect(await stored(tenantId)).toEqual([]);
    expect(await ingestCountFile(deps, as('sup'), xlsx)).toMatchObject({ committed: false, inserted: 0 });
    expect(await ingestCountFile(deps, as('sup'), xlsx, { skipInvalid: true })).toMatchObject({ committed: true, inserted: 2 });
    const xicheng = Buffer.from('cef7b3c7c7f8', 'hex'); // 西城区 in GB18030
    const gbFile = Buffer.concat([Buffer.from('region,indicator,period,count\n'), xicheng, Buffer.from(',fever,2026-03-03,4\n')]);
    expect(await ingestCountFile(deps, as('sup'), gbFile, { dryRun: true })).toMatchObject({ valid: 1, inserted: 1, errors: [] });
    expect(await code(ingestCountFile(deps, as('sup'), Buffer.from('PK\u0003\u0004 not a workbook')))).toBe('import_unreadable');
  });

  it('a switched-off indicator is left out of detection, keeps its counts, and only a supervisor switches it', async () => {
    const { deps, tenantId, as } = await city();
    await ingestCounts(deps, as('sup'), countsCsv(dailyRows('d1', 'fever', '2026-03-01', steadyThen(30))));
    expect(await code(switchIndicator(deps, as('d1h'), 'fever', false))).toBe('forbidden');
    expect(await code(switchIndicator(deps, as('sup'), 'flu', false))).toBe('indicator_not_found');
    const off = await switchIndicator(deps, as('sup'), 'fever', false);
    expect(off.disabledAt).not.toBeNull();
    expect((await switchIndicator(deps, as('sup'), 'fever', false)).disabledAt).toBe(off.disabledAt);
    expect((await listIndicators(deps, as('sup')))[0]!.disabledAt).toBe(off.disabledAt);
    expect((await detectSignals(deps, as('sup'), { date: '2026-03-15' })).series).toEqual([]);
    expect((await detectSignals(deps, as('sup'), { date: '2026-03-15', indicators: ['fever'] })).totals.alarm_opened).toBe(1);
    expect(await stored(tenantId)).toHaveLength(15);
    const on = await switchIndicator(deps, as('sup'), 'fever', true);
    expect(on.disabledAt).toBeNull();
    // Replacing the configuration keeps the switch as it is.
    await switchIndicator(deps, as('sup'), 'fever', false);
    const replaced = await configureIndicator(
      deps,
      as('sup'),
      { key: 'fever', name: '发热门诊', algorithm: 'earsC', control: { method: 'C2' }, frequency: 'day' },
      { replace: true },
    );
    expect(replaced.disabledAt).not.toBeNull();
  });
});
