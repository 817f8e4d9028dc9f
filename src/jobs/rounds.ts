/**
 * A background job that runs in rounds: the next round starts `everyMs` after the last one ended (so rounds never
 * pile up), a round's failure is reported and the next one tries again, and stopping aborts what is in flight and
 * resolves once the current round has wound down. The webhook dispatcher and the notifier share it.
 */
export interface Rounds {
  /** Aborted when the job is stopped: pass it to requests in flight. */
  readonly signal: AbortSignal;
  /** Stops the job: no new round starts; resolves when the running one has ended. */
  stop(): Promise<void>;
}

export function startRounds(everyMs: number, round: (signal: AbortSignal) => Promise<void>, onError?: (e: unknown) => void): Rounds {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      await round(stopping.signal);
    } catch (e) {
      if (!stopping.signal.aborted) onError?.(e);
    }
    if (!stopping.signal.aborted) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = once();
    }, everyMs);
    timer.unref();
  };
  schedule();
  return {
    signal: stopping.signal,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
