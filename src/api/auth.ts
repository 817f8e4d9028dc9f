import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateSession } from '../app/accounts/sessions.js';
import { authenticateToken } from '../app/accounts/tokens.js';
import { AccountError, unauthenticated } from '../app/accounts/errors.js';
import { hasAdminRole } from '../app/accounts/roles.js';
import { sameSecret } from '../app/accounts/secrets.js';
import type { ActorRef } from '../app/context.js';
import { forgetAllActors } from '../app/actor-cache.js';
import type { ApiToken, Session, User } from '../store/index.js';
import { COOKIE_NAME, CSRF_HEADER, type ApiDeps } from './deps.js';
import { PrincipalCache, stillGood } from './principal-cache.js';

/** Who is calling: a person with a session cookie, or an integration with an API token. */
export type Principal =
  | { readonly kind: 'session'; readonly user: User; readonly session: Session; readonly ref: ActorRef }
  | { readonly kind: 'token'; readonly user: User; readonly token: ApiToken; readonly ref: ActorRef };

/** How a route is guarded; read from its `config`. */
export interface RouteAuth {
  /** `public`: no principal; `session`: cookie only (accounts, admin); `any` (default): cookie or token. */
  readonly auth?: 'public' | 'session' | 'any';
  /** Scope an API token must carry (sessions have every scope). */
  readonly scope?: string;
  /** Reachable by an admin who has not enrolled the second factor yet (to enrol it). */
  readonly beforeSecondFactor?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig extends RouteAuth {
    readonly writes?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : null;
}

async function resolvePrincipal(deps: ApiDeps, cache: PrincipalCache, request: FastifyRequest): Promise<Principal> {
  const good = (p: Principal) => stillGood(p, deps.app.now().getTime(), deps.policy.idleMinutes);
  const token = bearer(request);
  if (token) {
    if (token.length > 200) throw unauthenticated();
    return cache.get(`t:${token}`, good, async () => {
      const { token: record, user } = await authenticateToken(deps.app, deps.tenantId, token);
      return { kind: 'token', user, token: record, ref: { tenantId: deps.tenantId, userId: user.id } };
    });
  }
  const cookie = request.cookies[COOKIE_NAME];
  if (!cookie || cookie.length > 200) throw unauthenticated();
  return cache.get(`s:${cookie}`, good, async () => {
    const { session, user } = await authenticateSession(deps.app, deps.tenantId, deps.policy, cookie);
    return { kind: 'session', user, session, ref: { tenantId: deps.tenantId, userId: user.id } };
  });
}

/** Writes that cannot change who may do what: the item routes, and logging in (it only adds a session). */
const keepsPrincipals = (request: FastifyRequest): boolean => {
  const url = request.routeOptions.url ?? '';
  return url.startsWith('/api/v1/items') || (url === '/api/v1/session' && request.method === 'POST');
};

/** The principal of an authenticated route (the hook has run). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/**
 * One hook guards every route by its config: authenticate, refuse tokens where only people may act, check the
 * CSRF token of cookie writes, hold admins to their second factor, and check a token's scope.
 */
export function installAuth(app: FastifyInstance, deps: ApiDeps): void {
  const cache = new PrincipalCache(deps.principalTtlMs);
  // Changes through other nodes or the command line (heard on PostgreSQL) end reuse at once, too: of the
  // principals here and of the actors the use cases resolve.
  const stopHearing = deps.app.store.onAccountsChanged(() => {
    cache.clear();
    forgetAllActors(deps.app.store);
  });
  app.addHook('onClose', (_app, done) => {
    stopHearing();
    done();
  });
  app.decorateRequest('principal', null);
  // After any other write has been answered (and so committed), no cached principal is trusted any more.
  app.addHook('onResponse', (request, _reply, done) => {
    if (!SAFE_METHODS.has(request.method) && !keepsPrincipals(request)) cache.clear();
    done();
  });
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const url = request.routeOptions.url;
    // The reference page's own routes (swagger-ui assets) are public, like the OpenAPI document.
    if (!url || config.auth === 'public' || url.startsWith('/api/v1/docs')) return;
    const p = await resolvePrincipal(deps, cache, request);
    if (p.kind === 'token' && config.auth === 'session') {
      throw new AccountError('token_scope_forbidden', 'API tokens cannot do this; log in as a person.', 'API 令牌不能执行此操作，请以个人账号登录。');
    }
    if (p.kind === 'session') {
      const sent = request.headers[CSRF_HEADER];
      if (!SAFE_METHODS.has(request.method) && (typeof sent !== 'string' || !sameSecret(deps.app.store.crypto, sent, p.session.csrfToken))) {
        throw new AccountError('csrf_failed', 'Missing or wrong X-CSRF-Token header.', '缺少或错误的 X-CSRF-Token 请求头。');
      }
      if (p.session.secondFactor === 'none' && hasAdminRole(p.user.roles) && !config.beforeSecondFactor) {
        throw new AccountError('second_factor_required', 'Enrol a TOTP second factor first (POST /api/v1/me/totp).', '请先绑定动态口令(POST /api/v1/me/totp)。');
      }
      // A one-time reset password opens only the way to choose one's own (PUT /me/password).
      if (p.user.passwordResetAt && !config.beforeSecondFactor) {
        throw new AccountError('password_change_required', 'Your password was reset: choose a new one first (PUT /api/v1/me/password).', '密码已被重置，请先设置新密码。');
      }
    }
    if (p.kind === 'token' && config.scope && !p.token.scopes.includes(config.scope)) {
      throw new AccountError('token_scope_forbidden', `This token lacks the scope ${config.scope}.`, `该令牌没有 ${config.scope} 权限。`, { scope: config.scope });
    }
    request.principal = p;
  });
}
