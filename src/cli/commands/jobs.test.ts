import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCity, testClock, testDeps } from '../../app/testing/city.js';
import { openStore } from '../../store/index.js';
import { tempDir } from '../../store/testing/dialects.js';
import type { Output } from '../output.js';
import { registerJobs } from './jobs.js';

/** Runs `luoshi …` in process and returns what it printed and its exit code. */
async function luoshi(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const program = new Command('luoshi').exitOverride();
  registerJobs(program, o);
  process.exitCode = 0;
  await program.parseAsync(['node', 'luoshi', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('luoshi jobs run-daily / runs', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('runs the day once by hand, skips a second run, refuses a non-supervisor and lists the runs', async () => {
    const dir = tempDir('luoshi-jobs-cli-');
    const file = path.join(dir, 'luoshi.db');
    const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir });
    const { tenantId } = await seedCity(testDeps(store, testClock(new Date().toISOString())));
    await store.close();
    const flags = ['--db', file, '--data', dir, '--tenant', tenantId];

    const first = await luoshi(['jobs', 'run-daily', ...flags, '--as', 'sup', '--json']);
    expect(first.code, first.err).toBe(0);
    const report = JSON.parse(first.out) as { results: { job: string; status: string }[] };
    expect(report.results.map((r) => [r.job, r.status])).toEqual([
      ['signals_detect', 'done'],
      ['deadline_reminders', 'done'],
      ['escalation_sweep', 'done'],
      ['recheck_schedule', 'done'],
      ['inspection_rounds', 'done'],
    ]);

    const second = await luoshi(['jobs', 'run-daily', ...flags, '--as', 'sup']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/已由其他进程执行 skipped/);

    const refused = await luoshi(['jobs', 'run-daily', ...flags, '--as', 'env']);
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/forbidden/);
    expect((await luoshi(['jobs', 'run-daily', ...flags])).err).toMatch(/--as/);

    const runs = JSON.parse((await luoshi(['jobs', 'runs', ...flags, '--json'])).out) as { job: string; status: string; node: string }[];
    expect(runs.map((r) => [r.job, r.status]).sort()).toEqual([
      ['deadline_reminders', 'done'],
      ['escalation_sweep', 'done'],
      ['inspection_rounds', 'done'],
      ['recheck_schedule', 'done'],
      ['signals_detect', 'done'],
    ]);
    expect(runs[0]!.node).toMatch(/^cli:/);
  });
});
