import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem, performAction } from '../index.js';
import { exportItems } from './export.js';
import { HEADER_ROWS } from './sheet.js';
import { zipText } from './zip.js';

describe.each(DIALECTS)('Excel export on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function city() {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    const make = async (title: string, fields: Record<string, unknown> = { category: 'meeting_decision' }) =>
      (await createItem(deps, as('sup'), { ledgerType: 'directive', title, content: '按要求推进', fields })).item;
    const closed = await make('河道整治任务', { category: 'leader_instruction', sourceDate: '2026-02-20' });
    await performAction(deps, as('sup'), closed.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-03-20' } });
    await performAction(deps, as('env'), closed.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), closed.id, { type: 'ReportProgress', data: { text: '已完成六成', percent: 60 } });
    await performAction(deps, as('env'), closed.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:x'], fields: { outcome: '已整改' } } });
    await performAction(deps, as('sup'), closed.id, { type: 'PassStage', data: {} });
    const open = await make('=HYPERLINK("http://x","y")');
    await performAction(deps, as('sup'), open.id, { type: 'AssignItem', data: { leadUnitId: 'water', deadline: '2026-03-31' } });
    const draft = await make('+SUM(A1)起草中的事项');
    return { deps, tenantId, as, closed, open, draft };
  }

  async function sheetOf(body: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }

  it.skipIf(skip)('writes labels, units by name, Excel dates, 按期 and 100% for a closed item, under a header block and frozen header', async () => {
    const { deps, tenantId, as, closed } = await city();
    const file = await exportItems(deps, as('sup'), { ledgerTypes: ['directive'], sort: 'created_asc' }, { format: 'xlsx' });
    expect(file.fileName).toMatch(/^会议部署事项台账-2026-03-02\.xlsx$/);
    expect(file.rows).toBe(3);
    const ws = await sheetOf(file.body);
    expect(ws.getCell(1, 1).value).toBe('会议部署事项台账');
    expect(String(ws.getCell(2, 1).value)).toContain('单位：市委督查室');
    expect(String(ws.getCell(2, 1).value)).toContain('导出日期：2026-03-02');
    expect(String(ws.getCell(3, 1).value)).toBe('筛选条件：台账类型：会议部署事项');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROWS });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    const headers = (ws.getRow(HEADER_ROWS).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    const row = ws.getRow(HEADER_ROWS + 1);
    expect(row.getCell(col('编号')).value).toBe(closed.number);
    expect(row.getCell(col('状态')).value).toBe('已办结');
    expect(row.getCell(col('牵头单位')).value).toBe('市生态环境局');
    expect(row.getCell(col('配合单位')).value).toBe('市水务局');
    expect(row.getCell(col('事项类别')).value).toBe('领导批示');
    expect(row.getCell(col('来源时间')).value).toEqual(new Date('2026-02-20T00:00:00.000Z'));
    expect(row.getCell(col('办理时限')).value).toEqual(new Date('2026-03-20T00:00:00.000Z'));
    expect(row.getCell(col('办理时限')).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(col('进度')).value).toBe(1);
    expect(row.getCell(col('预警')).value).toBe('按期');
    expect(row.getCell(col('办结情况')).value).toBe('按期办结');
    expect(row.getCell(col('优先级')).value).toBe('一般');
    // The round-trip columns are there but hidden.
    expect(ws.getColumn(col('系统编号(勿改)')).hidden).toBe(true);
    expect(ws.getColumn(col('版本(勿改)')).hidden).toBe(true);
    expect(row.getCell(col('版本(勿改)')).value).toBe(6); // created, assigned, accepted, reported, closure requested, passed
    const second = ws.getRow(HEADER_ROWS + 2);
    expect(second.getCell(col('状态')).value).toBe('待签收');
    expect(['绿灯', '黄灯']).toContain(second.getCell(col('预警')).value);
    // No code leaks anywhere in the table.
    const text = JSON.stringify(ws.getSheetValues());
    for (const code of ['directive', 'meeting_decision', 'leader_instruction', 'in_progress', '"env"', 'true', 'false']) expect(text).not.toContain(code);
    expect(tenantId).toBeTruthy();
  });

  it.skipIf(skip)('keeps a title that looks like a formula as text in the workbook and neutralises it in the CSV', async () => {
    const { deps, as } = await city();
    const xlsx = await exportItems(deps, as('sup'), { sort: 'created_asc' }, { format: 'xlsx' });
    const ws = await sheetOf(xlsx.body);
    const titles = [HEADER_ROWS + 2, HEADER_ROWS + 3].map((r) => ws.getRow(r).getCell(3));
    expect(titles.map((c) => c.value)).toEqual(['=HYPERLINK("http://x","y")', '+SUM(A1)起草中的事项']);
    expect(titles.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    // The sheet XML holds no formula element at all.
    const xml = zipText(xlsx.body, 'xl/worksheets/sheet1.xml')!;
    expect(xml).not.toMatch(/<f[ >]/);
    const csv = (await exportItems(deps, as('sup'), { sort: 'created_asc' }, { format: 'csv' })).body.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain(`'+SUM(A1)起草中的事项`);
    expect(csv).toContain('100%');
    expect(csv).toContain('待签收');
  });

  it.skipIf(skip)('exports only what the reader may see', async () => {
    const { deps, as } = await city();
    const file = await exportItems(deps, as('water'), {}, { format: 'csv' });
    const csv = file.body.toString('utf8');
    // The water bureau leads one item and co-handles the closed one; the draft is the supervisor's alone.
    expect(csv).toContain('HYPERLINK');
    expect(csv).toContain('河道整治任务');
    expect(csv).not.toContain('起草中的事项');
    expect(file.rows).toBe(2);
  });
});
