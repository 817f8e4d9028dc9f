import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkWebhookUrl, describeWebhookUrlProblem, nonPublicAddress } from '../domain/webhook-target.js';
import type { DueDelivery, Store } from '../store/index.js';
import { startRounds } from './rounds.js';

/** Waits between attempts: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h; then the delivery is marked failed. */
export const BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;

/** A host name's addresses, as the system resolver (getaddrinfo, /etc/hosts included) gives them. */
export type Resolve = (host: string) => Promise<readonly string[]>;

const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export interface DispatchOptions {
  readonly now: () => Date;
  /**
   * Post to loopback, private and link-local addresses too (LUOSHI_WEBHOOK_ALLOW_PRIVATE, intranet deployments).
   * By default a delivery whose host is, or resolves to, such an address is refused (SSRF) and retried later.
   */
  readonly allowPrivate?: boolean;
  /** Resolves a webhook's host name (the system resolver by default); the request goes to the address checked. */
  readonly resolve?: Resolve;
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

/** Thrown when a webhook's target is refused; its message is the delivery's last error. */
class TargetRefused extends Error {}

/** `promise`, or the signal's reason once it aborts (a DNS lookup cannot itself be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason as Error);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * The addresses to connect to for a delivery: its URL checked again (http(s), no credentials, the host as
 * written), then its host name resolved and every address checked, so that a name pointing (or re-pointed, DNS
 * rebinding) at an internal address is refused. The request goes to these addresses and never resolves the
 * name again.
 * @throws TargetRefused.
 */
async function checkedAddresses(d: DueDelivery, options: DispatchOptions, signal: AbortSignal): Promise<{ url: URL; host: string; addresses: readonly string[] }> {
  const allowPrivate = options.allowPrivate === true;
  const checked = checkWebhookUrl(d.url, allowPrivate);
  if (!checked.ok) throw new TargetRefused(describeWebhookUrlProblem(checked.problem).en);
  const addresses = checked.literal ? [checked.host] : await untilAborted((options.resolve ?? systemResolve)(checked.host), signal);
  if (addresses.length === 0) throw new TargetRefused(`${checked.host} has no address`);
  for (const address of addresses) {
    const kind = isIP(address) === 0 ? 'reserved' : allowPrivate ? null : nonPublicAddress(address);
    if (kind !== null) throw new TargetRefused(describeWebhookUrlProblem({ kind: 'forbidden', host: checked.host, address, addressKind: kind }).en);
  }
  return { url: checked.url, host: checked.host, addresses };
}

/** Errors that arise before a request is sent, so the next address may be tried. */
const UNREACHED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** Posts `body` to `address` as `url` (Host header and, for https, the name its certificate is checked against). */
function post(url: URL, host: string, address: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
  const tls = url.protocol === 'https:';
  return new Promise<number>((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)(
      {
        host: address,
        port: url.port === '' ? (tls ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
        signal,
        ...(tls && isIP(host) === 0 ? { servername: host } : {}),
      },
      (res: IncomingMessage) => {
        // The body is not wanted: drained, so the connection goes back to the pool.
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function send(d: DueDelivery, options: DispatchOptions): Promise<Outcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const { url, host, addresses } = await checkedAddresses(d, options, signal);
    // Signed when sent, so the timestamp says when the receiver got it, not when the round began.
    const headers = {
      'content-type': 'application/json',
      'x-luoshi-signature': signDelivery(d.secret, d.payload, options.now()),
      'x-luoshi-delivery': d.id,
      'x-luoshi-event': d.eventType,
    };
    let status: number | undefined;
    for (const [i, address] of addresses.entries()) {
      try {
        status = await post(url, host, address, headers, d.payload, signal);
        break;
      } catch (e) {
        if (i === addresses.length - 1 || !UNREACHED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
      }
    }
    return { status: status!, error: status! >= 200 && status! < 300 ? null : `HTTP ${status}` };
  } catch (e) {
    if (options.signal?.aborted) return 'aborted';
    if (timeout.aborted) return { status: null, error: `timed out after ${options.timeoutMs ?? 10_000} ms` };
    if (e instanceof TargetRefused) return { status: null, error: e.message };
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
 * pile up) until stopped; errors are reported, never fatal. In its first round and then every `sweepEveryMs`
 * (default 10 min) it also fails the deliveries of disabled webhooks left pending by a dispatcher that stopped
 * while sending them. Stopping aborts the requests in flight and resolves once the round has wound down, without
 * waiting for slow receivers.
 */
export function startWebhookDispatcher(store: Store, options: DispatchOptions & { everyMs?: number; sweepEveryMs?: number; onError?: (e: unknown) => void }): () => Promise<void> {
  let swept = -Infinity;
  const rounds = startRounds(
    options.everyMs ?? 2_000,
    async (stopping) => {
      const now = options.now();
      if (now.getTime() - swept >= (options.sweepEveryMs ?? 600_000)) {
        await store.transaction((tx) => tx.webhooks.failDisabled(now.toISOString()));
        swept = now.getTime();
      }
      const signal = options.signal ? AbortSignal.any([options.signal, stopping]) : stopping;
      await dispatchWebhooks(store, { ...options, signal });
    },
    options.onError,
  );
  return () => rounds.stop();
}
