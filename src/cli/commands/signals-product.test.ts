import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, toLocalDate } from '../../domain/time.js';
import { openStore } from '../../store/index.js';
import { tempDir } from '../../store/testing/dialects.js';
import { countsCsv, dailyRows, movableClock, seedSignalCity, signalDeps, steadyThen } from '../../app/testing/signals-city.js';
import type { Output } from '../output.js';
import { readCountsFile } from './signals-ingest.js';
import { registerSignalsProduct } from './signals-product.js';

/** Runs `luoshi …` in process and returns what it printed and its exit code. */
async function luoshi(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const program = new Command('luoshi').exitOverride();
  registerSignalsProduct(program, o);
  process.exitCode = 0;
  await program.parseAsync(['node', 'luoshi', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('luoshi signals ingest / indicator / detect / stats / series', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('imports counts with a row report, opens an item per alarm once, and prints statistics and a chart as JSON', async () => {
    const dir = tempDir('luoshi-signals-cli-');
    const db = ['--db', path.join(dir, 'luoshi.db'), '--data', dir];
    // The CLI uses the real clock: the series ends yesterday in the city.
    const start = addDays(toLocalDate(new Date(), 'Asia/Shanghai'), -15);
    const store = await openStore({ database: { kind: 'sqlite', file: path.join(dir, 'luoshi.db') }, dataDir: dir });
    const { tenantId } = await seedSignalCity(signalDeps(store, movableClock(new Date().toISOString())));
    await store.close();
    const flags = [...db, '--tenant', tenantId];

    const add = await luoshi([
      'signals',
      'indicator',
      'add',
      'fever',
      '--name',
      '发热门诊就诊人次',
      '--algorithm',
      'earsC',
      '--control',
      '{"method":"C1"}',
      '--frequency',
      'day',
      '--as',
      'sup',
      ...flags,
    ]);
    expect(add.code).toBe(0);
    expect((await luoshi(['signals', 'indicator', 'add', 'bad', '--name', 'x', '--algorithm', 'earsC', '--control', '{"method":"C9"}', '--frequency', 'day', ...flags])).code).toBe(
      2,
    );

    const file = path.join(dir, 'counts.csv');
    writeFileSync(file, countsCsv([...dailyRows('d1', 'fever', start, steadyThen(30)), ['d1', 'fever', start, 3], ['北城区', 'fever', start, 1]]));
    const bad = await luoshi(['signals', 'ingest', file, ...flags]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('duplicate_period');
    expect(bad.out).toContain('unknown_unit');
    expect(bad.err).toContain('未写入');
    const skipped = await luoshi(['signals', 'ingest', file, '--skip-invalid', '--json', ...flags]);
    expect(JSON.parse(skipped.out)).toMatchObject({ committed: true, inserted: 15, invalid: 2 });

    const detect = JSON.parse((await luoshi(['signals', 'detect', '--as', 'sup', '--json', ...flags])).out) as { totals: Record<string, number> };
    expect(detect.totals).toMatchObject({ alarm_opened: 1 });
    const again = JSON.parse((await luoshi(['signals', 'detect', '--as', 'sup', '--json', ...flags])).out) as { totals: Record<string, number> };
    expect(again.totals).toMatchObject({ alarm_opened: 0, alarm_open: 1 });
    expect((await luoshi(['signals', 'detect', '--as', 'd1h', ...flags])).code).toBe(4);

    const stats = JSON.parse((await luoshi(['signals', 'stats', '--json', ...flags])).out) as { totals: { alarms: number }; byUnitWeek: { unitId: string }[] };
    expect(stats.totals.alarms).toBe(1);
    expect(stats.byUnitWeek.map((g) => g.unitId)).toEqual(['d1']);
    const chart = JSON.parse((await luoshi(['signals', 'series', '东城区', 'fever', '--periods', '3', '--json', ...flags])).out) as { points: { alarm: boolean }[] };
    expect(chart.points.map((p) => p.alarm)).toEqual([false, false, true]);
    expect((await luoshi(['signals', 'series', 'd9', 'fever', ...flags])).code).toBe(3);
  });

  it('reads a count file saved as GB18030 by Excel as well as UTF-8', () => {
    const dir = tempDir('luoshi-signals-csv-');
    const gb = path.join(dir, 'gb.csv');
    // "地区,东城区" in GB18030: 地 B5D8, 区 C7F8, 东 B6AB, 城 B3C7.
    writeFileSync(gb, Buffer.from([0xb5, 0xd8, 0xc7, 0xf8, 0x2c, 0xb6, 0xab, 0xb3, 0xc7, 0xc7, 0xf8]));
    expect(readCountsFile(gb)).toBe('地区,东城区');
    const utf8 = path.join(dir, 'utf8.csv');
    writeFileSync(utf8, '地区,东城区');
    expect(readCountsFile(utf8)).toBe('地区,东城区');
  });
});
