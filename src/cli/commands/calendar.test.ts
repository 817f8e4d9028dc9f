import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../store/testing/dialects.js';
import type { Output } from '../output.js';
import { registerCalendar } from './calendar.js';

const TODAY = new Date('2026-11-27T02:00:00Z');

async function luoshi(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const program = new Command('luoshi').exitOverride();
  registerCalendar(program, o, () => TODAY);
  process.exitCode = 0;
  await program.parseAsync(['node', 'luoshi', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

/** A notice file for the year after the package's last; its dates are made up for the test, not an official arrangement. */
function noticeFile(content: unknown): string {
  const file = path.join(tempDir('luoshi-calendar-'), 'holidays.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('luoshi calendar', () => {
  it('says next year is missing in late November and counts a deadline into it provisionally', async () => {
    const r = await luoshi(['calendar', '--holidays', noticeFile([]), '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ covered: { last: 2026 }, missing_year: 2027, deadline: null, provisional: null });

    // 29, 30, 31 December; 1 January (元旦) off; 4 and 5 January.
    const into = await luoshi(['calendar', '--holidays', noticeFile([]), '--from', '2026-12-28', '--add', '5', '--json']);
    expect(into.code, into.err).toBe(0);
    expect(JSON.parse(into.out)).toMatchObject({ deadline: '2027-01-05', provisional: true });
    const text = await luoshi(['calendar', '--holidays', noticeFile([]), '--from', '2026-12-28', '--add', '5']);
    expect(text.out).toContain('2027-01-05 (暂定 provisional)');
    expect(text.err).toContain('luoshi calendar load');
  });

  it('counts across the new year with a city notice file and no longer warns', async () => {
    const file = noticeFile([{ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], source: 'test notice' }]);
    const r = await luoshi(['calendar', '--holidays', file, '--from', '2026-12-28', '--add', '5', '--json']);
    expect(r.code, r.err).toBe(0);
    // 29, 30, 31 December, then 1–3 January off, then 4 and 5 January.
    expect(JSON.parse(r.out)).toMatchObject({ covered: { last: 2027 }, missing_year: null, deadline: '2027-01-05', provisional: false });
  });

  it('refuses a notice file that is unreadable, not JSON or malformed, naming the file', async () => {
    for (const file of [path.join(tempDir('luoshi-calendar-'), 'absent.json'), noticeFile('{not json'), noticeFile([{ year: 2027, holidays: ['2027-02-30'], workdays: [] }])]) {
      const r = await luoshi(['calendar', '--holidays', file]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('LUOSHI_HOLIDAYS');
      expect(r.err).toContain(file);
    }
  });
});
