import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_BUDGET } from './parse-jobs.js';
import { ParsePool } from './parse-pool.js';
import { paragraphBombDocx, sharedStreamPdf } from './testing/hostile-files.js';

const SHORT = readFileSync(new URL('../../extract/load/fixtures/short-readout.txt', import.meta.url));
const readout = (bytes: Uint8Array) => ({ kind: 'readout', bytes, meetingDate: '2026-03-01' }) as const;

/** This process's parser children, found by their command line (Linux /proc). */
function parserPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('parse-worker')) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

async function failure(p: Promise<unknown>): Promise<{ code: string; messageZh: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; messageZh: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a failure');
}

describe(ParsePool.name, () => {
  const pools: ParsePool[] = [];
  const pool = (o: ConstructorParameters<typeof ParsePool>[0]): ParsePool => {
    const p = new ParsePool(o);
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('reads a readout on a parser', async () => {
    const r = await pool({ size: 1 }).run(readout(SHORT));
    expect(r.loaded.format).toBe('text');
    expect(r.extraction.directives.length).toBeGreaterThan(0);
  });

  it('refuses the 184 KB .docx holding 60 MB of tiny paragraphs by its budget, and keeps serving', async () => {
    const docx = paragraphBombDocx(60);
    expect(docx.length).toBeLessThan(400_000);
    const p = pool({ size: 1 });
    const e = await failure(p.run(readout(docx)));
    expect(['readout_bomb', 'readout_too_large']).toContain(e.code);
    expect(e.messageZh).toBeTruthy();
    expect((await p.run(readout(SHORT))).loaded.format).toBe('text');
  });

  it('counts paragraphs: a small archive of too many paragraphs is too large', async () => {
    const e = await failure(pool({ size: 1 }).run(readout(paragraphBombDocx(2))));
    expect(e.code).toBe('readout_too_large');
    expect(e.details).toMatchObject({ limit: DEFAULT_PARSE_BUDGET.maxParagraphs });
  });

  it('ends a parser process that runs out of heap, never the server, and replaces it', async () => {
    const p = pool({ size: 1, memoryMb: 96, timeoutMs: 5000, budget: { ...DEFAULT_PARSE_BUDGET, maxUncompressedBytes: 100 * 1024 * 1024, maxParagraphs: 1e9 } });
    const e = await failure(p.run(readout(paragraphBombDocx(60))));
    // Out of heap, or out of time first on a slow machine: the parser is ended either way.
    expect(e.code).toBe('file_too_complex');
    expect((await p.run(readout(SHORT))).loaded.format).toBe('text');
  });

  it('survives a parser that dies mid-job (V8 aborts it on some heap exhaustion, the system may kill it): the job fails, the next one runs', async () => {
    const p = pool({ size: 1, budget: { ...DEFAULT_PARSE_BUDGET, maxPages: 1000 } });
    const slow = failure(p.run(readout(sharedStreamPdf(300, 200_000))));
    let pids: number[] = [];
    for (let i = 0; i < 100 && pids.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      pids = parserPids();
    }
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, 'SIGKILL');
    expect(await slow).toMatchObject({ code: 'file_too_complex' });
    expect((await p.run(readout(SHORT))).loaded.format).toBe('text');
  });

  it('refuses a PDF of 300 pages sharing one content stream by its page budget', async () => {
    const e = await failure(pool({ size: 1 }).run(readout(sharedStreamPdf(300, 10_000))));
    expect(e.code).toBe('readout_too_large');
    expect(e.details).toMatchObject({ pages: 300, limit: DEFAULT_PARSE_BUDGET.maxPages });
  });

  it('ends a parse that outlives its wall time and goes on with the next job', async () => {
    const p = pool({ size: 1, timeoutMs: 300, budget: { ...DEFAULT_PARSE_BUDGET, maxPages: 1000 } });
    const e = await failure(p.run(readout(sharedStreamPdf(300, 200_000))));
    expect(e.code).toBe('file_too_complex');
    expect(e.messageZh).toContain('时间');
    const q = pool({ size: 1 });
    expect((await q.run(readout(SHORT))).loaded.format).toBe('text');
  });

  it('refuses a job at once with parser_busy and a retry time when every thread is busy and the queue is full', async () => {
    const p = pool({ size: 1, queue: 1, budget: { ...DEFAULT_PARSE_BUDGET, maxPages: 1000 } });
    const slow = sharedStreamPdf(300, 200_000);
    const ac = new AbortController();
    const running = p.run(readout(slow), ac.signal).catch((e: unknown) => e);
    const queued = p.run(readout(slow), ac.signal).catch((e: unknown) => e);
    const e = await failure(p.run(readout(SHORT)));
    expect(e.code).toBe('parser_busy');
    expect(e.details?.retryAfterSeconds).toBeGreaterThan(0);
    ac.abort();
    expect(await running).toMatchObject({ code: 'parse_cancelled' });
    expect(await queued).toMatchObject({ code: 'parse_cancelled' });
    expect(p.load).toMatchObject({ running: 0, waiting: 0 });
  });

  it('stops a parse when its caller goes away: the parser is ended and the next job runs', async () => {
    const p = pool({ size: 1, budget: { ...DEFAULT_PARSE_BUDGET, maxPages: 1000 } });
    const ac = new AbortController();
    const slow = p.run(readout(sharedStreamPdf(300, 200_000)), ac.signal);
    setTimeout(() => ac.abort(), 100);
    expect(await failure(slow)).toMatchObject({ code: 'parse_cancelled' });
    expect((await p.run(readout(SHORT))).loaded.format).toBe('text');
  });
});
