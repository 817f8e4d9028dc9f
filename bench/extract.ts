// npm run bench:extract — throughput of extractReadout (segmentation included) on one core, over a large
// concatenation of the development readouts (test/fixtures/corpus). Prints figures; asserts nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReadout } from '../src/extract/extract.js';

const dir = fileURLToPath(new URL('../test/fixtures/corpus/readouts/', import.meta.url));
const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(dir + f, 'utf8'));
const one = texts.join('\n');
const copies = Number(process.env.BENCH_COPIES ?? 150);
const big = Array.from({ length: copies }, () => one).join('\n');

extractReadout(one, { meetingDate: '2020-09-12' }); // warm-up: dictionaries, rules, converter
const runs = 3;
let best = Infinity;
let directives = 0;
for (let k = 0; k < runs; k += 1) {
  const t0 = performance.now();
  const r = extractReadout(big, { meetingDate: '2020-09-12' });
  best = Math.min(best, performance.now() - t0);
  directives = r.directives.length;
}
const bytes = Buffer.byteLength(big, 'utf8');
console.log(`input: ${big.length.toLocaleString()} characters (${(bytes / 1e6).toFixed(2)} MB UTF-8), ${directives} directives`);
console.log(`best of ${runs}: ${(best / 1000).toFixed(2)} s`);
console.log(`throughput: ${Math.round(big.length / (best / 1000)).toLocaleString()} characters/s, ${(bytes / 1e6 / (best / 1000)).toFixed(2)} MB/s`);
