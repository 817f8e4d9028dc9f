/**
 * Speed and agreement of the detectors against R's surveillance on the synthetic sets of
 * ../shared/fixtures/signals/bench (the same work as bench_run.R there):
 *   farringtonFlexible, default control, weeks 469–520 of 1,000 weekly series × 520 weeks;
 *   earsC C3 (B 7, α 0.025), days 731–1095 of 1,000 daily series × 1,095 days.
 * Prints seconds (one core), the speed-up over R's median wall time, alarm counts next to R's, and
 * how many per-point alarms differ from R's results. Run: `npm run bench:signals`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { earsC } from '../src/signals/ears.js';
import { farringtonFlexible } from '../src/signals/farrington-flexible.js';
import type { SignalResult } from '../src/signals/series.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'signals', 'bench');

function readCsv(file: string): string[][] {
  const raw = readFileSync(path.join(benchDir, file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => l.split(','));
}

/** series × t counts from "series,t,y,state" (sorted by series, then t). */
function readSeries(file: string): number[][] {
  const out: number[][] = [];
  for (const [series, , y] of readCsv(file)) {
    const s = Number(series) - 1;
    (out[s] ??= []).push(Number(y));
  }
  return out;
}

/** R's per-point results keyed "series:t". */
function readResults(file: string): Map<string, { upperbound: number | null; alarm: boolean | null }> {
  const out = new Map<string, { upperbound: number | null; alarm: boolean | null }>();
  for (const [series, t, ub, alarm] of readCsv(file)) {
    out.set(`${series}:${t}`, { upperbound: ub === '' ? null : Number(ub), alarm: alarm === '' || alarm === undefined ? null : alarm === '1' });
  }
  return out;
}

function rTimes(): { ff: number; c3: number } {
  const rows = readCsv('timings_n1000.csv').map((r) => r.map(Number));
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  };
  return { ff: median(rows.map((r) => r[2]!)), c3: median(rows.map((r) => r[3]!)) };
}

interface Outcome {
  seconds: number;
  alarms: number;
  rAlarms: number;
  alarmDiffs: number;
  naDiffs: number;
  maxRelUpper: number;
}

function run(name: string, series: number[][], detect: (y: number[]) => SignalResult, resultsFile: string): Outcome {
  const t0 = process.hrtime.bigint();
  const results = series.map((y) => detect(y));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const r = readResults(resultsFile);
  let alarms = 0;
  let rAlarms = 0;
  let alarmDiffs = 0;
  let naDiffs = 0;
  let maxRelUpper = 0;
  results.forEach((res, s) => {
    res.t.forEach((t, i) => {
      const ref = r.get(`${s + 1}:${t}`);
      if (!ref) throw new Error(`${name}: R has no result for series ${s + 1}, t ${t}`);
      const a = res.alarm[i] ?? null;
      if (a === true) alarms++;
      if (ref.alarm === true) rAlarms++;
      if (a !== ref.alarm) alarmDiffs++;
      const u = res.upperbound[i] ?? null;
      if ((u === null) !== (ref.upperbound === null)) naDiffs++;
      else if (u !== null && ref.upperbound !== null) maxRelUpper = Math.max(maxRelUpper, Math.abs(u - ref.upperbound) / Math.max(Math.abs(ref.upperbound), 1e-12));
    });
  });
  return { seconds, alarms, rAlarms, alarmDiffs, naDiffs, maxRelUpper };
}

function report(name: string, o: Outcome, rSeconds: number): void {
  const ratio = rSeconds / o.seconds;
  console.log(
    `${name.padEnd(30)} ${o.seconds.toFixed(2).padStart(7)} s   R ${rSeconds.toFixed(1)} s   ${ratio.toFixed(0)}× faster   ` +
      `alarms ${o.alarms} (R ${o.rAlarms})   differing alarms ${o.alarmDiffs}   NA mismatches ${o.naDiffs}   max rel. upperbound diff ${o.maxRelUpper.toExponential(1)}`,
  );
}

const r = rTimes();
console.log('single core, Node', process.version);
const weekly = readSeries('weekly.csv.gz');
const ff = run(
  'farringtonFlexible',
  weekly,
  (y) => farringtonFlexible({ observed: y, freq: 52, start: [2001, 1] }, {}, { first: 469, last: 520 }),
  'results_weekly_ff_n1000.csv.gz',
);
report(`farringtonFlexible ×${weekly.length}`, ff, r.ff);
const daily = readSeries('daily.csv.gz');
const c3 = run('earsC C3', daily, (y) => earsC({ observed: y, freq: 365, start: [2001, 1] }, { method: 'C3' }, { first: 731, last: 1095 }), 'results_daily_c3_n1000.csv.gz');
report(`earsC C3 ×${daily.length}`, c3, r.c3);
