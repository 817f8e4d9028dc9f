import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { AppError } from '../errors.js';
import { DEFAULT_PARSE_BUDGET, type ParseBudget, type ParseJob, type ParseResult } from './parse-jobs.js';
import type { WorkerReply, WorkerRequest } from './parse-worker.js';

export interface ParsePoolOptions {
  /** Parser threads (default: half the cores, at least 1, at most 4). */
  readonly size?: number;
  /** Jobs waiting for a thread beyond which a new one is refused with `parser_busy` (default 8). */
  readonly queue?: number;
  /** Wall time of one job before its thread is ended (default 20 s). */
  readonly timeoutMs?: number;
  /**
   * Heap of one parser thread in MiB (default 256, at least 96): a parse beyond it ends the thread, not the
   * server. Below about 96 MiB the thread's own code (the loaders, the extraction lexicons) nearly fills the heap
   * and V8 aborts the whole process instead of ending the thread, hence the floor.
   */
  readonly memoryMb?: number;
  readonly budget?: ParseBudget;
}

interface Pending {
  readonly job: ParseJob;
  readonly signal?: AbortSignal;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker | null;
  running: (Pending & { id: number; timer: NodeJS.Timeout }) | null;
}

const tooComplex = (why: string): AppError =>
  new AppError('file_too_complex', `The file takes more ${why} to read than a readout or evidence file may; it was refused.`, `文件解析所需${why === 'time' ? '时间' : '内存'}超出限制，已拒绝。`, { limit: why });

/**
 * Untrusted files (readouts: text, .docx, .pdf; evidence: images and office files) are parsed in worker threads,
 * never on the thread that serves requests: each thread has a capped heap (`resourceLimits`), each job a wall
 * time, and the loaders a budget of uncompressed bytes, paragraphs and pages. A thread that runs out of heap or
 * time is ended and replaced on demand; its job fails with `file_too_complex`; the server and the other jobs go
 * on. When every thread is busy and the queue is full a job is refused at once with `parser_busy` (503 with
 * Retry-After), so a burst of hostile uploads cannot pile up work. A job whose caller goes away (the client
 * disconnected) is dropped from the queue or its thread ended.
 */
export class ParsePool {
  private readonly slots: Slot[];
  private readonly waiting: Pending[] = [];
  private readonly queueMax: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly budget: ParseBudget;
  private nextId = 1;
  private closed = false;

  constructor(options: ParsePoolOptions = {}) {
    const size = options.size ?? Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2)));
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, running: null }));
    this.queueMax = options.queue ?? 8;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.memoryMb = Math.max(96, options.memoryMb ?? 256);
    this.budget = options.budget ?? DEFAULT_PARSE_BUDGET;
  }

  /** Jobs running and waiting, for health reports. */
  get load(): { readonly running: number; readonly waiting: number; readonly threads: number } {
    return { running: this.slots.filter((s) => s.running).length, waiting: this.waiting.length, threads: this.slots.length };
  }

  /**
   * Runs a job on a parser thread.
   * @throws AppError `parser_busy` (queue full), `file_too_complex` (time or heap exhausted), `parse_cancelled`;
   *   DomainError `readout_*` from the loaders.
   */
  run<J extends ParseJob>(job: J, signal?: AbortSignal): Promise<ParseResult<J>> {
    if (this.closed) return Promise.reject(new AppError('parser_busy', 'The server is shutting down.', '服务正在关闭。', { retryAfterSeconds: 5 }));
    if (signal?.aborted) return Promise.reject(cancelled());
    const free = this.slots.some((s) => !s.running);
    if (!free && this.waiting.length >= this.queueMax) {
      const retryAfterSeconds = Math.max(1, Math.ceil(this.timeoutMs / 1000 / 2));
      return Promise.reject(
        new AppError('parser_busy', 'Too many files are being read right now; try again shortly.', '当前正在解析的文件过多，请稍后再试。', { retryAfterSeconds }),
      );
    }
    return new Promise<ParseResult<J>>((resolve, reject) => {
      const p: Pending = { job, signal, resolve: resolve as (v: unknown) => void, reject };
      if (signal) {
        p.onAbort = () => this.abort(p);
        signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.waiting.push(p);
      this.pump();
    });
  }

  /** Ends every thread; waiting and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) settle(p, () => p.reject(new AppError('parser_busy', 'The server is shutting down.', '服务正在关闭。', { retryAfterSeconds: 5 })));
    await Promise.all(
      this.slots.map(async (s) => {
        const w = s.worker;
        s.worker = null;
        if (s.running) this.finish(s, (p) => p.reject(cancelled()));
        if (w) await w.terminate();
      }),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.running) continue;
      const p = this.waiting.shift();
      if (!p) return;
      this.start(slot, p);
    }
  }

  private start(slot: Slot, p: Pending): void {
    const worker = slot.worker ?? this.spawn(slot);
    const id = this.nextId++;
    const timer = setTimeout(() => this.kill(slot, tooComplex('time')), this.timeoutMs);
    slot.running = { ...p, id, timer };
    worker.postMessage({ id, job: p.job } satisfies WorkerRequest);
  }

  private spawn(slot: Slot): Worker {
    const worker = startWorker({
      workerData: { budget: this.budget },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, stackSizeMb: 4 },
      // The parser's console output is not the server's log.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    slot.worker = worker;
    worker.on('message', (reply: WorkerReply) => {
      if (slot.worker !== worker || slot.running?.id !== reply.id) return;
      this.finish(slot, (p) => (reply.ok ? p.resolve(reply.value) : p.reject(revive(reply.error))));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const err = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex('memory') : new DomainError('readout_corrupt', 'The file could not be read.', '文件无法读取。');
      if (slot.running) this.finish(slot, (p) => p.reject(err));
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      if (slot.running) this.finish(slot, (p) => p.reject(tooComplex('memory')));
    });
    // An idle parser thread does not keep the process alive.
    worker.unref();
    return worker;
  }

  /** Ends the slot's thread and fails its job (time limit, cancellation). */
  private kill(slot: Slot, err: Error): void {
    const w = slot.worker;
    slot.worker = null;
    if (slot.running) this.finish(slot, (p) => p.reject(err));
    if (w) void w.terminate();
  }

  private finish(slot: Slot, how: (p: Pending) => void): void {
    const r = slot.running;
    if (!r) return;
    clearTimeout(r.timer);
    slot.running = null;
    settle(r, () => how(r));
    this.pump();
  }

  private abort(p: Pending): void {
    const k = this.waiting.indexOf(p);
    if (k >= 0) {
      this.waiting.splice(k, 1);
      settle(p, () => p.reject(cancelled()));
      return;
    }
    const slot = this.slots.find((s) => s.running?.resolve === p.resolve);
    if (slot) this.kill(slot, cancelled());
  }
}

function settle(p: Pending, how: () => void): void {
  if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
  how();
}

const cancelled = (): AppError => new AppError('parse_cancelled', 'The upload was cancelled before its file was read.', '上传已取消，文件未解析。');

function revive(e: { code?: string; message: string; messageZh?: string; details?: unknown }): Error {
  const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined;
  if (e.code && (DOMAIN_ERROR_CODES as readonly string[]).includes(e.code)) return new DomainError(e.code as DomainErrorCode, e.message, e.messageZh ?? e.message, details);
  return new DomainError('readout_corrupt', 'The file could not be read.', '文件无法读取。');
}

/**
 * A worker on parse-worker: the compiled .js beside this file, or — running from the TypeScript sources — the
 * .ts file loaded through tsx, registered inside the new thread first.
 */
function startWorker(options: ConstructorParameters<typeof Worker>[1]): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}
