// npm run bench:extract — throughput of extractReadout (segmentation included) on one core, over a large
// concatenation of the development readouts (test/fixtures/corpus), with the shipped learned heads and, as the
// baseline of the same run, with the rules alone. Prints figures; asserts nothing. BENCH_COPIES sets the size.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReadout } from '../src/extract/extract.js';

const dir = fileURLToPath(new URL('../test/fixtures/corpus/readouts/', import.meta.url));
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(dir + f, 'utf8'));
const one = texts.join('\n');
const copies = Number(process.env.BENCH_COPIES ?? 20);
const big = Array.from({ length: copies }, () => one).join('\n');
const bytes = Buffer.byteLength(big, 'utf8');

function measure(model: undefined | null): { seconds: number; directives: number } {
  const options = { meetingDate: '2020-09-12', ...(model === null ? { model } : {}) };
  extractReadout(one, options); // warm-up: dictionaries, rules, converter, model
  let best = Infinity;
  let directives = 0;
  for (let k = 0; k < 3; k += 1) {
    const t0 = performance.now();
    directives = extractReadout(big, options).directives.length;
    best = Math.min(best, performance.now() - t0);
  }
  return { seconds: best / 1000, directives };
}

console.log(`input: ${big.length.toLocaleString()} characters (${(bytes / 1e6).toFixed(2)} MB UTF-8), best of 3`);
const model = measure(undefined);
const rulesOnly = measure(null);
for (const [name, m] of [
  ['shipped model', model],
  ['rules only (baseline)', rulesOnly],
] as const) {
  console.log(`${name.padEnd(22)} ${m.seconds.toFixed(2)} s, ${m.directives} directives, ${(bytes / 1e6 / m.seconds).toFixed(2)} MB/s`);
}
console.log(`model / rules-only time: ${(model.seconds / rulesOnly.seconds).toFixed(2)}`);
