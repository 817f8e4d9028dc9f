import type { UnitId } from '../../domain/ids.js';
import { isTokenScope, type TokenScope } from '../../contracts/http/scopes.js';
import type { ApiToken, User } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { unitTree } from '../unit-trees.js';
import { visibleUnits } from '../visibility.js';
import { AccountError, unauthenticated } from './errors.js';
import { newSecret, secretDigest } from './secrets.js';

/** Prefix of every token, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'lst_';

export interface NewTokenInput {
  readonly name: string;
  readonly unitId: UnitId;
  readonly scopes: readonly string[];
  readonly expiresAt?: string | null;
}

/** A token lives 90 days unless asked otherwise, and never more than a year: a leaked one does not last. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;

/** A created token: `token` is shown this once. */
export interface CreatedToken {
  readonly token: string;
  readonly record: ApiToken;
}

/**
 * Creates an API token for the acting user, narrowed to a unit they may see and to some scopes. Admin roles get
 * none (a token would bypass their second factor, and they have no business data to integrate).
 * @throws AccountError `token_scope_forbidden` (unit outside the user's scope, unknown scope, admin role, past expiry).
 */
export async function createToken(deps: AppDeps, ref: ActorRef, input: NewTokenInput): Promise<CreatedToken> {
  const read = deps.store.read;
  const { actor } = await resolveActor(read, ref);
  const now = nowInstant(deps);
  const tree = await unitTree(deps.store, read, ref.tenantId);
  const visible = visibleUnits(actor, tree);
  const bad = input.scopes.filter((s) => !isTokenScope(s));
  const latest = new Date(Date.parse(now) + MAX_TOKEN_DAYS * 86_400_000).toISOString();
  const asked = input.expiresAt ? Date.parse(input.expiresAt) : Date.parse(now) + DEFAULT_TOKEN_DAYS * 86_400_000;
  const expiresAt = Number.isNaN(asked) ? '' : new Date(asked).toISOString();
  if (!visible.has(input.unitId) || bad.length > 0 || input.scopes.length === 0 || !(expiresAt > now) || expiresAt > latest) {
    throw new AccountError(
      'token_scope_forbidden',
      'A token needs a unit you may see, known scopes and an expiry within a year.',
      '令牌须限定在本人可见的单位、有效的权限范围，到期时间须在未来一年之内。',
      {
        unknownScopes: bad,
        latestExpiry: latest,
      },
    );
  }
  const token = TOKEN_PREFIX + newSecret(deps.store.crypto);
  const record: ApiToken = {
    id: deps.newId(),
    tenantId: ref.tenantId,
    tokenHash: secretDigest(deps.store.crypto, token),
    userId: actor.userId,
    name: input.name,
    unitId: input.unitId,
    scopes: [...new Set(input.scopes)] as TokenScope[],
    createdAt: now,
    expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.apiTokens.insert(record);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'ApiTokenCreated',
        actorUserId: actor.userId,
        actorUnitId: actor.unitId,
        at: now,
        payload: { tokenId: record.id, name: record.name, unitId: record.unitId, scopes: record.scopes },
      },
    ]);
  });
  return { token, record };
}

/** The acting user's tokens (never the secrets). */
export async function listTokens(deps: AppDeps, ref: ActorRef): Promise<ApiToken[]> {
  const { user } = await resolveActor(deps.store.read, ref);
  return deps.store.read.apiTokens.listByUser(ref.tenantId, user.id);
}

/**
 * Revokes one of the acting user's tokens (security admins may revoke anyone's).
 * @throws AccountError `token_not_found` (also for another user's token).
 */
export async function revokeToken(deps: AppDeps, ref: ActorRef, tokenId: string): Promise<void> {
  const { actor } = await resolveActor(deps.store.read, ref);
  const t = await deps.store.read.apiTokens.get(ref.tenantId, tokenId);
  if (!t || (t.userId !== actor.userId && !actor.roles.includes('security_admin'))) {
    throw new AccountError('token_not_found', `No token ${tokenId}.`, `未找到令牌 ${tokenId}。`);
  }
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    if (await tx.apiTokens.revoke(ref.tenantId, tokenId, at)) {
      await tx.appendEvents(ref.tenantId, [{ itemId: null, type: 'ApiTokenRevoked', actorUserId: actor.userId, actorUnitId: actor.unitId, at, payload: { tokenId } }]);
    }
  });
}

const TOUCH_EVERY_MS = 60_000;

/**
 * The token and user behind a bearer token: live, unexpired, owner enabled.
 * @throws AccountError `unauthenticated`.
 */
export async function authenticateToken(deps: AppDeps, tenantId: string, token: string): Promise<{ token: ApiToken; user: User }> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw unauthenticated();
  const read = deps.store.read;
  const t = await read.apiTokens.getByHash(secretDigest(deps.store.crypto, token));
  const now = deps.now();
  if (!t || t.tenantId !== tenantId || t.revokedAt !== null || (t.expiresAt !== null && Date.parse(t.expiresAt) <= now.getTime())) throw unauthenticated();
  const user = await read.users.get(tenantId, t.userId);
  if (!user || user.disabledAt !== null) throw unauthenticated();
  if (t.lastUsedAt === null || now.getTime() - Date.parse(t.lastUsedAt) >= TOUCH_EVERY_MS) {
    await deps.store.transaction((tx) => tx.apiTokens.touch(tenantId, t.id, now.toISOString()));
  }
  return { token: t, user };
}
