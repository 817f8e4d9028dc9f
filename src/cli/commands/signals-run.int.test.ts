import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixture = path.resolve(repoRoot, 'test', 'fixtures', 'signals', 'ff_edge_zero_baseline.json');
const bin = path.join(repoRoot, 'bin', 'luoshi.js');

describe('luoshi signals run', () => {
  it('prints R’s upperbounds, alarms and expected values as JSON for a reference case', () => {
    const stdout = execFileSync(process.execPath, [bin, 'signals', 'run', fixture, '--json'], { cwd: repoRoot, encoding: 'utf8' });
    const out = JSON.parse(stdout) as { t: number[]; upperbound: (number | null)[]; alarm: boolean[]; expected: (number | null)[] };
    const ref = JSON.parse(readFileSync(fixture, 'utf8')) as { results: { t: number[]; alarm: boolean[]; upperbound: (number | null)[] } };
    expect(out.t).toEqual(ref.results.t);
    expect(out.alarm).toEqual(ref.results.alarm);
    out.upperbound.forEach((u, i) => {
      const r = ref.results.upperbound[i];
      if (r === null || r === undefined) expect(u).toBeNull();
      else expect(Math.abs(u! - r) / r).toBeLessThan(1e-4);
    });
  });

  it('prints a table without --json and refuses a negative count with a bilingual error and exit code 1', () => {
    const table = execFileSync(process.execPath, [bin, 'signals', 'run', fixture], { cwd: repoRoot, encoding: 'utf8' });
    expect(table).toContain('ALARM 报警');
    const badCase = path.join(mkdtempSync(path.join(tmpdir(), 'luoshi-signals-')), 'bad.json');
    writeFileSync(badCase, JSON.stringify({ algorithm: 'earsC', observed: [1, -2, 3], freq: 52 }));
    const bad = spawnSync(process.execPath, [bin, 'signals', 'run', badCase], { cwd: repoRoot, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('invalid_count');
    expect(bad.stderr).toContain('非负整数');
  });
});
