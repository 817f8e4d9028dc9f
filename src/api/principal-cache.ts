/*
 * Authenticated principals, reused for a few seconds of real time so that a busy client does not cost a session
 * (or token) read and a user read on every request. What stays exact on every request, cached or not:
 * - the absolute lifetime of a session and the expiry of a token (checked against the cached row and the clock);
 * - the idle timeout: a cached session is only accepted while its last recorded activity is within the idle
 *   window; when it is not, or when activity is due to be recorded (every minute, as authenticateSession does),
 *   the request goes to the database, which decides and records the activity;
 * - changes made through this server: any write outside the item routes (logout, password, roles, disabling,
 *   second factor, token revocation, ...) empties the cache once it has been answered, and a load that began
 *   before such a write is not kept.
 * - on PostgreSQL, changes through other nodes or the command line: the store hears them (LISTEN/NOTIFY) and
 *   the cache is emptied. Only while that connection is down (and on SQLite, for the command line writing the
 *   file the server serves) is a revocation elsewhere refused within `ttlMs` (default 5 s) rather than at once.
 */
import type { Principal } from './auth.js';

export const PRINCIPAL_TTL_MS = 5_000;

/** Above this many entries, those past their time are swept out on the next load. */
const SWEEP_ABOVE = 1_000;

/** Activity is recorded at most this often (as in accounts/sessions.ts and accounts/tokens.ts). */
const ACTIVITY_EVERY_MS = 60_000;

interface Entry {
  readonly principal: Principal;
  readonly loadedAt: number;
}

/** Whether a cached principal may answer a request at `now` (ms of the app's clock) without the database. */
export function stillGood(p: Principal, now: number, idleMinutes: number): boolean {
  if (p.kind === 'session') {
    const s = p.session;
    const seen = Date.parse(s.lastSeenAt);
    return s.revokedAt === null && now < Date.parse(s.expiresAt) && now - seen < ACTIVITY_EVERY_MS && now < seen + idleMinutes * 60_000;
  }
  const t = p.token;
  return t.revokedAt === null && (t.expiresAt === null || now < Date.parse(t.expiresAt)) && t.lastUsedAt !== null && now - Date.parse(t.lastUsedAt) < ACTIVITY_EVERY_MS;
}

export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Principal>>();
  /** Bumped by every clear, so a load that raced a change is not kept. */
  private generation = 0;

  constructor(private readonly ttlMs: number = PRINCIPAL_TTL_MS) {}

  /**
   * The principal under `key` when cached, fresh and `good`; otherwise `load()`'s (concurrent loads of one key
   * share one call), kept for the next requests.
   */
  async get(key: string, good: (p: Principal) => boolean, load: () => Promise<Principal>): Promise<Principal> {
    const hit = this.entries.get(key);
    if (hit && performance.now() - hit.loadedAt < this.ttlMs && good(hit.principal)) return hit.principal;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const started = performance.now();
    const p = load().then(
      (principal) => {
        if (this.generation === generation) {
          if (this.entries.size >= SWEEP_ABOVE) this.sweep();
          this.entries.set(key, { principal, loadedAt: started });
        }
        return principal;
      },
      (err: unknown) => {
        this.entries.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    try {
      return await p;
    } finally {
      if (this.loading.get(key) === p) this.loading.delete(key);
    }
  }

  private sweep(): void {
    const now = performance.now();
    for (const [key, e] of this.entries) if (now - e.loadedAt >= this.ttlMs) this.entries.delete(key);
  }

  /** Forgets every principal (after a change to accounts, sessions or tokens). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.loading.clear();
  }
}
