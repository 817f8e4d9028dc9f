/*
 * Test support: contender threads for SQLite, each with its own store (its own connection to the one file),
 * released together from a shared start line. Started once per test file. Worker threads do not inherit the
 * TypeScript loader: they run the contender bundled into plain JavaScript.
 */
import { Worker } from 'node:worker_threads';
import type { StoreConfig } from '../../store/index.js';
import { bundleForNode, type Bundle } from './bundle.js';
import type { RaceJob, RaceOutcome } from './race.js';
import type { RaceMessage } from './race-worker.js';

const nextMessage = <T>(w: Worker): Promise<T> =>
  new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });

export class RaceThreads {
  private constructor(
    private readonly workers: readonly Worker[],
    private readonly bundle: Bundle,
  ) {}

  /** Starts `count` threads on the store described by `config` (already migrated). */
  static async start(config: StoreConfig, count: number): Promise<RaceThreads> {
    const bundle = await bundleForNode(new URL('./race-worker.ts', import.meta.url));
    const workers = Array.from({ length: count }, () => new Worker(bundle.file, { workerData: { config } }));
    await Promise.all(workers.map((w) => nextMessage<string>(w))); // 'open'
    return new RaceThreads(workers, bundle);
  }

  /** Gives thread i the job jobs[i], releases all at once when every one is ready, and collects outcomes. */
  async run(jobs: readonly RaceJob[]): Promise<RaceOutcome[]> {
    if (jobs.length > this.workers.length) throw new Error(`${jobs.length} jobs for ${this.workers.length} threads`);
    const startLine = new SharedArrayBuffer(4);
    const ready = jobs.map((job, i) => {
      const w = this.workers[i]!;
      const r = nextMessage<string>(w);
      w.postMessage({ job, startLine } satisfies RaceMessage);
      return r;
    });
    await Promise.all(ready);
    const outcomes = this.workers.slice(0, jobs.length).map((w) => nextMessage<RaceOutcome>(w));
    Atomics.store(new Int32Array(startLine), 0, 1);
    Atomics.notify(new Int32Array(startLine), 0);
    return Promise.all(outcomes);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        const exited = new Promise((resolve) => w.once('exit', resolve));
        w.postMessage('close');
        return exited;
      }),
    );
    await this.bundle.remove();
  }
}
