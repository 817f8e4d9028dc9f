/**
 * CLI start-up benchmark (npm run bench:cli [-- --runs R]): how long `luoshi --version` and a 50-row
 * `luoshi items list` (the table a person reads) take as a user runs them (bin/luoshi.js on the compiled build,
 * demo city on SQLite), against two baselines measured in the same run: a bare `node -e 0` (the floor no CLI
 * can beat) and the same commands run from the TypeScript sources through tsx with every command imported (how
 * the CLI ran before the build). Prints the median and fastest wall time of R runs (default 7), the median CPU
 * time the process used (user + system, which a busy machine inflates far less than wall time: on an idle
 * machine the wall time is close to it) and the ratios; the goals are ≤ 300 ms and ≤ 600 ms of wall time on an
 * idle machine. Not a test: it prints figures and never fails on them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(args.runs);
if (!Number.isSafeInteger(RUNS) || RUNS < 1) {
  console.error('--runs must be a positive whole number (须为正整数)');
  process.exit(2);
}
const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPO, 'bin', 'luoshi.js');
const SOURCES = ['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts')];
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUOSHI_')));

const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-cli-'));
console.log(execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--if-stale'], { cwd: REPO, encoding: 'utf8' }).trim());
execFileSync(process.execPath, [BIN, 'demo', '--data', dir, '--password', 'Luoshi-bench-2026', '--json'], { env, stdio: 'pipe' });
const LIST = ['items', 'list', '--data', dir, '--limit', '50'];

/** Loaded first in every measured process: prints the CPU time it used as its last line on stderr. */
const CPU_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-us '+(u.user+u.system)+'\\n')})`;

interface Timing {
  readonly wall: number[];
  readonly cpu: number[];
}

/** Wall and CPU times in ms of R runs of `node <argv>`, each sorted; checks each run succeeded. */
function time(argv: readonly string[]): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', CPU_PROBE, ...argv], { cwd: REPO, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed: ${r.stderr}`);
    cpu.push(Number(/cpu-us (\d+)\s*$/.exec(r.stderr)?.[1] ?? Number.NaN) / 1000);
  }
  const up = (a: number, b: number) => a - b;
  return { wall: wall.sort(up), cpu: cpu.sort(up) };
}

const median = (xs: readonly number[]) => xs[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

try {
  const listed = JSON.parse(execFileSync(process.execPath, [BIN, ...LIST, '--json'], { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })) as { items: unknown[] };
  if (listed.items.length !== 50) throw new Error(`the demo city should list 50 rows, not ${listed.items.length}`);
  const floor = time(['-e', '0']);
  const rows: [string, Timing, Timing | null, number | null][] = [
    ['node -e 0 (floor)', floor, null, null],
    ['luoshi --version', time([BIN, '--version']), time([...SOURCES, '--version']), 300],
    ['luoshi items list (50 rows)', time([BIN, ...LIST]), time([...SOURCES, ...LIST]), 600],
  ];
  console.log(`${RUNS} runs each, load average ${loadavg()[0]!.toFixed(1)} on this machine`);
  console.log('command                      wall: median   fastest   CPU: median   goal (wall)   ÷ floor  ÷ tsx on sources (wall, median)');
  for (const [name, t, before, goal] of rows) {
    const ratio = before ? `${(median(t.wall) / median(before.wall)).toFixed(2).padStart(6)}  (${ms(median(before.wall)).trim()}, CPU ${ms(median(before.cpu)).trim()})` : '';
    const goalText = goal ? `≤ ${goal} ms` : '';
    console.log(
      `${name.padEnd(28)} ${ms(median(t.wall))}  ${ms(t.wall[0]!)}    ${ms(median(t.cpu))}   ${goalText.padEnd(12)} ${(median(t.wall) / median(floor.wall)).toFixed(2).padStart(6)}  ${ratio}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
