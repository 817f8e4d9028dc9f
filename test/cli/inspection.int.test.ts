/*
 * Inspection rounds at the command line, in child processes against the demo city: a district supervisor sets up
 * a plan from a place list and a checklist sheet, the street's inspector records a round with one failed line and
 * a photo, the hazard it opened shows in the supervisor's list, a second record is refused, and the chain verifies.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/luoshi.js', import.meta.url));

function luoshi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '', LUOSHI_HOLIDAYS: '' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

interface Round {
  id: string;
  plan_id: string;
  place: string;
  status: string;
  hazards: string[];
}

describe('luoshi inspection', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-inspection-'));
  const db = ['--data', dir];
  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it("shows the demo plan's rounds on the street inspector's desk and nowhere outside its area", async () => {
    const mine = await luoshi(['inspection', 'rounds', ...db, '--as', 'd1-s1.handler', '--json']);
    expect(mine.code, mine.stderr).toBe(0);
    const rounds = JSON.parse(mine.stdout) as Round[];
    expect(rounds.some((r) => r.status === 'recorded')).toBe(true);
    expect(rounds.some((r) => r.status === 'open' || r.status === 'overdue')).toBe(true);
    const other = await luoshi(['inspection', 'rounds', ...db, '--as', 'd2.supervisor', '--json']);
    expect(JSON.parse(other.stdout)).toEqual([]);
  });

  it('sets up a plan from lists, records a round with a failed line, and refuses a second record', async () => {
    const places = join(dir, 'places.csv');
    writeFileSync(places, '名称,区县,地址\n新华农贸市场,东城区,新华路1号\n新华加油站,东城区,新华路20号\n');
    const checklist = join(dir, 'checklist.csv');
    writeFileSync(checklist, '编号,检查项,类别\nfire_exit,消防通道,消防\ngas_pipe,燃气管道,设备设施\nwiring,电气线路,电气\n');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const starts = `${today.slice(0, 7)}-01`;
    const base = ['inspection', 'plan', 'add', ...db, '--title', '新华片区月度安全检查', '--unit', 'd1-s1', '--checklist', checklist, '--places', places, '--starts', starts];

    const refused = await luoshi([...base, '--cadence', 'daily', '--as', 'd1.supervisor']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('validation_failed');
    expect((await luoshi([...base, '--cadence', 'monthly', '--as', 'd1-s1.handler'])).code).toBe(4);
    const before = JSON.parse((await luoshi(['inspection', 'plans', ...db, '--as', 'd1.supervisor', '--json'])).stdout) as unknown[];
    expect(before).toHaveLength(1); // the demo's plan alone: the refusals stored nothing

    const added = await luoshi([...base, '--cadence', 'monthly', '--as', 'd1.supervisor', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const plan = JSON.parse(added.stdout) as { id: string; places: number; checklist: number };
    expect(plan).toMatchObject({ places: 2, checklist: 3 });

    const listed = await luoshi(['inspection', 'rounds', ...db, '--as', 'd1-s1.handler', '--plan', plan.id, '--status', 'open,overdue', '--json']);
    const rounds = JSON.parse(listed.stdout) as Round[];
    expect(rounds.map((r) => r.place)).toEqual(['新华农贸市场', '新华加油站']);

    writeFileSync(join(dir, 'valve.png'), PHOTO);
    const results = join(dir, 'results.json');
    writeFileSync(
      results,
      JSON.stringify({
        lines: [
          { key: 'fire_exit', result: 'pass' },
          { key: 'gas_pipe', result: 'fail', note: '加油站卸油区燃气管道阀门锈蚀', photos: ['valve.png'] },
          { key: 'wiring', result: 'na' },
        ],
      }),
    );
    const round = rounds[1]!;
    const recorded = await luoshi(['inspection', 'record', round.id, ...db, '--results', results, '--as', 'd1-s1.handler', '--json']);
    expect(recorded.code, recorded.stderr).toBe(0);
    const out = JSON.parse(recorded.stdout) as { round: Round; hazards: { id: string; number: string; title: string }[] };
    expect(out.round.status).toBe('recorded');
    expect(out.hazards).toHaveLength(1);
    expect(out.hazards[0]!.title).toBe('新华加油站：燃气管道');
    expect(out.hazards[0]!.number).toMatch(/^隐患〔\d{4}〕\d+号$/);

    const items = await luoshi(['items', 'list', ...db, '--as', 'd1.supervisor', '--ledger', 'hazard', '--json']);
    expect(items.code, items.stderr).toBe(0);
    expect((JSON.parse(items.stdout) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(out.hazards[0]!.id);

    const again = await luoshi(['inspection', 'record', round.id, ...db, '--results', results, '--as', 'd1-s1.handler']);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('inspection_round_recorded');
    const stranger = await luoshi(['inspection', 'record', rounds[0]!.id, ...db, '--results', results, '--as', 'd2-s1.handler']);
    expect(stranger.code).toBe(3);

    const coverage = await luoshi(['inspection', 'coverage', ...db, '--as', 'd1.supervisor', '--json']);
    expect(coverage.code, coverage.stderr).toBe(0);
    // The demo's weeks so far: one hazard found, and two places recorded a week late.
    const total = (JSON.parse(coverage.stdout) as { total: { due: number; onTime: number; late: number; hazards: number } }).total;
    expect(total.hazards).toBeGreaterThanOrEqual(1);
    expect(total.late).toBeGreaterThanOrEqual(2);
    expect(total.onTime).toBeLessThan(total.due);

    const verify = await luoshi(['verify', ...db]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
