/*
 * Supervision across levels at the command line, on the demo city: the city's 督查室 sees and supervises every
 * item of the city, districts included; a district's supervisor its district only.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PASSPHRASE } from '../../src/app/demo/signing-keys.js';

const BIN = fileURLToPath(new URL('../../bin/luoshi.js', import.meta.url));

function luoshi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

type Row = { id: string; owner_unit: { id: string }; lead_unit: { id: string } | null };

describe('supervision along the area tree at the command line', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-supervision-'));
  const db = ['--data', dir];
  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 240_000);

  const list = async (as: string | null): Promise<Row[]> => {
    const r = await luoshi(['items', 'list', ...db, ...(as ? ['--as', as] : []), '--limit', '1000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { items: Row[] }).items;
  };

  it('lists every item of the city for the city supervisor, by default in one page, and only its district for a district supervisor', async () => {
    const all = await list(null);
    const plain = await luoshi(['items', 'list', ...db, '--as', 'supervisor', '--json']);
    const page = JSON.parse(plain.stdout) as { items: Row[]; next_cursor: string | null };
    expect(page.items.length).toBe(all.length);
    expect(page.next_cursor).toBeNull();
    expect(all.some((r) => r.owner_unit.id.startsWith('d1'))).toBe(true);

    const d1 = await list('d1.supervisor');
    expect(d1.length).toBeGreaterThan(0);
    expect(d1.length).toBeLessThan(all.length);
    for (const r of d1) expect(r.owner_unit.id.startsWith('d1') || (r.lead_unit?.id ?? '').startsWith('d1'), r.id).toBe(true);
    expect(await list('d2.supervisor')).toEqual(expect.not.arrayContaining([expect.objectContaining({ id: d1[0]!.id })]));

    // The city supervisor supervises a district's item: it may urge it; a sibling district may not even see it.
    const target = d1.find((r) => r.lead_unit !== null)!;
    const shown = await luoshi(['item', 'show', target.id, ...db, '--as', 'supervisor', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect((await luoshi(['item', 'show', target.id, ...db, '--as', 'd2.supervisor'])).code).not.toBe(0);
  });

  const run = async (args: string[]): Promise<string> => {
    const r = await luoshi([...args, ...db]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  /** A directive the city supervisor creates and assigns to 市卫健委 in one step (item create --lead --deadline). */
  const createAssigned = async (title: string): Promise<{ id: string; status: string }> =>
    JSON.parse(
      await run([
        'item',
        'create',
        '--ledger',
        'directive',
        '--title',
        title,
        '--field',
        'category=other',
        '--lead',
        'dept-wjw',
        '--deadline',
        '2027-06-30',
        '--as',
        'supervisor',
        '--json',
      ]),
    ) as { id: string; status: string };

  it('has the city supervisor pass 上级复核 of a district rectification, which the district cannot pass itself', async () => {
    type Full = Row & { title: string; status: string; stage?: { key: string } | null };
    const rows = (JSON.parse(await run(['items', 'list', '--as', 'supervisor', '--ledger', 'rectification', '--state', 'closing', '--json'])) as { items: Full[] }).items;
    const target = rows.find((r) => r.owner_unit.id === 'd1')!;
    expect(target, 'the demo has a district rectification waiting for 上级复核').toBeDefined();
    const refused = await luoshi(['item', 'pass-stage', target.id, ...db, '--stage', 'upper_review', '--as', 'd1.supervisor']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('上级复核须由上级督办员办理');
    // 上级复核 is the last stage: its pass is 销号, signed with the supervisor's demo key (签章要求 required).
    const unsigned = await luoshi(['item', 'pass-stage', target.id, ...db, '--stage', 'upper_review', '--as', 'supervisor']);
    expect(unsigned.code).toBe(4);
    expect(unsigned.stderr).toContain('signature_required');
    const passphrase = join(dir, 'signing-passphrase.txt');
    writeFileSync(passphrase, `${DEMO_SIGNING_PASSPHRASE}\n`, { mode: 0o600 });
    // `pass` is the older name of pass-stage, kept for scripts.
    await run(['item', 'pass', target.id, '--stage', 'upper_review', '--note', '复核通过,同意销号', '--as', 'supervisor', '--passphrase-file', passphrase]);
    const shown = JSON.parse(await run(['item', 'show', target.id, '--as', 'd1.supervisor', '--json'])) as {
      status: string;
      timeline: { type: string; actor_unit?: { id: string } }[];
    };
    expect(shown.status).toBe('closed');
    expect(shown.timeline.filter((e) => e.type === 'StagePassed').length).toBe(4);
    expect(await run(['verify'])).toMatch(/signatures: \d+ valid/);
  });

  it('transfers an in-progress directive to another lead unit, which accepts it, while the old lead loses it', async () => {
    type Full = Row & { status: string; ledger_type: string; current_deadline: string | null };
    const rows = (JSON.parse(await run(['items', 'list', '--as', 'wjw.handler', '--state', 'in_progress', '--ledger', 'directive', '--json'])) as { items: Full[] }).items;
    const target = rows.find((r) => r.lead_unit?.id === 'dept-wjw')!;
    expect(target).toBeDefined();
    expect((await luoshi(['item', 'transfer', target.id, ...db, '--lead', 'dept-yjj', '--as', 'supervisor'])).code).not.toBe(0);
    const out = await run(['item', 'transfer', target.id, '--lead', 'dept-yjj', '--reason', '应急处置由应急管理局牵头', '--as', 'supervisor']);
    expect(out).toContain('ItemMoved');
    expect((await luoshi(['item', 'show', target.id, ...db, '--as', 'wjw.handler'])).code).not.toBe(0);
    await run(['item', 'accept', target.id, '--as', 'yjj.handler']);
    const shown = JSON.parse(await run(['item', 'show', target.id, '--as', 'supervisor', '--json'])) as {
      lead_unit: { id: string };
      current_deadline: string | null;
      timeline: { type: string; data: { reason?: string } }[];
    };
    expect(shown.lead_unit.id).toBe('dept-yjj');
    expect(shown.current_deadline).toBe(target.current_deadline);
    expect(shown.timeline.find((e) => e.type === 'ItemMoved')?.data.reason).toBe('应急处置由应急管理局牵头');
  });

  it('answers a return request after 签收 with decide-return, the API’s slug, and lists the slugs in the help', async () => {
    const out = await createAssigned('退回审批事项');
    await run(['item', 'accept', out.id, '--as', 'wjw.handler']);
    await run(['item', 'request-return', out.id, '--reason', '不属于本单位职责', '--as', 'wjw.handler']);
    const bad = await luoshi(['item', 'decide-return', out.id, ...db, '--as', 'supervisor']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--decision');
    await run(['item', 'decide-return', out.id, '--decision', 'deny', '--reason', '属于卫生健康职责,请继续办理', '--as', 'supervisor']);
    const shown = JSON.parse(await run(['item', 'show', out.id, '--as', 'wjw.handler', '--json'])) as { status: string; lead_unit: { id: string } };
    expect(shown).toMatchObject({ status: 'in_progress', lead_unit: { id: 'dept-wjw' } });
    const help = (await luoshi(['item', '--help'])).stdout;
    for (const slug of ['pass-stage', 'report-co-unit', 'decide-extension', 'decide-return']) expect(help).toContain(slug);
    expect(help).not.toMatch(/\bapprove-extension\b|\bco-report\b|^\s+pass\s/m);
  });

  it('lets a community hand a dispute up to its street, where the street accepts it', async () => {
    const parties = JSON.stringify([{ name: '张某' }]);
    const created = JSON.parse(
      await run([
        'item',
        'create',
        '--ledger',
        'dispute',
        '--title',
        '楼道堆物纠纷',
        '--field',
        'screeningDate=2026-12-01',
        '--field',
        'category=neighbourhood',
        '--field',
        'riskLevel=yellow',
        '--field',
        `parties=${parties}`,
        '--as',
        'd1.supervisor',
        '--json',
      ]),
    ) as { id: string };
    await run(['item', 'assign', created.id, '--lead', 'd1-s1-c1', '--deadline', '2027-12-31', '--as', 'd1.supervisor']);
    await run(['item', 'accept', created.id, '--as', 'd1-s1-c1.handler']);
    const up = await run(['item', 'escalate', created.id, '--reason', '涉及物业公司,需街道协调', '--as', 'd1-s1-c1.handler']);
    expect(up).toContain('ItemMoved');
    await run(['item', 'accept', created.id, '--as', 'd1-s1.handler']);
    const shown = JSON.parse(await run(['item', 'show', created.id, '--as', 'd1-s1.handler', '--json'])) as { status: string; lead_unit: { id: string } };
    expect(shown).toMatchObject({ status: 'in_progress', lead_unit: { id: 'd1-s1' } });
  });

  it('warns when work goes to a unit with no active handler, and still assigns it', async () => {
    const created = JSON.parse(await run(['item', 'create', '--ledger', 'directive', '--title', '区级统筹事项', '--field', 'category=other', '--as', 'supervisor', '--json'])) as {
      id: string;
    };
    const r = await luoshi(['item', 'assign', created.id, ...db, '--lead', 'd1', '--deadline', '2027-12-31', '--as', 'supervisor']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ItemAssigned');
    expect(r.stderr).toContain('尚无可用的承办人账号');
  });

  it('assigns a selection in bulk, one result per item, and exits 1 when one is refused', async () => {
    const make = async (title: string) =>
      (JSON.parse(await run(['item', 'create', '--ledger', 'directive', '--title', title, '--field', 'category=other', '--as', 'supervisor', '--json'])) as { id: string }).id;
    const ids = [await make('批量交办一'), await make('批量交办二')];
    const r = await luoshi([
      'items',
      'bulk',
      'assign',
      ...db,
      '--ids',
      [...ids, 'no-such-item'].join(','),
      '--lead',
      'dept-wjw',
      '--deadline',
      '2027-12-31',
      '--as',
      'supervisor',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.stdout) as { results: { itemId: string; ok: boolean; code?: string }[] }).results;
    expect(results.map((x) => [x.itemId, x.ok, x.code ?? null])).toEqual([
      [ids[0], true, null],
      [ids[1], true, null],
      ['no-such-item', false, 'item_not_found'],
    ]);
  });

  it('creates and assigns in one step with item create --lead --deadline', async () => {
    const out = await createAssigned('一步立项交办');
    expect(out.status).toBe('assigned');
    const shown = JSON.parse(await run(['item', 'show', out.id, '--as', 'wjw.handler', '--json'])) as { lead_unit: { id: string }; current_deadline: string };
    expect(shown).toMatchObject({ lead_unit: { id: 'dept-wjw' }, current_deadline: '2027-06-30' });
  });
  it('a community reports its own dispute (上报), under way at once, and hands it up; a reported hazard waits for 立项', async () => {
    const parties = JSON.stringify([{ name: '李某' }]);
    const own = JSON.parse(
      await run([
        'item',
        'create',
        '--ledger',
        'dispute',
        '--title',
        '社区自办纠纷',
        '--field',
        'screeningDate=2026-12-01',
        '--field',
        'category=neighbourhood',
        '--field',
        'riskLevel=yellow',
        '--field',
        `parties=${parties}`,
        '--as',
        'd1-s1-c1.handler',
        '--json',
      ]),
    ) as { id: string; status: string };
    expect(own.status).toBe('in_progress');
    await run(['item', 'escalate', own.id, '--reason', '调解不成,需街道协调', '--as', 'd1-s1-c1.handler']);
    await run(['item', 'accept', own.id, '--as', 'd1-s1.handler']);

    const text = await run([
      'item',
      'create',
      '--ledger',
      'hazard',
      '--title',
      '社区上报隐患',
      '--field',
      'inspectionDate=2026-12-01',
      '--field',
      'place=和平路3号',
      '--field',
      'category=fire',
      '--field',
      'level=general',
      '--as',
      'd1-s1-c1.handler',
    ]);
    expect(text).toContain('待立项');
    type Q = { items: { id: string; title: string }[] };
    const queue = (JSON.parse(await run(['items', 'list', '--queue', '--as', 'd1.supervisor', '--json'])) as Q).items;
    const reported = queue.find((r) => r.title === '社区上报隐患')!;
    expect(reported).toBeDefined();
    expect((JSON.parse(await run(['items', 'list', '--queue', '--as', 'd2.supervisor', '--json'])) as Q).items).toEqual([]);
    const refused = await luoshi(['item', 'create', ...db, '--ledger', 'directive', '--title', '社区自行立项', '--field', 'category=other', '--as', 'd1-s1-c1.handler']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('只有督办员可以登记');
    await run(['item', 'assign', reported.id, '--lead', 'd1-s1', '--deadline', '2027-06-30', '--as', 'd1.supervisor']);
    expect((JSON.parse(await run(['items', 'list', '--queue', '--as', 'd1.supervisor', '--json'])) as Q).items.map((r) => r.id)).not.toContain(reported.id);
  });
});
