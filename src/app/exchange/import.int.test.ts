import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Item } from '../../domain/item.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem, performAction } from '../index.js';
import { exportItems } from './export.js';
import { importItems } from './import.js';
import { HEADER_ROWS } from './sheet.js';
import { importTemplate } from './template.js';
import { zipText } from './zip.js';

async function load(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** Column number (1-based) of a header in the table's header row. */
const colOf = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(HEADER_ROWS).values as unknown[]).findIndex((v) => typeof v === 'string' && v.replace(/\*$/, '') === header);

/** A zip with one deflated entry of `size` zero bytes: tiny on disk, huge inflated. */
function zipBomb(size: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(Buffer.alloc(size));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const dirOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe.each(DIALECTS)('Excel import on $name', ({ name, skip }) => {
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
    const seeded = await seedCity(deps);
    return { deps, ...seeded };
  }

  it.skipIf(skip)('round trip: export 200 items, edit 10 cells, import exactly those changes as events; a row changed meanwhile is a conflict', { timeout: 60_000 }, async () => {
    const { deps, tenantId, as } = await city();
    const items: Item[] = [];
    for (let i = 0; i < 200; i++) {
      items.push((await createItem(deps, as('sup'), { ledgerType: 'directive', title: `第${i + 1}项部署事项`, fields: { category: 'key_task' } })).item);
    }
    const file = await exportItems(deps, as('sup'), { ledgerTypes: ['directive'], sort: 'created_asc' }, { format: 'xlsx' });
    const head = (await t.store.read.events.head(tenantId)).seq;
    // Someone edits item 51 after the export.
    await performAction(deps, as('sup'), items[50]!.id, { type: 'EditDraft', data: { title: '他人修改的标题' } });

    const wb = await load(file.body);
    const ws = wb.worksheets[0]!;
    // Rows by item: the sheet's order is the store's (created at the same instant here), not the array's.
    const [title, lead, deadline, numberCol] = ['事项名称', '牵头单位', '办理时限', '编号'].map((h) => colOf(ws, h));
    const at = new Map<string, number>();
    for (let r = HEADER_ROWS + 1; r <= HEADER_ROWS + 200; r++) at.set(String(ws.getRow(r).getCell(numberCol!).value), r);
    const rowNo = (i: number) => at.get(items[i]!.number)!;
    const row = (i: number) => ws.getRow(rowNo(i));
    const retitled = [3, 17, 42, 99, 150, 199];
    for (const i of retitled) row(i).getCell(title!).value = `改后标题${i}`;
    row(10).getCell(lead!).value = '市生态环境局';
    row(10).getCell(deadline!).value = new Date('2026-04-30T00:00:00Z');
    row(120).getCell(lead!).value = '东城区';
    row(120).getCell(deadline!).value = '2026-05-15';
    row(50).getCell(title!).value = '我的修改';
    const edited = await save(wb);

    const preview = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', dryRun: true });
    expect(preview).toMatchObject({ created: 0, updated: 8, written: false });
    expect(preview.errors).toEqual([expect.objectContaining({ row: rowNo(50), code: 'version_conflict', column: '版本(勿改)' })]);
    expect(preview.rows.find((r) => r.row === rowNo(10))!.changes).toEqual(['牵头单位', '办理时限']);

    // All or nothing: the conflict refuses the sheet, nothing is written.
    const all = await importItems(deps, as('sup'), edited, { ledgerType: 'directive' });
    expect(all).toMatchObject({ written: false, created: 0, updated: 0 });
    expect((await t.store.read.events.head(tenantId)).seq).toBe(head + 1);

    // Valid rows only: the ten cells become eight events (an assignment carries its unit and deadline), the conflict row is left.
    const valid = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', mode: 'valid' });
    expect(valid).toMatchObject({ written: true, created: 0, updated: 8 });
    expect(valid.errors.map((e) => e.code)).toEqual(['version_conflict']);
    const events = (await t.store.read.events.listAfter(tenantId, head + 1)).filter((e) => e.itemId !== null);
    const bySheet = (a: [string, string], b: [string, string]) => rowNo(items.findIndex((x) => x.id === a[0])) - rowNo(items.findIndex((x) => x.id === b[0]));
    expect(events.map((e) => [e.itemId!, e.type] as [string, string])).toEqual(
      (
        [
          [items[3]!.id, 'DraftEdited'],
          [items[10]!.id, 'ItemAssigned'],
          [items[17]!.id, 'DraftEdited'],
          [items[42]!.id, 'DraftEdited'],
          [items[99]!.id, 'DraftEdited'],
          [items[120]!.id, 'ItemAssigned'],
          [items[150]!.id, 'DraftEdited'],
          [items[199]!.id, 'DraftEdited'],
        ] as [string, string][]
      ).sort(bySheet),
    );
    const data = (i: number) => (events.find((e) => e.itemId === items[i]!.id)!.payload as { data: Record<string, unknown> }).data;
    for (const i of retitled) expect(data(i)).toEqual({ title: `改后标题${i}` });
    expect(data(10)).toMatchObject({ leadUnitId: 'env', coUnitIds: [], deadline: '2026-04-30' });
    expect(data(120)).toMatchObject({ leadUnitId: 'd1', deadline: '2026-05-15' });
    expect((await t.store.read.items.get(tenantId, items[50]!.id))!.title).toBe('他人修改的标题');
    // The same file again changes nothing more: its rows now match (the conflict row still conflicts).
    const again = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', mode: 'valid' });
    expect(again).toMatchObject({ created: 0, updated: 0, written: false });
  });

  it.skipIf(skip)('a template with 5 bad rows gives 5 row errors and writes nothing; its good rows alone create and assign', async () => {
    const { deps, tenantId, as } = await city();
    const template = await importTemplate(deps, as('sup'), 'directive');
    const wb = await load(template.body);
    const ws = wb.worksheets[0]!;
    expect(wb.worksheets.map((w) => w.name)).toEqual(['会议部署事项', '单位', '填写说明']);
    expect(ws.getRow(HEADER_ROWS).getCell(1).value).toBe('事项名称*');
    const xml = zipText(template.body, 'xl/worksheets/sheet1.xml')!;
    expect(xml).toContain('<dataValidation type="list"');
    expect(xml).toContain('&quot;一般,重要,紧急&quot;');
    expect(xml).toContain('&quot;会议决定,领导批示,重点工作,重大项目,建议提案,其他&quot;');
    const c = (h: string) => colOf(ws, h);
    const put = (r: number, values: Record<string, ExcelJS.CellValue>) => {
      for (const [h, v] of Object.entries(values)) ws.getRow(HEADER_ROWS + r).getCell(c(h)).value = v;
    };
    put(1, { 事项名称: '推进老旧小区改造', 事项类别: '重点工作', 牵头单位: '市水务局', 办理时限: new Date('2026-06-30T00:00:00Z') });
    put(2, { 事项名称: '', 事项类别: '重点工作', 任务要求: '没有标题' });
    put(3, { 事项名称: '类别不对', 事项类别: '随便写写' });
    put(4, { 事项名称: '单位不存在', 事项类别: '其他', 牵头单位: '火星办公室' });
    put(5, { 事项名称: '日期不对', 事项类别: '其他', 牵头单位: '市水务局', 办理时限: '下个月' });
    put(6, { 事项名称: '时限已过', 事项类别: '其他', 牵头单位: '市水务局', 办理时限: '2026-01-05' });
    put(7, { 事项名称: { formula: 'CONCAT("公式","标题")', result: '公式标题' } as ExcelJS.CellValue, 事项类别: '会议决定' });
    const file = await save(wb);
    const before = await t.store.read.items.count(tenantId);
    const result = await importItems(deps, as('sup'), file, { ledgerType: 'directive' });
    expect(result.written).toBe(false);
    expect(result.errors.map((e) => [e.row - HEADER_ROWS, e.column, e.code])).toEqual([
      [2, '事项名称', 'required'],
      [3, '事项类别', 'invalid_value'],
      [4, '牵头单位', 'unit_not_found'],
      [5, '办理时限', 'invalid_date'],
      [6, '办理时限', 'deadline_in_past'],
    ]);
    expect(result.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message) && /[a-z]/i.test(e.messageEn))).toBe(true);
    expect(await t.store.read.items.count(tenantId)).toBe(before);

    const valid = await importItems(deps, as('sup'), file, { ledgerType: 'directive', mode: 'valid' });
    expect(valid).toMatchObject({ created: 2, written: true });
    const page = await t.store.read.items.list(tenantId, {}, { limit: 10, order: 'created_asc' });
    expect(page.items.map((i) => [i.title, i.status, i.leadUnitId, i.currentDeadline, i.source.kind])).toEqual([
      ['推进老旧小区改造', 'assigned', 'water', '2026-06-30', 'import'],
      ['公式标题', 'draft', null, null, 'import'],
    ]);
  });

  it.skipIf(skip)('refuses a handler, a zip bomb and a file that is not a sheet, writing nothing', async () => {
    const { deps, as } = await city();
    const template = (await importTemplate(deps, as('sup'), 'directive')).body;
    const wb = await load(template);
    wb.worksheets[0]!.getRow(HEADER_ROWS + 1).getCell(1).value = '承办人不能立项';
    wb.worksheets[0]!.getRow(HEADER_ROWS + 1).getCell(colOf(wb.worksheets[0]!, '事项类别')).value = '其他';
    const byHandler = await importItems(deps, as('env'), await save(wb), { ledgerType: 'directive' });
    expect(byHandler.errors.map((e) => e.code)).toEqual(['forbidden']);
    await expect(importItems(deps, as('sup'), zipBomb(300 * 1024 * 1024), { ledgerType: 'directive' })).rejects.toMatchObject({ code: 'import_too_large' });
    await expect(importItems(deps, as('sup'), Buffer.from('\u0000\u0001binary'), { ledgerType: 'directive' })).rejects.toMatchObject({ code: 'import_unreadable' });
  });
});
