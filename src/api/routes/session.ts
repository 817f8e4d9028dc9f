import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { setPassword } from '../../app/accounts/admin.js';
import { login } from '../../app/accounts/login.js';
import { hasAdminRole, hasBusinessRole } from '../../app/accounts/roles.js';
import { endSession } from '../../app/accounts/sessions.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../app/accounts/totp.js';
import { LoginBodySchema, MeSchema, PasswordBodySchema, SessionViewSchema, TotpConfirmBodySchema, TotpEnrolmentSchema } from '../../contracts/http/session.js';
import { OkSchema, ProblemSchema } from '../../contracts/http/common.js';
import { principalOf } from '../auth.js';
import { spec } from '../spec.js';
import { COOKIE_NAME, CSRF_COOKIE, type ApiDeps } from '../deps.js';
import { presentUser } from '../presenters.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 423: ProblemSchema, 429: ProblemSchema };

/** POST/DELETE /session, GET /me, password change and TOTP enrolment. */
export function sessionRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const login_ = deps.limits?.login ?? { max: 20, windowMs: 60_000 };
    app.post(
      '/session',
      spec(
        { auth: 'public', ...(login_.max > 0 ? { rateLimit: { max: login_.max, timeWindow: login_.windowMs } } : {}) },
        { tags: ['session'], summary: '登录 Log in', body: LoginBodySchema },
        { 200: SessionViewSchema, ...problems },
      ),
      async (request, reply) => {
        const opened = await login(deps.app, deps.tenantId, deps.policy, { ...request.body, client: request.headers['user-agent']?.slice(0, 300), address: request.ip });
        const cookie = { path: '/', sameSite: 'strict' as const, secure: deps.secureCookies ?? false, expires: new Date(opened.session.expiresAt) };
        reply.setCookie(COOKIE_NAME, opened.token, { ...cookie, httpOnly: true });
        // Readable by the page's script, which echoes it in X-CSRF-Token; another site can neither read nor send it.
        reply.setCookie(CSRF_COOKIE, opened.session.csrfToken, { ...cookie, httpOnly: false });
        return {
          user: presentUser(opened.user),
          csrfToken: opened.session.csrfToken,
          expiresAt: opened.session.expiresAt,
          idleTimeoutMinutes: deps.policy.idleMinutes,
          secondFactor: opened.session.secondFactor,
          secondFactorEnrolmentRequired: hasAdminRole(opened.user.roles) && opened.session.secondFactor === 'none',
          passwordChangeRequired: Boolean(opened.user.passwordResetAt),
        };
      },
    );

    app.delete(
      '/session',
      spec({ auth: 'session', beforeSecondFactor: true }, { tags: ['session'], summary: '退出 Log out' }, { 200: OkSchema, 401: ProblemSchema }),
      async (request, reply) => {
        const p = principalOf(request);
        if (p.kind === 'session') await endSession(deps.app, p.session);
        reply.clearCookie(COOKIE_NAME, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/me',
      spec({ beforeSecondFactor: true }, { tags: ['session'], summary: '当前用户及其权限 Me and what I may do' }, { 200: MeSchema, 401: ProblemSchema }),
      async (request) => {
        const p = principalOf(request);
        const roles = p.user.roles;
        const unit = await deps.app.store.read.units.get(deps.tenantId, p.user.unitId);
        const scoped = (s: string) => p.kind === 'session' || p.token.scopes.includes(s);
        const business = hasBusinessRole(roles);
        return {
          user: presentUser(p.user),
          unit: unit ? { id: unit.id, name: unit.name, kind: unit.kind } : null,
          auth: p.kind,
          csrfToken: p.kind === 'session' ? p.session.csrfToken : null,
          can: {
            readItems: business && scoped('items:read'),
            createItems: roles.includes('supervisor') && scoped('items:create'),
            readStats: business && scoped('stats:read'),
            export: business && scoped('export'),
            administerUnitsAndUsers: roles.includes('system_admin') && p.kind === 'session',
            administerRoles: roles.includes('security_admin') && p.kind === 'session',
            readAudit: roles.includes('auditor') && p.kind === 'session',
            manageWebhooks: roles.includes('supervisor') && p.kind === 'session',
            manageTokens: business && p.kind === 'session',
          },
          tokenScopes: p.kind === 'token' ? [...p.token.scopes] : null,
        };
      },
    );

    app.put(
      '/me/password',
      spec(
        { auth: 'session', beforeSecondFactor: true },
        { tags: ['session'], summary: '修改本人密码 Change my password', body: PasswordBodySchema },
        { 200: OkSchema, ...problems },
      ),
      async (request) => {
        const p = principalOf(request);
        await setPassword(deps.app, p.ref, deps.policy.password, p.user.id, request.body.password, request.body.current);
        return { ok: true as const };
      },
    );

    app.post(
      '/me/totp',
      spec({ auth: 'session', beforeSecondFactor: true }, { tags: ['session'], summary: '开始绑定动态口令 Start TOTP enrolment' }, { 200: TotpEnrolmentSchema, ...problems }),
      async (request) => beginTotpEnrolment(deps.app, principalOf(request).ref),
    );

    app.post(
      '/me/totp/confirm',
      spec(
        { auth: 'session', beforeSecondFactor: true },
        { tags: ['session'], summary: '确认动态口令 Confirm TOTP (then log in again)', body: TotpConfirmBodySchema },
        { 200: OkSchema, ...problems },
      ),
      async (request) => {
        await confirmTotpEnrolment(deps.app, principalOf(request).ref, request.body.code);
        return { ok: true as const };
      },
    );
    done();
  };
}
