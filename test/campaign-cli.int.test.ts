/*
 * 一校一方案 at the command line: `luoshi campaign create` from a list of 30 schools in a child process against
 * a demo city in a temp folder, then the plans as a user finds them (items list, campaign show, export).
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

const DISTRICTS = ['东城区', '西城区', '高新区'] as const;
const KINDS = ['小学', '初中', '高中'] as const;
/** 30 distinct schools: ten per district, named as a city's schools are. */
const SCHOOLS = Array.from({ length: 30 }, (_, i) => {
  const district = DISTRICTS[i % 3]!;
  const kind = KINDS[Math.floor(i / 3) % 3]!;
  const name = `${district}第${i + 1}${kind === '小学' ? '小学' : kind === '初中' ? '初级中学' : '高级中学'}`;
  return { name, district, kind };
});

async function listFile(path: string, rows: readonly (readonly string[])[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学校名单');
  for (const r of rows) ws.addRow([...r]);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

interface CreateOut {
  parent: { id: string; number: string; title: string } | null;
  created: { row: number; entity: string; id: string; lead_unit: string }[];
  errors: { row: number; code: string; message: string; message_en: string }[];
}

describe('luoshi campaign create', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-campaign-'));
  const db = ['--data', dir];

  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 240_000);

  it('creates one plan per school of a 30-school list under one campaign, and refuses a second plan for a school', async () => {
    const list = join(dir, 'schools.xlsx');
    await listFile(list, [['学校名称', '区县', '学段', '联系人'], ...SCHOOLS.map((s, i) => [s.name, s.district, s.kind, `联系人${i + 1}`])]);
    const r = await luoshi(['campaign', 'create', ...db, '--ledger', 'school_plan', '--title', '{entity}冬季安全工作方案', '--list', list, '--as', 'supervisor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CreateOut;
    expect(out.errors).toEqual([]);
    expect(out.created).toHaveLength(30);
    expect(out.parent).toMatchObject({ title: '冬季安全工作方案' });
    expect(out.created.map((c) => c.entity)).toEqual(SCHOOLS.map((s) => s.name));
    // The demo's districts have no 教育局: every school goes to the city's.
    expect(new Set(out.created.map((c) => c.lead_unit))).toEqual(new Set(['市教育局']));

    const kids = await luoshi(['items', 'list', ...db, '--parent', out.parent!.id, '--as', 'supervisor', '--limit', '100', '--json']);
    expect(kids.code, kids.stderr).toBe(0);
    const items = (JSON.parse(kids.stdout) as { items: { title: string; status: string }[] }).items;
    expect(items).toHaveLength(30);
    expect(new Set(items.map((i) => i.title))).toEqual(new Set(SCHOOLS.map((s) => `${s.name}冬季安全工作方案`)));

    const show = await luoshi(['campaign', 'show', out.parent!.id, ...db, '--as', 'supervisor', '--json']);
    expect(show.code, show.stderr).toBe(0);
    const progress = JSON.parse(show.stdout) as { all: { total: number; byState: Record<string, number> }; districts: { district: string; total: number }[] };
    expect(progress.all).toMatchObject({ total: 30, byState: { assigned: 30 } });
    expect(progress.districts.map((d) => [d.district, d.total])).toEqual([
      ['东城区', 10],
      ['高新区', 10],
      ['西城区', 10],
    ]);

    const sheet = join(dir, 'plans.xlsx');
    const exported = await luoshi(['items', 'export', ...db, '--parent', out.parent!.id, '--out', sheet, '--as', 'supervisor', '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ rows: 30 });
    expect(readFileSync(sheet).length).toBeGreaterThan(0);

    // A second list for the same campaign naming a school it has: refused, nothing added.
    const again = join(dir, 'again.csv');
    writeFileSync(again, `学校名称,区县\n${SCHOOLS[4]!.name},${SCHOOLS[4]!.district}\n新建第31小学,东城区\n`);
    const add = await luoshi([
      'campaign',
      'add',
      out.parent!.id,
      ...db,
      '--ledger',
      'school_plan',
      '--title',
      '{entity}冬季安全工作方案',
      '--list',
      again,
      '--as',
      'supervisor',
      '--json',
    ]);
    expect(add.code).toBe(2);
    const refused = JSON.parse(add.stdout) as CreateOut;
    expect(refused).toMatchObject({ parent: null, created: [] });
    expect(refused.errors).toEqual([expect.objectContaining({ row: 2, code: 'duplicate_entity' })]);
    const after = await luoshi(['items', 'list', ...db, '--parent', out.parent!.id, '--as', 'supervisor', '--limit', '100', '--json']);
    expect((JSON.parse(after.stdout) as { items: unknown[] }).items).toHaveLength(30);
  });

  it('reports every bad row of a CSV list in both languages, exits 2 and writes nothing', async () => {
    const list = join(dir, 'bad.csv');
    writeFileSync(list, '学校名称,学段\n城东小学,小学\n城东小学,小学\n,初中\n城西中学,大学\n');
    const before = await luoshi(['items', 'list', ...db, '--ledger', 'school_plan', '--limit', '1000', '--json']);
    const r = await luoshi(['campaign', 'create', ...db, '--ledger', 'school_plan', '--title', '方案', '--list', list, '--as', 'supervisor', '--json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as CreateOut;
    expect(out.parent).toBeNull();
    expect(out.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'duplicate_entity'],
      [4, 'name_required'],
      [5, 'kind_unknown'],
    ]);
    expect(out.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message) && /[a-z]/.test(e.message_en))).toBe(true);
    const after = await luoshi(['items', 'list', ...db, '--ledger', 'school_plan', '--limit', '1000', '--json']);
    expect((JSON.parse(after.stdout) as { items: unknown[] }).items.length).toBe((JSON.parse(before.stdout) as { items: unknown[] }).items.length);
  });

  it('refuses a handler with a clear error and exit code', async () => {
    const list = join(dir, 'one.csv');
    writeFileSync(list, '学校名称\n城北小学\n');
    const r = await luoshi(['campaign', 'create', ...db, '--ledger', 'school_plan', '--title', '方案', '--list', list, '--as', 'jyj.handler']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/督办员|supervisor/);
  });
});
