import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { AppError } from '../errors.js';
import { DEFAULT_PARSE_BUDGET, type ParseBudget, type ParseJob, type ParseResult } from './parse-jobs.js';
import type { ParserReady, WorkerReply, WorkerRequest } from './parse-worker.js';

export interface ParsePoolOptions {
  /** Parser processes (default: half the cores, at least 1, at most 4). */
  readonly size?: number;
  /** Jobs waiting for a parser beyond which a new one is refused with `parser_busy` (default 8). */
  readonly queue?: number;
  /** Wall time of one job before its parser is ended (default 20 s). */
  readonly timeoutMs?: number;
  /**
   * Heap of one parser process in MiB (default 256, at least 64 — the parser's own code, the loaders and the
   * extraction lexicons, needs about 40): a parse beyond it ends that process, never the server.
   */
  readonly memoryMb?: number;
  readonly budget?: ParseBudget;
}

/** A new parser's time to load its code (the loaders, pdf.js, the extraction lexicons) before its first job. */
const STARTUP_MS = 15_000;

interface Pending {
  readonly job: ParseJob;
  readonly signal?: AbortSignal;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  onAbort?: () => void;
}

type Running = Pending & { readonly id: number; timer: NodeJS.Timeout };

interface Slot {
  parser: ChildProcess | null;
  /** The parser has loaded its code and said so: a job's wall time runs from then, not from the spawn. */
  ready: boolean;
  running: Running | null;
}

const tooComplex = (why: string): AppError =>
  new AppError(
    'file_too_complex',
    `The file takes more ${why} to read than a readout or evidence file may; it was refused.`,
    `文件解析所需${why === 'time' ? '时间' : '内存'}超出限制，已拒绝。`,
    { limit: why },
  );

/**
 * Untrusted files (readouts: text, .docx, .pdf; evidence: images and office files) are parsed in child processes,
 * never in the process that serves requests: each parser has a capped heap (`--max-old-space-size`), each job a
 * wall time, and the loaders a budget of uncompressed bytes, paragraphs and pages. A parser that runs out of heap
 * or time is ended and replaced on demand; its job fails with `file_too_complex`; the server and the other jobs go
 * on. When every parser is busy and the queue is full a job is refused at once with `parser_busy` (503 with
 * Retry-After), so a burst of hostile uploads cannot pile up work. A job whose caller goes away (the client
 * disconnected) is dropped from the queue or its parser ended.
 *
 * Processes, not worker threads: a worker's `resourceLimits` is best-effort — for some allocation shapes (one
 * huge array, a long run of pushes) V8 aborts the whole process instead of ending the thread, and a hostile file
 * chooses its shape. A process that aborts takes only itself down.
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
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ parser: null, ready: false, running: null }));
    this.queueMax = options.queue ?? 8;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.memoryMb = Math.max(64, options.memoryMb ?? 256);
    this.budget = options.budget ?? DEFAULT_PARSE_BUDGET;
  }

  /** Jobs running and waiting, for health reports. */
  get load(): { readonly running: number; readonly waiting: number; readonly parsers: number } {
    return { running: this.slots.filter((s) => s.running).length, waiting: this.waiting.length, parsers: this.slots.length };
  }

  /**
   * Runs a job on a parser process.
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

  /**
   * Starts the first parser now, so that the first upload after a start does not wait for the parser's code to
   * load (a second or two on a small machine).
   */
  warm(): this {
    const slot = this.slots[0];
    if (slot && !slot.parser && !this.closed) this.spawn(slot);
    return this;
  }

  /** Ends every parser; waiting and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) settle(p, () => p.reject(new AppError('parser_busy', 'The server is shutting down.', '服务正在关闭。', { retryAfterSeconds: 5 })));
    await Promise.all(
      this.slots.map(async (s) => {
        const w = s.parser;
        s.parser = null;
        if (s.running) this.finish(s, (p) => p.reject(cancelled()));
        if (w) await end(w);
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
    const worker = slot.parser ?? this.spawn(slot);
    const id = this.nextId++;
    slot.running = { ...p, id, timer: this.deadline(slot, slot.ready ? this.timeoutMs : this.timeoutMs + STARTUP_MS) };
    hold(worker, true);
    worker.send({ id, job: p.job, budget: this.budget } satisfies WorkerRequest);
  }

  private deadline(slot: Slot, ms: number): NodeJS.Timeout {
    return setTimeout(() => this.kill(slot, tooComplex('time')), ms);
  }

  private spawn(slot: Slot): ChildProcess {
    const worker = startParser(this.memoryMb);
    slot.parser = worker;
    slot.ready = false;
    worker.on('message', (reply: WorkerReply | ParserReady) => {
      if (slot.parser !== worker) return;
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.running) {
          clearTimeout(slot.running.timer);
          slot.running.timer = this.deadline(slot, this.timeoutMs);
        }
        return;
      }
      if (slot.running?.id !== reply.id) return;
      this.finish(slot, (p) => (reply.ok ? p.resolve(reply.value) : p.reject(revive(reply.error))));
    });
    // 'error' is a failure to start or to send: the parser is unusable; 'exit' follows when it had started.
    worker.on('error', () => {
      if (slot.parser !== worker) return;
      slot.parser = null;
      worker.kill('SIGKILL');
      if (slot.running) this.finish(slot, (p) => p.reject(new DomainError('readout_corrupt', 'The file could not be read.', '文件无法读取。')));
    });
    // A parser that exits while it holds a job ran out of heap (V8 aborts it) or was killed by the system.
    worker.on('exit', () => {
      if (slot.parser !== worker) return;
      slot.parser = null;
      if (slot.running) this.finish(slot, (p) => p.reject(tooComplex('memory')));
    });
    return worker;
  }

  /** Ends the slot's parser and fails its job (time limit, cancellation). */
  private kill(slot: Slot, err: Error): void {
    const w = slot.parser;
    slot.parser = null;
    if (slot.running) this.finish(slot, (p) => p.reject(err));
    if (w) w.kill('SIGKILL');
  }

  private finish(slot: Slot, how: (p: Pending) => void): void {
    const r = slot.running;
    if (!r) return;
    clearTimeout(r.timer);
    slot.running = null;
    if (slot.parser) hold(slot.parser, false);
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
 * A parser process on parse-worker: the compiled .js beside this file, or — running from the TypeScript sources —
 * the .ts file loaded through tsx. Its output is not the server's log; its heap is capped; it shares nothing with
 * the server but the messages ('advanced' serialization carries the file's bytes without base64).
 */
function startParser(memoryMb: number): ChildProcess {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSources ? './parse-worker.ts' : './parse-worker.js', import.meta.url));
  const execArgv = [`--max-old-space-size=${memoryMb}`];
  if (fromSources) execArgv.push('--import', import.meta.resolve('tsx'));
  const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  hold(child, false);
  return child;
}

/** An idle parser does not keep the process alive; a busy one does, until its job is answered. */
function hold(child: ChildProcess, busy: boolean): void {
  const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
  if (busy) {
    child.ref();
    channel?.ref();
  } else {
    child.unref();
    channel?.unref();
  }
}

/**
 * Kills a parser and waits until it is gone. The child is held while we wait: an idle parser is unreferenced,
 * and a process whose only pending work is that exit would otherwise end with its close() never answered.
 */
function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.ref();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
