/*
 * A parser thread of the pool (parse-pool.ts): receives one job at a time, answers with its result or its
 * coded error. Whatever a hostile file does here — exhaust the heap, loop, throw — ends this thread only.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runParseJob, type ParseBudget, type ParseJob } from './parse-jobs.js';

export interface WorkerRequest {
  readonly id: number;
  readonly job: ParseJob;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { code?: string; message: string; messageZh?: string; details?: unknown } };

// On Linux a thread has its own nice value: parsing yields the CPU to the thread that answers requests.
try {
  setPriority(0, 15);
} catch {
  // Not allowed or not supported here: the limits still hold, only the latency of others suffers more.
}

const budget = (workerData as { budget: ParseBudget }).budget;
const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    runParseJob(req.job, budget).then(
      (value) => port.postMessage({ id: req.id, ok: true, value } satisfies WorkerReply),
      (e: unknown) => {
        const err = e as { code?: unknown; message?: unknown; messageZh?: unknown; details?: unknown };
        port.postMessage({
          id: req.id,
          ok: false,
          error: {
            code: typeof err.code === 'string' ? err.code : undefined,
            message: typeof err.message === 'string' ? err.message.slice(0, 300) : 'parse failed',
            messageZh: typeof err.messageZh === 'string' ? err.messageZh : undefined,
            details: err.details,
          },
        } satisfies WorkerReply);
      },
    );
  });
}
