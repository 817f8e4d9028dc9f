import { createHmac } from 'node:crypto';
import type { DueDelivery, Store } from '../store/index.js';

/** Waits between attempts: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h; then the delivery is marked failed. */
export const BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;

export interface DispatchOptions {
  readonly now: () => Date;
  /** Sends one request; global fetch by default. */
  readonly fetch?: typeof fetch;
  /** Deliveries claimed per round; they are sent at the same time, so one slow receiver holds up no other. */
  readonly batch?: number;
  /** How long one request may take (default 10 s); a receiver slower than that counts as failed and is retried. */
  readonly timeoutMs?: number;
  /** Waits between attempts (default BACKOFF_MS); after the last one the delivery is marked failed. */
  readonly backoffMs?: readonly number[];
  /** Aborts the requests in flight (the dispatcher's shutdown); those are not recorded as attempts. */
  readonly signal?: AbortSignal;
}

/** The signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the webhook's secret. */
export function signDelivery(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What one request came to: a status and an error (null when 2xx), or nothing when shutdown cut it off. */
type Outcome = { readonly status: number | null; readonly error: string | null } | 'aborted';

async function send(d: DueDelivery, options: DispatchOptions): Promise<Outcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await (options.fetch ?? fetch)(d.url, {
      method: 'POST',
      // Signed when sent, so the timestamp says when the receiver got it, not when the round began.
      headers: { 'content-type': 'application/json', 'x-luoshi-signature': signDelivery(d.secret, d.payload, options.now()), 'x-luoshi-delivery': d.id, 'x-luoshi-event': d.eventType },
      body: d.payload,
      signal,
      redirect: 'manual',
    });
    // The body is not wanted; cancelling it hands the connection back instead of holding it until collected.
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (e) {
    if (options.signal?.aborted) return 'aborted';
    if (timeout.aborted) return { status: null, error: `timed out after ${options.timeoutMs ?? 10_000} ms` };
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return { status: null, error: `${e instanceof Error ? e.message : String(e)}${cause}` };
  }
}

/**
 * Sends the due deliveries of the outbox once: claims them (so several nodes never send one twice at the same
 * time), posts each signed body — all of the round at once, each with its own timeout — and records delivered,
 * retry-at (backoff) or failed, each only while this round's claim on the delivery still holds. Deliveries of a
 * webhook switched off are not claimed (disabling marks them failed). A request cut off by `signal` is not
 * recorded: its claim runs out and the delivery is sent again (receivers tell repeats apart by the
 * `x-luoshi-delivery` id). Returns how many it claimed.
 * @throws the store's error when the claim fails; an outcome that cannot be recorded is thrown after the others are.
 */
export async function dispatchWebhooks(store: Store, options: DispatchOptions): Promise<number> {
  const backoff = options.backoffMs ?? BACKOFF_MS;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // The claim outlives the slowest request of the round, so no other node takes a delivery still being sent.
  const leaseMs = Math.max(60_000, 2 * timeoutMs);
  const due = await store.transaction((tx) => tx.webhooks.claimDue(options.now().toISOString(), options.batch ?? 20, leaseMs));
  const results = await Promise.allSettled(
    due.map(async (d) => {
      const outcome = await send(d, options);
      if (outcome === 'aborted') return;
      const wait = backoff[d.attempts];
      const at = options.now();
      // Not recorded when this claim ran out and another dispatcher took the delivery over: its result stands.
      await store.transaction((tx) =>
        tx.webhooks.recordAttempt(d.tenantId, d.id, d.claimedUntil, {
          ok: outcome.error === null,
          status: outcome.status,
          error: outcome.error,
          at: at.toISOString(),
          nextAttemptAt: outcome.error === null || wait === undefined ? null : new Date(at.getTime() + wait).toISOString(),
        }),
      );
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return due.length;
}

/**
 * Runs the dispatcher every `everyMs` (the next round starts that long after the last one ended, so rounds never
 * pile up) until stopped; errors are reported, never fatal. Stopping aborts the requests in flight and resolves
 * once the round has wound down, without waiting for slow receivers.
 */
export function startWebhookDispatcher(store: Store, options: DispatchOptions & { everyMs?: number; onError?: (e: unknown) => void }): () => Promise<void> {
  const stopping = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopping.signal]) : stopping.signal;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      await dispatchWebhooks(store, { ...options, signal });
    } catch (e) {
      if (!stopping.signal.aborted) options.onError?.(e);
    }
    if (!stopping.signal.aborted) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = round();
    }, options.everyMs ?? 2_000);
    timer.unref();
  };
  schedule();
  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await running;
  };
}
