import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAccount, createUnit, listUnits, listUsers, setDisabled, setPassword, setRoles, unlockAccount } from '../../app/accounts/admin.js';
import { resetTotp } from '../../app/accounts/totp.js';
import { DisableBodySchema, RolesBodySchema, UnitCreateBodySchema, UnitViewSchema, UnlockBodySchema, UserCreateBodySchema } from '../../contracts/http/admin.js';
import { UserViewSchema } from '../../contracts/http/session.js';
import { IdParamSchema, OkSchema } from '../../contracts/http/common.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { presentUnit, presentUser } from '../presenters.js';
import { spec } from '../spec.js';

/** Units, users and roles (system admin and security admin); ledger types are in ledger-types.ts. */
export function adminRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const s = { auth: 'session' as const, writes: true };
    app.get('/units', spec({}, { tags: ['organisation'], summary: '单位列表 Units' }, { 200: z.array(UnitViewSchema) }), async (request) =>
      (await listUnits(deps.app, principalOf(request).ref)).map(presentUnit),
    );
    app.post('/admin/units', spec(s, { tags: ['admin'], summary: '新增单位 Add a unit (system admin)', body: UnitCreateBodySchema }, { 201: UnitViewSchema }), async (request, reply) => {
      const b = request.body;
      await createUnit(deps.app, principalOf(request).ref, { id: b.id, name: b.name, kind: b.kind, parentId: b.parentId, code: b.code ?? null });
      reply.code(201);
      return { id: b.id, name: b.name, kind: b.kind, parentId: b.parentId, code: b.code ?? null };
    });
    app.get('/admin/users', spec({ auth: 'session' }, { tags: ['admin'], summary: '用户列表 Users (system or security admin)' }, { 200: z.array(UserViewSchema) }), async (request) =>
      (await listUsers(deps.app, principalOf(request).ref)).map(presentUser),
    );
    app.post('/admin/users', spec(s, { tags: ['admin'], summary: '新增账号 Add an account (system admin; roles by the security admin)', body: UserCreateBodySchema }, { 201: UserViewSchema }), async (request, reply) => {
      const user = await createAccount(deps.app, principalOf(request).ref, deps.policy.password, request.body);
      reply.code(201);
      return presentUser(user);
    });
    app.put('/admin/users/:id/roles', spec(s, { tags: ['admin'], summary: '授予角色 Set roles (security admin, 三权分立)', params: IdParamSchema, body: RolesBodySchema }, { 200: UserViewSchema }), async (request) =>
      presentUser(await setRoles(deps.app, principalOf(request).ref, request.params.id, request.body.roles)),
    );
    app.put('/admin/users/:id/disabled', spec(s, { tags: ['admin'], summary: '停用或启用账号 Disable or enable (system admin)', params: IdParamSchema, body: DisableBodySchema }, { 200: OkSchema }), async (request) => {
      await setDisabled(deps.app, principalOf(request).ref, request.params.id, request.body.disabled);
      return { ok: true as const };
    });
    app.put(
      '/admin/users/:id/password',
      spec(s, { tags: ['admin'], summary: '重置密码 Reset a password (system admin)', params: IdParamSchema, body: z.object({ password: z.string().min(1).max(1000) }).strict() }, { 200: OkSchema }),
      async (request) => {
        await setPassword(deps.app, principalOf(request).ref, deps.policy.password, request.params.id, request.body.password);
        return { ok: true as const };
      },
    );
    app.delete('/admin/users/:id/totp', spec(s, { tags: ['admin'], summary: '重置动态口令 Reset a second factor (security admin)', params: IdParamSchema }, { 200: OkSchema }), async (request) => {
      await resetTotp(deps.app, principalOf(request).ref, request.params.id);
      return { ok: true as const };
    });
    app.post('/admin/unlock', spec(s, { tags: ['admin'], summary: '解除锁定 Lift a lockout (security admin)', body: UnlockBodySchema }, { 200: OkSchema }), async (request) => {
      await unlockAccount(deps.app, principalOf(request).ref, request.body.username);
      return { ok: true as const };
    });
    done();
  };
}
