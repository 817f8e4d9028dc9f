import type { Instant } from '../../domain/ids.js';
import type { LoginFailures } from '../../store/index.js';
import type { AccountPolicy } from './policy.js';

/*
 * Login throttling without lockout. Failed logins are counted under three keys, each with its own growing delay
 * (1 s, 2 s, 4 s … after a number of free failures), and a login waits for the longest of them:
 *  - the name typed from one address: free failures `lockoutThreshold`, delay up to `lockoutMinutes`;
 *  - one address, whatever the names: free failures 20, delay up to `lockoutMinutes` (password spraying);
 *  - the name from every address: free failures 10, delay up to 10 s only.
 * So a guesser is slowed down to a crawl at the address it uses, while the real user at another address waits
 * at most a few seconds however many anonymous failures are sent against the name: no anonymous caller can
 * lock an account, the last security admin's included. Nothing is checked while a delay runs, so waiting out
 * the delay is the only way on, and the answer (429 login_throttled) does not depend on the password.
 */

/** Keys of the login_failures table: the plain name (as before), and two kinds that cannot be typed as a name. */
export const nameKey = (username: string): string => username;
export const pairKey = (username: string, address: string): string => `\u001f${address}\u001f${username}`;
export const addressKey = (address: string): string => `\u001f${address}`;

export interface ThrottleRule {
  readonly free: number;
  readonly maxDelayMs: number;
}

export function throttleRules(policy: AccountPolicy): { pair: ThrottleRule; address: ThrottleRule; name: ThrottleRule } {
  const cap = policy.lockoutMinutes * 60_000;
  return { pair: { free: policy.lockoutThreshold, maxDelayMs: cap }, address: { free: 20, maxDelayMs: cap }, name: { free: 10, maxDelayMs: 10_000 } };
}

/** The record after one more failure: count within the window, and the earliest next attempt (`lockedUntil`). */
export function nextFailure(prev: LoginFailures | undefined, now: Instant, windowMs: number, rule: ThrottleRule): LoginFailures {
  const fresh = !prev || Date.parse(now) - Date.parse(prev.firstFailureAt) > windowMs;
  const failures = fresh ? 1 : prev.failures + 1;
  const over = failures - rule.free;
  const delay = over < 0 ? 0 : Math.min(rule.maxDelayMs, 1000 * 2 ** Math.min(over, 30));
  return { failures, firstFailureAt: fresh ? now : prev.firstFailureAt, lockedUntil: delay > 0 ? new Date(Date.parse(now) + delay).toISOString() : null };
}
