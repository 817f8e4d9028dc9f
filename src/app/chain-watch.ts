import type { TenantId } from '../domain/ids.js';
import type { ChainVerification, Store } from '../store/index.js';

/** The state of the record as the running server last found it (what /readyz reports as degraded). */
export interface ChainAlarm {
  readonly seq: number;
  readonly problem: string;
  readonly message: string;
  readonly messageZh: string;
  /** When the mismatch was found. */
  readonly since: string;
}

export interface ChainWatchOptions {
  /** How often new events are verified (default 60 s). */
  readonly everyMs?: number;
  readonly now?: () => Date;
  /** Told once when an alarm is raised (the server logs it). */
  readonly onAlarm?: (alarm: ChainAlarm) => void;
  /** Told when a check itself fails (the database unreachable): not an alarm about the record. */
  readonly onError?: (e: unknown) => void;
}

/**
 * The running server verifies its tenant's chain incrementally: each tick recomputes only the events after the
 * head it verified last (and checks that head still stands), so a rewrite, a rollback or a deletion behind
 * the server's back is noticed within a tick instead of at the next `luoshi verify`. An alarm, once raised,
 * stays until the server restarts (the record needs a person, not a retry); `alarm()` is what a readiness
 * probe reads.
 */
export class ChainWatch {
  private verified: { seq: number; hash: string } | null = null;
  private current: ChainAlarm | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly tenantId: TenantId,
    private readonly options: ChainWatchOptions = {},
  ) {}

  /** The alarm raised, or null while the record verifies. */
  alarm(): ChainAlarm | null {
    return this.current;
  }

  start(): this {
    this.timer ??= setInterval(() => void this.check(), this.options.everyMs ?? 60_000);
    this.timer.unref();
    void this.check();
    return this;
  }

  /** Verifies what is new since the last check; returns the alarm if there is one. */
  async check(): Promise<ChainAlarm | null> {
    if (this.current) return this.current;
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    await this.running;
    return this.current;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async run(): Promise<void> {
    let r: ChainVerification;
    try {
      r = await this.store.verifyChain(this.tenantId, this.verified ?? undefined);
    } catch (e) {
      this.options.onError?.(e);
      return;
    }
    if (r.ok) {
      if (r.count > 0) this.verified = { seq: r.headSeq, hash: r.headHash };
      return;
    }
    this.current = { seq: r.seq, problem: r.problem, message: r.message, messageZh: r.messageZh, since: (this.options.now?.() ?? new Date()).toISOString() };
    this.options.onAlarm?.(this.current);
  }
}
