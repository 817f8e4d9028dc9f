/**
 * CLI start-up benchmark (npm run bench:cli [-- --runs R]): how long `luoshi --version` and a 50-row
 * `luoshi items list` (the table a person reads) take as a user runs them (bin/luoshi.js on the compiled build,
 * demo city on SQLite), against two baselines measured in the same run: a bare `node -e 0` (the floor no CLI
 * can beat) and the same commands run from the TypeScript sources through tsx with every command imported (how
 * the CLI ran before the build). Prints the median and fastest wall time of R runs (default 7) and the ratios; the goals are
 * ≤ 300 ms and ≤ 600 ms on an idle machine. Not a test: it prints figures and never fails on them.
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

/** Wall times in ms of R runs of `node <argv>`; checks each run succeeded. */
function time(argv: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, argv, { cwd: REPO, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed: ${r.stderr}`);
  }
  return out.sort((a, b) => a - b);
}

const median = (xs: readonly number[]) => xs[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

try {
  const listed = JSON.parse(execFileSync(process.execPath, [BIN, ...LIST, '--json'], { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })) as { items: unknown[] };
  if (listed.items.length !== 50) throw new Error(`the demo city should list 50 rows, not ${listed.items.length}`);
  const floor = time(['-e', '0']);
  const rows: [string, number[], number[] | null, number | null][] = [
    ['node -e 0 (floor)', floor, null, null],
    ['luoshi --version', time([BIN, '--version']), time([...SOURCES, '--version']), 300],
    ['luoshi items list (50 rows)', time([BIN, ...LIST]), time([...SOURCES, ...LIST]), 600],
  ];
  console.log(`${RUNS} runs each, load average ${loadavg()[0]!.toFixed(1)} on this machine`);
  console.log('command                        median    fastest   goal       ÷ floor  ÷ tsx on sources (median)');
  for (const [name, xs, before, goal] of rows) {
    const ratio = before ? (median(xs) / median(before)).toFixed(2).padStart(6) : '      ';
    const goalText = goal ? `≤ ${goal} ms` : '';
    console.log(`${name.padEnd(28)} ${ms(median(xs))} ${ms(xs[0]!)}   ${goalText.padEnd(10)} ${(median(xs) / median(floor)).toFixed(2).padStart(6)}  ${ratio}${before ? `  (${ms(median(before)).trim()})` : ''}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
