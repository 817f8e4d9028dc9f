import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAccount, createUnit, listUnits, listUsers, setDisabled, setRoles, unlockAccount } from '../../app/accounts/admin.js';
import { decideAccountChange, listAccountRequests, requestAccountChange } from '../../app/accounts/two-person.js';
import { hasAdminRole } from '../../app/accounts/roles.js';
import {
  AccountRequestViewSchema,
  DisableBodySchema,
  RolesBodySchema,
  UnitCreateBodySchema,
  UnitViewSchema,
  UnlockBodySchema,
  UserCreateBodySchema,
} from '../../contracts/http/admin.js';
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
    app.post(
      '/admin/units',
      spec(s, { tags: ['admin'], summary: '新增单位 Add a unit (system admin)', body: UnitCreateBodySchema }, { 201: UnitViewSchema }),
      async (request, reply) => {
        const b = request.body;
        await createUnit(deps.app, principalOf(request).ref, { id: b.id, name: b.name, kind: b.kind, parentId: b.parentId, code: b.code ?? null });
        reply.code(201);
        return { id: b.id, name: b.name, kind: b.kind, parentId: b.parentId, code: b.code ?? null };
      },
    );
    app.get(
      '/admin/users',
      spec({ auth: 'session' }, { tags: ['admin'], summary: '用户列表 Users (system or security admin)' }, { 200: z.array(UserViewSchema) }),
      async (request) => (await listUsers(deps.app, principalOf(request).ref)).map(presentUser),
    );
    app.post(
      '/admin/users',
      spec(s, { tags: ['admin'], summary: '新增账号 Add an account (system admin; roles by the security admin)', body: UserCreateBodySchema }, { 201: UserViewSchema }),
      async (request, reply) => {
        const user = await createAccount(deps.app, principalOf(request).ref, deps.policy.password, request.body);
        reply.code(201);
        return presentUser(user);
      },
    );
    // A change of an admin account, or one granting an admin role, waits for the other admin (202 + request).
    const isAdminTarget = async (userId: string) => {
      const u = await deps.app.store.read.users.get(deps.tenantId, userId);
      return u !== undefined && hasAdminRole(u.roles);
    };
    const pending = { 202: AccountRequestViewSchema };
    app.put(
      '/admin/users/:id/roles',
      spec(
        s,
        { tags: ['admin'], summary: '授予角色 Set roles (security admin, 三权分立; admin accounts need the system admin too)', params: IdParamSchema, body: RolesBodySchema },
        { 200: UserViewSchema, ...pending },
      ),
      async (request, reply) => {
        const { id } = request.params;
        if ((await isAdminTarget(id)) || hasAdminRole(request.body.roles)) {
          reply.code(202);
          return requestAccountChange(deps.app, principalOf(request).ref, deps.policy.password, { kind: 'set_roles', userId: id, roles: request.body.roles });
        }
        return presentUser(await setRoles(deps.app, principalOf(request).ref, id, request.body.roles));
      },
    );
    app.put(
      '/admin/users/:id/disabled',
      spec(
        s,
        { tags: ['admin'], summary: '停用或启用账号 Disable or enable (system admin; admin accounts need the security admin too)', params: IdParamSchema, body: DisableBodySchema },
        { 200: OkSchema, ...pending },
      ),
      async (request, reply) => {
        const { id } = request.params;
        if (await isAdminTarget(id)) {
          reply.code(202);
          return requestAccountChange(deps.app, principalOf(request).ref, deps.policy.password, { kind: request.body.disabled ? 'disable' : 'enable', userId: id });
        }
        await setDisabled(deps.app, principalOf(request).ref, id, request.body.disabled);
        return { ok: true as const };
      },
    );
    app.put(
      '/admin/users/:id/password',
      spec(
        s,
        {
          tags: ['admin'],
          summary: '申请重置密码 Request a one-time password (system admin; the security admin approves)',
          params: IdParamSchema,
          body: z.object({ password: z.string().min(1).max(1000) }).strict(),
        },
        pending,
      ),
      async (request, reply) => {
        reply.code(202);
        return requestAccountChange(deps.app, principalOf(request).ref, deps.policy.password, {
          kind: 'password_reset',
          userId: request.params.id,
          password: request.body.password,
        });
      },
    );
    app.delete(
      '/admin/users/:id/totp',
      spec(s, { tags: ['admin'], summary: '申请重置动态口令 Request a second-factor reset (the other admin approves)', params: IdParamSchema }, pending),
      async (request, reply) => {
        reply.code(202);
        return requestAccountChange(deps.app, principalOf(request).ref, deps.policy.password, { kind: 'totp_reset', userId: request.params.id });
      },
    );
    app.get(
      '/admin/requests',
      spec({ auth: 'session' }, { tags: ['admin'], summary: '待审批的账号变更 Pending two-person account changes' }, { 200: z.array(AccountRequestViewSchema) }),
      async (request) => listAccountRequests(deps.app, principalOf(request).ref),
    );
    for (const [verb, approve] of [
      ['approve', true],
      ['refuse', false],
    ] as const) {
      app.post(
        `/admin/requests/:id/${verb}`,
        spec(
          s,
          { tags: ['admin'], summary: approve ? '批准账号变更 Approve (the other admin)' : '驳回账号变更 Refuse (the other admin)', params: IdParamSchema },
          { 200: AccountRequestViewSchema },
        ),
        async (request) => decideAccountChange(deps.app, principalOf(request).ref, request.params.id, approve),
      );
    }
    app.post('/admin/unlock', spec(s, { tags: ['admin'], summary: '解除锁定 Lift a lockout (security admin)', body: UnlockBodySchema }, { 200: OkSchema }), async (request) => {
      await unlockAccount(deps.app, principalOf(request).ref, request.body.username);
      return { ok: true as const };
    });
    done();
  };
}
