/*
 * The client side of bench:peer, the same for both systems: node:http with keep-alive and exactly one socket
 * per concurrent slot (puma, with one thread, makes a second socket of a sequential client wait ~200 ms, see
 * ../shared/peers/redmine/README.md), latency per request, and the server's CPU and memory read from /proc.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** One keep-alive socket: requests through it go one after another, as one user's would. */
export class Slot {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    private readonly base: URL,
    private readonly headers: () => Record<string, string>,
  ) {}

  call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { ...this.headers(), ...extra };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = request({ host: this.base.hostname, port: this.base.port, method, path, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: no answer in 120 s`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** CPU time (user + system) of a process so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces, in parentheses: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Clock ticks per second of /proc's CPU fields: 100 on Linux on every architecture Node supports. */
const CLOCK_TICKS = 100;

/** Peak resident memory (VmHWM) of a process, in MiB. */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export interface RunFigures {
  readonly ok: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU per operation (one op may be several requests), in ms. */
  readonly cpuPerOp: number;
  readonly firstError?: string;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Runs `count` operations over `slots` (the concurrency), each slot one after another, and measures each
 * operation's latency and the server's CPU over the whole run. An operation answers an error text or null.
 */
export async function runOps(slots: readonly Slot[], count: number, serverPid: number, op: (i: number, slot: Slot) => Promise<string | null>): Promise<RunFigures> {
  const lat: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const cpu0 = cpuMs(serverPid);
  const t0 = performance.now();
  await Promise.all(
    slots.map(async (slot) => {
      for (let i = next++; i < count; i = next++) {
        const s = performance.now();
        let err: string | null;
        try {
          err = await op(i, slot);
        } catch (e) {
          err = e instanceof Error ? e.message : String(e);
        }
        if (err === null) lat.push(performance.now() - s);
        else {
          errors += 1;
          firstError ??= err;
        }
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuMs(serverPid) - cpu0;
  lat.sort((a, b) => a - b);
  return {
    ok: lat.length,
    errors,
    perSecond: lat.length / wall,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    cpuPerOp: cpu / Math.max(1, count),
    ...(firstError !== undefined && { firstError }),
  };
}

/** An error text for an unexpected status, else null. */
export const expectStatus = (r: Reply, ...ok: number[]): string | null => (ok.includes(r.status) ? null : `HTTP ${r.status}: ${r.text.slice(0, 200)}`);
