/*
 * The provisional calendar at the command line: a working-day deadline reaching a year without a holiday notice is
 * counted on the statutory holidays and marked provisional; the system admin loads the notice into the database
 * (`luoshi calendar load FILE --as USER`), and the deadlines counted on the provisional year move with an event.
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
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '', LUOSHI_HOLIDAYS: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('luoshi calendar without and with a notice', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-calendar-'));
  const db = ['--data', dir];
  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it('answers a deadline reaching 2027 as provisional, and not once the 2027 notice is loaded', async () => {
    const before = await luoshi(['calendar', ...db, '--from', '2026-12-25', '--add', '20', '--json']);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ deadline: '2027-01-25', provisional: true, loaded: [] });

    // A made-up arrangement for the test, not the official notice: 元旦 bridged over Monday 4 January.
    const file = join(dir, 'notice-2027.json');
    writeFileSync(file, JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workdays: ['2027-01-09'], source: '测试通知' }));
    expect((await luoshi(['calendar', 'load', file, ...db, '--as', 'supervisor'])).code).not.toBe(0);
    const loaded = await luoshi(['calendar', 'load', file, ...db, '--as', 'sysadmin', '--json']);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ year: 2027, replaced: false });

    const after = await luoshi(['calendar', ...db, '--from', '2026-12-25', '--add', '20', '--json']);
    // 4 January off and Saturday 9 January worked: the count ends on the same Monday, now on a known year.
    expect(JSON.parse(after.stdout)).toMatchObject({ deadline: '2027-01-25', provisional: false, loaded: [2027] });
  });

  it('marks an item counted into a year without a notice provisional, and moves it with an event when the notice arrives', async () => {
    const created = await luoshi(['item', 'create', ...db, '--ledger', 'directive', '--title', '跨年督办事项', '--field', 'category=other', '--as', 'supervisor', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    // 300 working days from today reach well into a year the package has no notice for.
    const assigned = await luoshi(['item', 'assign', id, ...db, '--lead', 'dept-wjw', '--working-days', '300', '--as', 'supervisor']);
    expect(assigned.code, assigned.stderr).toBe(0);
    const shown = JSON.parse((await luoshi(['item', 'show', id, ...db, '--as', 'supervisor', '--json'])).stdout) as { current_deadline: string; deadline_provisional: boolean };
    expect(shown.deadline_provisional).toBe(true);
    const text = await luoshi(['item', 'show', id, ...db, '--as', 'wjw.handler']);
    expect(text.stdout).toContain('暂定');

    const year = Number(shown.current_deadline.slice(0, 4));
    const file = join(dir, `notice-${year}.json`);
    // A made-up notice: the deadline's own day becomes a holiday, so the count must end elsewhere.
    writeFileSync(file, JSON.stringify({ year, holidays: [`${year}-01-01`, shown.current_deadline], workdays: [] }));
    const loaded = await luoshi(['calendar', 'load', file, ...db, '--as', 'sysadmin', '--json']);
    expect(loaded.code, loaded.stderr).toBe(0);
    const moved = (JSON.parse(loaded.stdout) as { moved: { item_id: string; previous_deadline: string; deadline: string }[] }).moved.find((m) => m.item_id === id);
    expect(moved?.previous_deadline).toBe(shown.current_deadline);
    expect(moved?.deadline).not.toBe(shown.current_deadline);

    const after = JSON.parse((await luoshi(['item', 'show', id, ...db, '--as', 'wjw.handler', '--json'])).stdout) as {
      current_deadline: string;
      timeline: { type: string; data: unknown }[];
    };
    expect(after.current_deadline).toBe(moved?.deadline);
    expect(after.timeline.at(-1)).toMatchObject({ type: 'DeadlineAdjusted', data: { previousDeadline: shown.current_deadline, deadline: moved?.deadline, noticeYear: year } });
  });
});
