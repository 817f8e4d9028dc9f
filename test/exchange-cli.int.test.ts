/*
 * Excel export and import at the command line, as an office uses them: `luoshi items export|template|import`
 * in child processes against a demo city in a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/luoshi.js', import.meta.url));

function luoshi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('luoshi items export / template / import', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-exchange-'));
  const db = ['--data', dir];

  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it('exports a ledger with labels, and the unchanged file imports as no change', async () => {
    const out = join(dir, 'ledger.xlsx');
    const r = await luoshi(['items', 'export', ...db, '--ledger', 'directive', '--format', 'xlsx', '--out', out, '--as', 'supervisor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = JSON.parse(r.stdout) as { rows: number };
    expect(rows).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('会议部署事项台账');
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).not.toMatch(/"(directive|meeting_decision|in_progress|assigned)"/);
    const again = await luoshi(['items', 'import', out, ...db, '--ledger', 'directive', '--as', 'supervisor', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, errors: [] });
    // An item at work corrected in the sheet: the dry run names the action (修改) and the cell, from and to.
    const headers = (ws.getRow(4).values as unknown[]).map((v) => (typeof v === 'string' ? v.replace(/\*$/, '') : v));
    let at = 5;
    while (ws.getRow(at).getCell(headers.indexOf('状态')).value !== '办理中') at++;
    const titleCell = ws.getRow(at).getCell(headers.indexOf('事项名称'));
    const was = String(titleCell.value);
    titleCell.value = `${was}(更正)`;
    const edited = join(dir, 'edited.xlsx');
    writeFileSync(edited, Buffer.from(await wb.xlsx.writeBuffer()));
    const dry = await luoshi(['items', 'import', edited, ...db, '--ledger', 'directive', '--as', 'supervisor', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ updated: 1, errors: [], actions: [{ row: at, kind: 'edit', column: '事项名称', from: was, to: `${was}(更正)` }] });
    const csv = join(dir, 'ledger.csv');
    expect((await luoshi(['items', 'export', ...db, '--ledger', 'directive', '--format', 'csv', '--out', csv])).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('事项名称');
  });

  it('imports a filled template: a refused row gives exit 2 and writes nothing; the good row alone then goes in', async () => {
    const template = join(dir, 'template.xlsx');
    expect((await luoshi(['items', 'template', ...db, '--ledger', 'directive', '--out', template])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(4).values as unknown[]).map((v) => (typeof v === 'string' ? v.replace(/\*$/, '') : v));
    const put = (r: number, h: string, v: ExcelJS.CellValue) => (ws.getRow(r).getCell(headers.indexOf(h)).value = v);
    put(5, '事项名称', '命令行导入的事项');
    put(5, '事项类别', '重点工作');
    put(5, '牵头单位', '市卫生健康委员会');
    put(6, '事项名称', '类别填错的事项');
    put(6, '事项类别', '不存在的类别');
    const filled = join(dir, 'filled.xlsx');
    writeFileSync(filled, Buffer.from(await wb.xlsx.writeBuffer()));

    const dry = await luoshi(['items', 'import', filled, ...db, '--ledger', 'directive', '--as', 'supervisor', '--dry-run', '--json']);
    expect(dry.code).toBe(2);
    const preview = JSON.parse(dry.stdout) as { created: number; errors: { row: number; column: string; code: string; message: string }[] };
    expect(preview.created).toBe(1);
    expect(preview.errors).toEqual([expect.objectContaining({ row: 6, column: '事项类别', code: 'invalid_value' })]);
    expect(preview.errors[0]!.message).toContain('不存在的类别');

    const refused = await luoshi(['items', 'import', filled, ...db, '--ledger', 'directive', '--as', 'supervisor', '--json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ created: 0, updated: 0 });
    const none = await luoshi(['items', 'list', ...db, '--text', '命令行导入', '--json']);
    expect((JSON.parse(none.stdout) as { items: unknown[] }).items).toEqual([]);

    const valid = await luoshi(['items', 'import', filled, ...db, '--ledger', 'directive', '--as', 'supervisor', '--valid-rows', '--json']);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ created: 1, updated: 0 });
    const listed = await luoshi(['items', 'list', ...db, '--text', '命令行导入', '--json']);
    const items = (JSON.parse(listed.stdout) as { items: { status: string; lead_unit: { name: string } }[] }).items;
    expect(items).toEqual([expect.objectContaining({ status: 'assigned', lead_unit: expect.objectContaining({ name: '市卫生健康委员会' }) })]);
  });
});
