import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { Item } from '../../domain/item.js';
import { describeOnStores } from '../../store/testing/suite.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { createAndAssign, performAction } from '../index.js';
import { exportItems } from './export.js';
import { importItems } from './import.js';
import { HEADER_ROWS } from './sheet.js';

/*
 * The round trip on items already at work (交办后): each changed cell becomes the loop action that owns it — 修改
 * (EditItem), 转办 (TransferItem), 批准延期 (ApproveExtension) — taken as the importing user; what the loop has no
 * action for, or does not allow that user, is a row error and nothing of that row is written.
 */

async function load(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}
const save = async (ws: ExcelJS.Worksheet) => Buffer.from(await ws.workbook.xlsx.writeBuffer());

/** Column number (1-based) of a header in the table's header row. */
const colOf = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(HEADER_ROWS).values as unknown[]).findIndex((v) => typeof v === 'string' && v.replace(/\*$/, '') === header);

/** The sheet's row of each item, by its number. */
function rowsByNumber(ws: ExcelJS.Worksheet): Map<string, number> {
  const numberCol = colOf(ws, '编号');
  const at = new Map<string, number>();
  for (let r = HEADER_ROWS + 1; r <= ws.rowCount; r++) at.set(String(ws.getRow(r).getCell(numberCol).value), r);
  return at;
}

describeOnStores('Excel import of items at work', (t) => {
  async function city() {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    return { deps, ...(await seedCity(deps)) };
  }

  it('round trip on assigned items: 10 edited cells become exactly their events (修改, 转办, 批准延期); a row changed meanwhile is a conflict', { timeout: 90_000 }, async () => {
    const { deps, tenantId, as } = await city();
    const items: Item[] = [];
    for (let i = 0; i < 200; i++) {
      const input = { ledgerType: 'directive', title: `第${i + 1}项部署事项`, fields: { category: 'key_task' } };
      let { item } = await createAndAssign(deps, as('sup'), input, { leadUnitId: 'water', deadline: '2026-06-30' });
      // Half are taken up (办理中), half still wait to be accepted (待签收).
      if (i % 2 === 0) item = (await performAction(deps, as('water'), item.id, { type: 'AcceptItem', data: {} })).item;
      items.push(item);
    }
    await performAction(deps, as('water'), items[30]!.id, { type: 'RequestExtension', data: { deadline: '2026-07-15', reason: '汛期施工受限' } });
    const file = await exportItems(deps, as('sup'), { ledgerTypes: ['directive'], sort: 'created_asc' }, { format: 'xlsx' });
    // The lead unit reports on item 51 after the export.
    await performAction(deps, as('water'), items[50]!.id, { type: 'ReportProgress', data: { text: '已完成方案', percent: 30 } });
    const head = (await t.store.read.events.head(tenantId)).seq;
    const before = new Map((await Promise.all(items.map((i) => t.store.read.items.get(tenantId, i.id)))).map((i) => [i!.id, i!]));

    const ws = await load(file.body);
    const [title, lead, deadline] = ['事项名称', '牵头单位', '办理时限'].map((h) => colOf(ws, h));
    const at = rowsByNumber(ws);
    const rowNo = (i: number) => at.get(items[i]!.number)!;
    const cell = (i: number, col: number) => ws.getRow(rowNo(i)).getCell(col);
    const retitled = [3, 17, 42, 99, 150, 199];
    for (const i of retitled) cell(i, title!).value = `改后标题${i}`;
    cell(10, lead!).value = '市生态环境局';
    cell(120, lead!).value = '东城区';
    cell(120, deadline!).value = new Date('2026-07-31T00:00:00Z');
    cell(30, deadline!).value = '2026-07-20';
    cell(50, title!).value = '我的修改';
    const edited = await save(ws);

    // The dry run says what each row would do, cell by cell, and writes nothing.
    const preview = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', dryRun: true });
    expect(preview).toMatchObject({ created: 0, updated: 9, written: false });
    expect(preview.errors).toEqual([expect.objectContaining({ row: rowNo(50), code: 'version_conflict', column: '版本(勿改)' })]);
    const actions = (i: number) => preview.rows.find((r) => r.row === rowNo(i))!.actions;
    expect(actions(3)).toEqual([{ kind: 'edit', column: '事项名称', from: '第4项部署事项', to: '改后标题3' }]);
    expect(actions(10)).toEqual([{ kind: 'transfer', column: '牵头单位', from: '市水务局', to: '市生态环境局' }]);
    expect(actions(120)).toEqual([
      { kind: 'transfer', column: '牵头单位', from: '市水务局', to: '东城区' },
      { kind: 'transfer', column: '办理时限', from: '2026-06-30', to: '2026-07-31' },
    ]);
    expect(actions(30)).toEqual([{ kind: 'extension', column: '办理时限', from: '2026-06-30', to: '2026-07-20' }]);
    expect((await t.store.read.events.head(tenantId)).seq).toBe(head);

    // All or nothing: the conflict refuses the sheet.
    expect(await importItems(deps, as('sup'), edited, { ledgerType: 'directive' })).toMatchObject({ written: false, created: 0, updated: 0 });
    expect((await t.store.read.events.head(tenantId)).seq).toBe(head);

    // Valid rows only: ten cells, nine actions of the loop (a transfer carries its new deadline), each one event.
    const valid = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', mode: 'valid' });
    expect(valid).toMatchObject({ written: true, created: 0, updated: 9 });
    expect(valid.errors.map((e) => e.code)).toEqual(['version_conflict']);
    const events = (await t.store.read.events.listAfter(tenantId, head)).filter((e) => e.itemId !== null);
    const expected: [number, string][] = [...retitled.map((i): [number, string] => [i, 'ItemEdited']), [10, 'ItemMoved'], [120, 'ItemMoved'], [30, 'ExtensionApproved']];
    expected.sort((a, b) => rowNo(a[0]) - rowNo(b[0]));
    expect(events.map((e) => [e.itemId, e.type])).toEqual(expected.map(([i, type]) => [items[i]!.id, type]));
    expect(events.every((e) => e.actorUserId === 'u-sup')).toBe(true);
    const data = (i: number) => (events.find((e) => e.itemId === items[i]!.id)!.payload as { data: Record<string, unknown> }).data;
    for (const i of retitled) expect(data(i)).toEqual({ title: `改后标题${i}` });
    expect(data(10)).toMatchObject({ kind: 'transfer', fromUnitId: 'water', leadUnitId: 'env', deadline: '2026-06-30', deadlineReset: false });
    expect(data(120)).toMatchObject({ kind: 'transfer', leadUnitId: 'd1', previousDeadline: '2026-06-30', deadline: '2026-07-31', deadlineReset: true });
    expect(data(30)).toMatchObject({ deadline: '2026-07-20', previousDeadline: '2026-06-30', requestedDeadline: '2026-07-15' });

    // Nothing else changed: every other item is as it was, and the changed ones carry exactly their cells.
    const after = new Map((await Promise.all(items.map((i) => t.store.read.items.get(tenantId, i.id)))).map((i) => [i!.id, i!]));
    const changed = new Set(expected.map(([i]) => items[i]!.id));
    for (const i of items) if (!changed.has(i.id)) expect(after.get(i.id)).toEqual(before.get(i.id));
    for (const i of retitled) expect(after.get(items[i]!.id)).toMatchObject({ title: `改后标题${i}`, status: before.get(items[i]!.id)!.status, leadUnitId: 'water' });
    expect(after.get(items[10]!.id)).toMatchObject({ status: 'assigned', leadUnitId: 'env', currentDeadline: '2026-06-30', title: '第11项部署事项' });
    expect(after.get(items[120]!.id)).toMatchObject({ status: 'assigned', leadUnitId: 'd1', currentDeadline: '2026-07-31', originalDeadline: '2026-07-31' });
    expect(after.get(items[30]!.id)).toMatchObject({ status: 'in_progress', currentDeadline: '2026-07-20', originalDeadline: '2026-06-30', pendingExtension: null });

    // The same file again changes nothing more (the conflict row still conflicts).
    expect(await importItems(deps, as('sup'), edited, { ledgerType: 'directive', mode: 'valid' })).toMatchObject({ updated: 0, written: false });
  });

  it('refuses, per row and naming the column, what the loop does not allow: nothing of such a row is written', { timeout: 60_000 }, async () => {
    const { deps, tenantId, as } = await city();
    const assign = { leadUnitId: 'water', deadline: '2026-06-30' };
    const make = async (title: string) => (await createAndAssign(deps, as('sup'), { ledgerType: 'directive', title, fields: { category: 'key_task' } }, assign)).item;
    const [closed, cancelled, dated, co, both, fine] = [
      await make('已办结事项'),
      await make('已撤销事项'),
      await make('改期限'),
      await make('改配合'),
      await make('改名又转办'),
      await make('正常修改'),
    ];
    for (const [who, type, data] of [
      ['water', 'AcceptItem', {}],
      ['water', 'RequestClosure', { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已完成' } }],
      ['sup', 'PassStage', {}],
    ] as const) {
      await performAction(deps, as(who), closed.id, { type, data });
    }
    await performAction(deps, as('sup'), cancelled.id, { type: 'CancelItem', data: { reason: '任务调整' } });

    const file = await exportItems(deps, as('sup'), { ledgerTypes: ['directive'], sort: 'created_asc' }, { format: 'xlsx' });
    const ws = await load(file.body);
    const at = rowsByNumber(ws);
    const c = (h: string) => colOf(ws, h);
    const put = (item: Item, values: Record<string, ExcelJS.CellValue>) => {
      for (const [h, v] of Object.entries(values)) ws.getRow(at.get(item.number)!).getCell(c(h)).value = v;
    };
    put(closed, { 事项名称: '办结后改名' });
    put(cancelled, { 任务要求: '撤销后补充要求' });
    put(dated, { 办理时限: '2026-08-31' });
    put(co, { 配合单位: '市生态环境局' });
    put(both, { 事项名称: '改了名', 牵头单位: '和平街道', 办理时限: '2026-01-05' });
    put(fine, { 事项名称: '正常改名' });
    const edited = await save(ws);
    const head = (await t.store.read.events.head(tenantId)).seq;

    const result = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', mode: 'valid' });
    expect(result.errors.map((e) => [e.row - HEADER_ROWS, e.column, e.code])).toEqual([
      [1, '事项名称', 'not_editable'],
      [2, '任务要求', 'not_editable'],
      [3, '办理时限', 'not_editable'],
      [4, '配合单位', 'not_editable'],
      [5, '办理时限', 'deadline_in_past'],
    ]);
    expect(result.errors[0]!.message).toContain('已办结事项不能通过导入修改');
    expect(result.errors[2]!.message).toContain('申请延期');
    expect(result.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message) && /[a-z]/i.test(e.messageEn))).toBe(true);
    expect(result).toMatchObject({ updated: 1, written: true });
    const events = (await t.store.read.events.listAfter(tenantId, head)).filter((e) => e.itemId !== null);
    expect(events.map((e) => [e.itemId, e.type])).toEqual([[fine.id, 'ItemEdited']]);
    // The row whose transfer was refused keeps its title too: a row's changes are all or none.
    expect((await t.store.read.items.get(tenantId, both.id))!).toMatchObject({ title: '改名又转办', leadUnitId: 'water' });

    // The lead unit's handler may not move the work it holds: 转办 is the supervisor's.
    const mine = await exportItems(deps, as('water'), { ledgerTypes: ['directive'], sort: 'created_asc' }, { format: 'xlsx' });
    const sheet = await load(mine.body);
    sheet.getRow(rowsByNumber(sheet).get(fine.number)!).getCell(colOf(sheet, '牵头单位')).value = '市生态环境局';
    const byHandler = await importItems(deps, as('water'), await save(sheet), { ledgerType: 'directive' });
    expect(byHandler.errors.map((e) => [e.column, e.code])).toEqual([['牵头单位', 'forbidden']]);
    expect(byHandler.written).toBe(false);
    expect((await t.store.read.items.get(tenantId, fine.id))!.leadUnitId).toBe('water');
  });

  it("keeps a district supervisor's 转办 inside the district", async () => {
    const { deps, tenantId, as } = await city();
    const { item } = await createAndAssign(
      deps,
      as('d1sup'),
      { ledgerType: 'directive', title: '街道事项', fields: { category: 'key_task' } },
      { leadUnitId: 'd1s1', deadline: '2026-06-30' },
    );
    const file = await exportItems(deps, as('d1sup'), { ledgerTypes: ['directive'] }, { format: 'xlsx' });
    const ws = await load(file.body);
    const row = ws.getRow(rowsByNumber(ws).get(item.number)!);
    row.getCell(colOf(ws, '事项名称')).value = '街道事项(更正)';
    row.getCell(colOf(ws, '牵头单位')).value = '市水务局';
    const result = await importItems(deps, as('d1sup'), await save(ws), { ledgerType: 'directive', mode: 'valid' });
    expect(result.errors.map((e) => [e.column, e.code])).toEqual([['牵头单位', 'forbidden']]);
    expect(result.written).toBe(false);
    expect((await t.store.read.items.get(tenantId, item.id))!).toMatchObject({ title: '街道事项', leadUnitId: 'd1s1', version: item.version });
  });
});
