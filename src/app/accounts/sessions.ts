import type { TenantId } from '../../domain/ids.js';
import type { Session, User } from '../../store/index.js';
import { nowInstant, type AppDeps } from '../context.js';
import { AccountError, unauthenticated } from './errors.js';
import type { AccountPolicy } from './policy.js';
import { newSecret, secretDigest } from './secrets.js';

export interface OpenedSession {
  /** The cookie value: shown once, only its digest is stored. */
  readonly token: string;
  readonly session: Session;
  readonly user: User;
}

/** Activity is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

/** Creates a session after a successful login and clears the name's failures, in one transaction. */
export async function openSession(
  deps: AppDeps,
  tenantId: TenantId,
  policy: AccountPolicy,
  user: User,
  secondFactor: 'none' | 'totp',
  client: string | null,
  hadFailures: boolean,
  /** A further failure record to forget with the name's (the name at this address). */
  alsoClear?: string,
): Promise<OpenedSession> {
  const crypto = deps.store.crypto;
  const token = newSecret(crypto);
  const at = nowInstant(deps);
  const session: Session = {
    id: secretDigest(crypto, token),
    tenantId,
    userId: user.id,
    csrfToken: newSecret(crypto),
    secondFactor,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(Date.parse(at) + policy.absoluteHours * 3_600_000).toISOString(),
    revokedAt: null,
    client: client?.slice(0, 300) ?? null,
  };
  await deps.store.transaction(async (tx) => {
    if (hadFailures) await tx.loginFailures.clear(tenantId, user.username);
    if (alsoClear !== undefined) await tx.loginFailures.clear(tenantId, alsoClear);
    await tx.sessions.insert(session);
    await tx.appendEvents(tenantId, [{ itemId: null, type: 'LoginSucceeded', actorUserId: user.id, actorUnitId: user.unitId, at, payload: { secondFactor } }]);
  });
  return { token, session, user };
}

/**
 * The session and user behind a cookie token, checked against revocation, the absolute lifetime and the idle
 * timeout; records activity (at most once a minute).
 * @throws AccountError `unauthenticated` (unknown token, or the user is gone or disabled), `session_expired`.
 */
export async function authenticateSession(deps: AppDeps, tenantId: TenantId, policy: AccountPolicy, token: string): Promise<{ session: Session; user: User }> {
  const read = deps.store.read;
  const session = await read.sessions.get(secretDigest(deps.store.crypto, token));
  if (!session || session.tenantId !== tenantId) throw unauthenticated();
  const now = deps.now().getTime();
  const idleEnd = Date.parse(session.lastSeenAt) + policy.idleMinutes * 60_000;
  if (session.revokedAt !== null || now >= Date.parse(session.expiresAt) || now >= idleEnd) {
    throw new AccountError('session_expired', 'Your session has ended: log in again.', '会话已结束，请重新登录。');
  }
  const user = await read.users.get(tenantId, session.userId);
  if (!user || user.disabledAt !== null) throw unauthenticated();
  if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    await deps.store.transaction((tx) => tx.sessions.touch(session.id, new Date(now).toISOString()));
  }
  return { session, user };
}

/** Logs out: ends the session (a no-op for one already ended). */
export async function endSession(deps: AppDeps, session: Session): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    if (await tx.sessions.revoke(session.id, at)) {
      await tx.appendEvents(session.tenantId, [{ itemId: null, type: 'LoggedOut', actorUserId: session.userId, actorUnitId: null, at, payload: {} }]);
    }
  });
}
