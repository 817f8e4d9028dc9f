import { verify } from '@node-rs/argon2';
import type { TenantId } from '../../domain/ids.js';
import type { User } from '../../store/index.js';
import { nowInstant, type AppDeps } from '../context.js';
import { hashPassword } from '../organisation.js';
import { AccountError } from './errors.js';
import type { AccountPolicy } from './policy.js';
import { hasAdminRole } from './roles.js';
import { openSession, type OpenedSession } from './sessions.js';
import { checkTotp } from './totp.js';
import { addressKey, nameKey, nextFailure, pairKey, throttleRules } from './throttle.js';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
  /** User agent or client name, kept with the session for the user's own list. */
  readonly client?: string;
  /** The client's address (behind a trusted proxy, the one it reports): throttling counts failures per address. */
  readonly address?: string;
}

let dummyHash: Promise<string> | null = null;
/** Verifying against a throw-away hash when the name is unknown keeps the timing of both answers alike. */
const dummy = (): Promise<string> => (dummyHash ??= hashPassword('not a password of anyone'));

/** The one answer of every failed step (name, password, second factor): none tells which step failed. */
const invalidCredentials = (): AccountError => new AccountError('invalid_credentials', 'Wrong username, password or authenticator code.', '用户名、密码或动态口令错误。');

const throttled = (until: string, now: string): AccountError => {
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 1000));
  return new AccountError('login_throttled', `Too many failed logins: wait ${retryAfterSeconds} s and try again.`, `登录失败次数过多，请 ${retryAfterSeconds} 秒后再试。`, {
    retryAfterSeconds,
  });
};

async function recordFailure(deps: AppDeps, tenantId: TenantId, username: string, address: string, policy: AccountPolicy, why: string): Promise<void> {
  const rules = throttleRules(policy);
  const windowMs = policy.lockoutMinutes * 60_000;
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    let failures = 0;
    for (const [key, rule] of [
      [pairKey(username, address), rules.pair],
      [addressKey(address), rules.address],
      [nameKey(username), rules.name],
    ] as const) {
      const next = nextFailure(await tx.loginFailures.get(tenantId, key), at, windowMs, rule);
      await tx.loginFailures.put(tenantId, key, next);
      if (key === username) failures = next.failures;
    }
    await tx.appendEvents(tenantId, [{ itemId: null, type: 'LoginFailed', actorUserId: null, actorUnitId: null, at, payload: { username, why, failures } }]);
  });
}

/** The latest "not before" of the three keys, when it lies ahead. */
async function waitUntil(deps: AppDeps, tenantId: TenantId, username: string, address: string, now: string): Promise<string | null> {
  const read = deps.store.read.loginFailures;
  const records = await Promise.all([read.get(tenantId, pairKey(username, address)), read.get(tenantId, addressKey(address)), read.get(tenantId, nameKey(username))]);
  const until = records.map((r) => r?.lockedUntil ?? '').reduce((a, b) => (b > a ? b : a), '');
  return until > now ? until : null;
}

async function passwordMatches(user: User | undefined, password: string): Promise<boolean> {
  const hash = user?.passwordHash ?? (await dummy());
  const ok = await verify(hash, password).catch(() => false);
  return ok && user !== undefined && user.passwordHash !== null && user.disabledAt === null;
}

/**
 * Password login (argon2id), with the TOTP code for the admin roles, sent together: a wrong name, password or
 * code, or a missing code, all get the same `invalid_credentials`, so no answer says the password was right.
 * Failures slow further attempts down (throttle.ts) and never lock the account. An admin without an enrolled
 * factor gets a session that may only enrol one.
 * @throws AccountError `login_throttled` (with `retryAfterSeconds`), `invalid_credentials`.
 */
export async function login(deps: AppDeps, tenantId: TenantId, policy: AccountPolicy, input: LoginInput): Promise<OpenedSession> {
  const username = input.username.trim().slice(0, 200);
  const address = (input.address ?? 'unknown').slice(0, 100);
  const now = nowInstant(deps);
  const until = await waitUntil(deps, tenantId, username, address, now);
  if (until) throw throttled(until, now);
  const user = await deps.store.read.users.getByUsername(tenantId, username);
  if (!(await passwordMatches(user, input.password)) || !user) {
    await recordFailure(deps, tenantId, username, address, policy, 'password');
    throw invalidCredentials();
  }
  let secondFactor: 'none' | 'totp' = 'none';
  if (hasAdminRole(user.roles)) {
    const factor = await deps.store.read.totp.get(tenantId, user.id);
    if (factor?.confirmedAt) {
      if (!input.totp || !(await checkTotp(deps, tenantId, user.id, factor.secret, input.totp))) {
        await recordFailure(deps, tenantId, username, address, policy, 'totp');
        throw invalidCredentials();
      }
      secondFactor = 'totp';
    }
  }
  return openSession(deps, tenantId, policy, user, secondFactor, input.client ?? null, true, pairKey(username, address));
}
