import type { Logger } from 'pino';
import type { AppDeps } from '../app/context.js';
import type { AccountPolicy } from '../app/accounts/policy.js';
import type { ReadyCheck } from '../app/ops.js';
import type { ChainAlarm } from '../app/chain-watch.js';

/** Requests per window; `max: 0` switches a limit off (benchmarks). */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** What the HTTP layer needs besides the use cases. */
export interface ApiDeps {
  readonly app: AppDeps;
  /** The tenant (city) this server serves. */
  readonly tenantId: string;
  /** Where evidence files are stored (content-addressed under `<dataDir>/evidence`). */
  readonly dataDir: string;
  readonly policy: AccountPolicy;
  /** Mark cookies Secure (serve behind TLS). */
  readonly secureCookies?: boolean;
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed: `request.ip` is then the real
   * client, for login throttling and rate limits. None by default (the peer is the client).
   */
  readonly trustProxy?: readonly string[];
  readonly limits?: {
    /** Largest JSON body in bytes (default 1 MiB). */
    readonly bodyBytes?: number;
    /** Largest evidence file in bytes (default 20 MiB). */
    readonly evidenceBytes?: number;
    /** Login attempts per IP (default 20 per minute). */
    readonly login?: RateLimit;
    /** Writes per user (default 600 per minute). */
    readonly writes?: RateLimit;
    /** Objections (异议) to public notices per address and hour (default 5). */
    readonly objectionsPerHour?: number;
  };
  /**
   * How long an authenticated session or token is reused without reading it again (default 5 s; see
   * principal-cache.ts for what stays exact). A revocation by another node or the CLI takes effect within it.
   */
  readonly principalTtlMs?: number;
  /**
   * The alarm of the running server's incremental chain verification (app/chain-watch.ts), null while the
   * record verifies: what a readiness probe reports as degraded.
   */
  readonly chainAlarm?: () => ChainAlarm | null;
  /** A pino logger (silent when absent). */
  readonly logger?: Logger;
  /** Checks /readyz runs besides database, migrations and keys (e.g. an open alarm on the chain). */
  readonly readyChecks?: readonly ReadyCheck[];
}

export const COOKIE_NAME = 'luoshi_session';
export const CSRF_COOKIE = 'luoshi_csrf';
export const CSRF_HEADER = 'x-csrf-token';
