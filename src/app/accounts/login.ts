import { verify } from '@node-rs/argon2';
import type { TenantId } from '../../domain/ids.js';
import type { LoginFailures, User } from '../../store/index.js';
import { nowInstant, type AppDeps } from '../context.js';
import { hashPassword } from '../organisation.js';
import { AccountError } from './errors.js';
import type { AccountPolicy } from './policy.js';
import { hasAdminRole } from './roles.js';
import { openSession, type OpenedSession } from './sessions.js';
import { checkTotp } from './totp.js';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
  /** User agent or client name, kept with the session for the user's own list. */
  readonly client?: string;
}

let dummyHash: Promise<string> | null = null;
/** Verifying against a throw-away hash when the name is unknown keeps the timing of both answers alike. */
const dummy = (): Promise<string> => (dummyHash ??= hashPassword('not a password of anyone'));

const invalidCredentials = (): AccountError => new AccountError('invalid_credentials', 'Wrong username or password.', '用户名或密码错误。');

const lockedError = (until: string): AccountError =>
  new AccountError('account_locked', `Too many failed logins: try again after ${until}.`, `登录失败次数过多，请于 ${until} 之后再试。`, { lockedUntil: until });

function nextFailures(prev: LoginFailures | undefined, now: string, policy: AccountPolicy): LoginFailures {
  const windowMs = policy.lockoutMinutes * 60_000;
  const fresh = !prev || Date.parse(now) - Date.parse(prev.firstFailureAt) > windowMs;
  const failures = fresh ? 1 : prev.failures + 1;
  const lockedUntil = failures >= policy.lockoutThreshold ? new Date(Date.parse(now) + windowMs).toISOString() : null;
  return { failures, firstFailureAt: fresh ? now : prev.firstFailureAt, lockedUntil };
}

async function recordFailure(deps: AppDeps, tenantId: TenantId, username: string, policy: AccountPolicy, why: string): Promise<LoginFailures> {
  return deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    const next = nextFailures(await tx.loginFailures.get(tenantId, username), at, policy);
    await tx.loginFailures.put(tenantId, username, next);
    await tx.appendEvents(tenantId, [{ itemId: null, type: 'LoginFailed', actorUserId: null, actorUnitId: null, at, payload: { username, why, failures: next.failures } }]);
    return next;
  });
}

async function passwordMatches(user: User | undefined, password: string): Promise<boolean> {
  const hash = user?.passwordHash ?? (await dummy());
  const ok = await verify(hash, password).catch(() => false);
  return ok && user !== undefined && user.passwordHash !== null && user.disabledAt === null;
}

/**
 * Password login (argon2id), with the TOTP code for the admin roles. Failures are counted per name typed and
 * lock it for `lockoutMinutes` after `lockoutThreshold` of them; the answers never tell whether a name exists.
 * An admin without an enrolled factor gets a session that may only enrol one.
 * @throws AccountError `account_locked`, `invalid_credentials`, `totp_required`, `totp_invalid`.
 */
export async function login(deps: AppDeps, tenantId: TenantId, policy: AccountPolicy, input: LoginInput): Promise<OpenedSession> {
  const username = input.username.trim().slice(0, 200);
  const now = nowInstant(deps);
  const prior = await deps.store.read.loginFailures.get(tenantId, username);
  if (prior?.lockedUntil && prior.lockedUntil > now) throw lockedError(prior.lockedUntil);
  const user = await deps.store.read.users.getByUsername(tenantId, username);
  if (!(await passwordMatches(user, input.password)) || !user) {
    const f = await recordFailure(deps, tenantId, username, policy, 'password');
    if (f.lockedUntil) throw lockedError(f.lockedUntil);
    throw invalidCredentials();
  }
  let secondFactor: 'none' | 'totp' = 'none';
  if (hasAdminRole(user.roles)) {
    const factor = await deps.store.read.totp.get(tenantId, user.id);
    if (factor?.confirmedAt) {
      if (!input.totp) throw new AccountError('totp_required', 'Enter the code of your authenticator app.', '请输入动态口令。');
      if (!(await checkTotp(deps, tenantId, user.id, factor.secret, input.totp))) {
        const f = await recordFailure(deps, tenantId, username, policy, 'totp');
        if (f.lockedUntil) throw lockedError(f.lockedUntil);
        throw new AccountError('totp_invalid', 'The code is wrong or was used already.', '动态口令错误或已使用。');
      }
      secondFactor = 'totp';
    }
  }
  return openSession(deps, tenantId, policy, user, secondFactor, input.client ?? null, prior !== undefined);
}
