/*
 * bench:parse — what hostile uploads cost everybody else. A server (a process of its own, its parser pool as
 * built by buildApp) answers GET /api/v1/items to one user while nothing else happens (the baseline), then
 * while a supervisor keeps 4 hostile files in parsing (the 60 MB-of-paragraphs .docx and the PDF of 300 pages
 * sharing one content stream, two of each, re-sent as soon as each is refused). Prints p50/p99 of the other
 * user's requests in both phases and their ratio; the target is p99 ≤ 100 ms under attack.
 *
 * BENCH_SECONDS (default 10) sets the length of each phase.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { paragraphBombDocx, sharedStreamPdf } from '../src/app/parsing/testing/hostile-files.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
interface Ready {
  url: string;
  sup: Record<string, string>;
  env: Record<string, string>;
}

const child = fork(new URL('./parse-server.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ready = await new Promise<Ready>((resolve) => child.once('message', (m) => resolve(m as Ready)));

const measure = () =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url: `${ready.url}/api/v1/items`, headers: ready.env, connections: 4, duration: SECONDS }, (e, r) => (e ? reject(e) : resolve(r))),
  );

function multipart(name: string, bytes: Uint8Array): { body: Buffer; type: string } {
  const b = 'bench-parse-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${b}` };
}

const hostile = [multipart('bomb.docx', paragraphBombDocx(60)), multipart('shared.pdf', sharedStreamPdf(300, 2_000_000))];
let attacking = true;
const outcomes = new Map<number, number>();
async function attacker(file: { body: Buffer; type: string }): Promise<void> {
  while (attacking) {
    const res = await fetch(`${ready.url}/api/v1/readouts/upload`, { method: 'POST', body: file.body, headers: { ...ready.sup, 'content-type': file.type } }).catch(() => null);
    if (res) {
      outcomes.set(res.status, (outcomes.get(res.status) ?? 0) + 1);
      await res.arrayBuffer();
      // A busy pool says when to come back; an attacker would not wait long.
      if (res.status === 503) await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const quiet = await measure();
const attackers = [0, 1, 2, 3].map((k) => attacker(hostile[k % 2]!));
const loud = await measure();
attacking = false;
await Promise.race([Promise.all(attackers), new Promise((r) => setTimeout(r, 2000))]);
child.disconnect();

const line = (name: string, r: autocannon.Result) =>
  `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}`;
console.log(`bench:parse — GET /api/v1/items by another user, ${SECONDS} s per phase`);
console.log(line('quiet (baseline)', quiet));
console.log(line('4 hostile files parsing', loud));
console.log(`p99 under attack ${loud.latency.p99} ms (target ≤ 100 ms), ${(loud.latency.p99 / Math.max(1, quiet.latency.p99)).toFixed(2)}× the quiet p99`);
console.log(`hostile uploads answered: ${[...outcomes].map(([s, n]) => `${n}× ${s}`).join(', ') || 'none yet'}`);
process.exit(0);
