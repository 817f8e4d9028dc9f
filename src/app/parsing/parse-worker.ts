/*
 * A parser process of the pool (parse-pool.ts): receives one job at a time, answers with its result or its
 * coded error. Whatever a hostile file does here — exhaust the heap, loop, throw — ends this process only.
 */
import { setPriority } from 'node:os';
import { runParseJob, type ParseBudget, type ParseJob } from './parse-jobs.js';

export interface WorkerRequest {
  readonly id: number;
  readonly job: ParseJob;
  readonly budget: ParseBudget;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { code?: string; message: string; messageZh?: string; details?: unknown } };

/** Sent once, when the parser's code is loaded. */
export interface ParserReady {
  readonly ready: true;
}

// Parsing yields the CPU to the process that answers requests.
try {
  setPriority(0, 15);
} catch {
  // Not allowed or not supported here: the limits still hold, only the latency of others suffers more.
}

// Only a forked parser has a channel; imported elsewhere (the pool's types) this file does nothing.
if (process.send) {
  const reply = (r: WorkerReply): void => {
    process.send?.(r);
  };
  process.on('message', (req: WorkerRequest) => {
    runParseJob(req.job, req.budget).then(
      (value) => reply({ id: req.id, ok: true, value }),
      (e: unknown) => {
        const err = e as { code?: unknown; message?: unknown; messageZh?: unknown; details?: unknown };
        reply({
          id: req.id,
          ok: false,
          error: {
            code: typeof err.code === 'string' ? err.code : undefined,
            message: typeof err.message === 'string' ? err.message.slice(0, 300) : 'parse failed',
            messageZh: typeof err.messageZh === 'string' ? err.messageZh : undefined,
            details: err.details,
          },
        });
      },
    );
  });
  // The server went away: so does its parser.
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true } satisfies ParserReady);
}
