import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = fileURLToPath(new URL('../fixtures/corpus/readouts/seed-urumqi-2020-09-12.txt', import.meta.url));
const bin = join(root, 'bin', 'luoshi.js');

interface CliDirective {
  i: number;
  text: string;
  start: number;
  end: number;
  kind: string;
  level: number;
  parent: number | null;
  lead: string[];
}

describe('luoshi extract', () => {
  it('prints the directives of the seed readout as JSON with exact texts and offsets', () => {
    const out = execFileSync('node', [bin, 'extract', seed, '--json'], { cwd: root, encoding: 'utf8' });
    const json = JSON.parse(out) as { document: Record<string, unknown>; directives: CliDirective[] };
    expect(json.document).toMatchObject({ title: '市委常委会召开(扩大)会议 徐海荣主持', script: 'simplified' });
    expect(json.directives.length).toBeGreaterThanOrEqual(25);
    const raw = execFileSync('cat', [seed], { encoding: 'utf8' });
    for (const d of json.directives) expect(raw.slice(d.start, d.end)).toBe(d.text);
    const headline = json.directives.find((d) => d.text === '一要毫不放松抓好疫情防控。');
    expect(headline).toMatchObject({ kind: 'task', level: 1, parent: null, lead: ['市卫生健康委员会'] });
    expect(json.directives.filter((d) => d.parent === headline?.i)).toHaveLength(4);
  });

  it('prints a readable tree without --json and uses --date for the year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-extract-'));
    const file = join(dir, 'r.txt');
    writeFileSync(file, '市政府常务会议\n3月4日,市长主持召开常务会议。\n会议要求,一是要抓好安全生产,市应急管理局要在3月底前完成隐患排查。\n');
    const out = execFileSync('node', [bin, 'extract', file, '--date', '2024-03-04'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('[0] 任务');
    expect(out).toContain('市应急管理局');
    expect(out).toContain('3月底前 → 2024-03-31');
  });

  it('exits non-zero with a bilingual message on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-extract-'));
    const file = join(dir, 'x.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    const r = spawnSync('node', [bin, 'extract', file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/错误 readout_/);
    expect(r.stderr).toMatch(/error readout_/);
    const bad = spawnSync('node', [bin, 'extract', seed, '--date', '2020-13-01'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
