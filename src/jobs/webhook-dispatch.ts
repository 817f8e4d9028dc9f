import { createHmac } from 'node:crypto';
import type { Store } from '../store/index.js';

/** Waits between attempts: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h; then the delivery is marked failed. */
export const BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;

export interface DispatchOptions {
  readonly now: () => Date;
  /** Sends one request; global fetch by default (tests pass their own). */
  readonly fetch?: typeof fetch;
  readonly batch?: number;
  readonly timeoutMs?: number;
}

/** The signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the webhook's secret. */
export function signDelivery(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Sends the due deliveries of the outbox once: claims them (so several nodes never send one twice at the same
 * time), posts each signed body, and records delivered, retry-at (backoff) or failed. Returns how many it tried.
 */
export async function dispatchWebhooks(store: Store, options: DispatchOptions): Promise<number> {
  const send = options.fetch ?? fetch;
  const now = options.now();
  const due = await store.transaction((tx) => tx.webhooks.claimDue(now.toISOString(), options.batch ?? 20, 60_000));
  for (const d of due) {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await send(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-luoshi-signature': signDelivery(d.secret, d.payload, now), 'x-luoshi-delivery': d.id, 'x-luoshi-event': d.eventType },
        body: d.payload,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        redirect: 'manual',
      });
      status = res.status;
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const wait = BACKOFF_MS[d.attempts];
    const at = options.now();
    await store.transaction((tx) =>
      tx.webhooks.recordAttempt(d.tenantId, d.id, {
        ok: error === null,
        status,
        error,
        at: at.toISOString(),
        nextAttemptAt: error === null || wait === undefined ? null : new Date(at.getTime() + wait).toISOString(),
      }),
    );
  }
  return due.length;
}

/** Runs the dispatcher every `everyMs` until stopped; errors are reported, never fatal. */
export function startWebhookDispatcher(store: Store, options: DispatchOptions & { everyMs?: number; onError?: (e: unknown) => void }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => dispatchWebhooks(store, options)).catch((e: unknown) => options.onError?.(e));
  }, options.everyMs ?? 2_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
