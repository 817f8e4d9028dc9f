import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, PASSWORD, type ApiFixture, type Caller } from './testing/fixture.js';

const ONE_TIME = 'Lotus-pond-evening-42';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`two-person account changes (${d.name})`, () => {
    let fx: ApiFixture;
    let sys: Caller;
    let sec: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sys = await fx.login('sysadmin');
      sec = await fx.login('secadmin');
    });
    afterAll(() => fx?.close());

    const loginAs = (username: string, password: string) => fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username, password } });

    it('does not let the system admin become a business user: a reset waits for the security admin and is a one-time password', async () => {
      const asked = await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/users/u-env/password', payload: { password: ONE_TIME } });
      expect(asked.statusCode, asked.body).toBe(202);
      expect(asked.json()).toMatchObject({ kind: 'password_reset', userId: 'u-env', approverRoles: ['security_admin'], decision: null });
      // Nothing changed yet: the old password works, the requested one does not.
      expect((await loginAs('env', ONE_TIME)).statusCode).toBe(401);
      expect((await loginAs('env', PASSWORD)).statusCode).toBe(200);
      const id = asked.json().id as string;
      const self = await fx.call(sys, { method: 'POST', url: `/api/v1/admin/requests/${id}/approve` });
      expect([self.statusCode, self.json().code]).toEqual([403, 'role_required']);
      const listed = await fx.call(sec, { method: 'GET', url: '/api/v1/admin/requests' });
      expect(listed.json().map((r: { id: string }) => r.id)).toContain(id);
      expect(JSON.stringify(listed.json())).not.toContain(ONE_TIME);
      expect((await fx.call(sec, { method: 'POST', url: `/api/v1/admin/requests/${id}/approve` })).json().decision).toBe('approved');
      expect((await fx.call(sec, { method: 'POST', url: `/api/v1/admin/requests/${id}/approve` })).statusCode).toBe(400);

      const first = await loginAs('env', ONE_TIME);
      expect([first.statusCode, first.json().passwordChangeRequired]).toEqual([200, true]);
      const h = { cookie: `luoshi_session=${first.cookies.find((c) => c.name === 'luoshi_session')!.value}`, 'x-csrf-token': first.json().csrfToken as string };
      const items = await fx.call(null, { method: 'GET', url: '/api/v1/items', headers: h });
      expect([items.statusCode, items.json().code]).toEqual([403, 'password_change_required']);
      const changed = await fx.call(null, { method: 'PUT', url: '/api/v1/me/password', headers: h, payload: { current: ONE_TIME, password: 'Mountain-tea-house-17' } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((await loginAs('env', ONE_TIME)).statusCode).toBe(401);
      const again = await loginAs('env', 'Mountain-tea-house-17');
      expect(again.json().passwordChangeRequired).toBe(false);
    });

    it('does not let one admin reset, disable or change the roles of another admin alone', async () => {
      const disable = await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/users/u-auditor/disabled', payload: { disabled: true } });
      expect(disable.statusCode, disable.body).toBe(202);
      const auditor = await fx.login('auditor');
      expect((await fx.call(auditor, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(200);
      const refused = await fx.call(sec, { method: 'POST', url: `/api/v1/admin/requests/${disable.json().id as string}/refuse` });
      expect(refused.json().decision).toBe('refused');
      expect((await fx.call(auditor, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(200);

      const roles = await fx.call(sec, { method: 'PUT', url: '/api/v1/admin/users/u-sysadmin/roles', payload: { roles: ['handler'] } });
      expect(roles.statusCode).toBe(202);
      // The account concerned never decides its own change; the auditor may.
      expect((await fx.call(sys, { method: 'POST', url: `/api/v1/admin/requests/${roles.json().id as string}/approve` })).statusCode).toBe(403);
      expect((await fx.call(auditor, { method: 'POST', url: `/api/v1/admin/requests/${roles.json().id as string}/refuse` })).statusCode).toBe(200);

      const totp = await fx.call(sys, { method: 'DELETE', url: '/api/v1/admin/users/u-secadmin/totp' });
      expect(totp.statusCode).toBe(202);
      expect((await fx.call(sec, { method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(200);
      const grant = await fx.call(sec, { method: 'PUT', url: '/api/v1/admin/users/u-water/roles', payload: { roles: ['auditor'] } });
      expect(grant.statusCode).toBe(202);
    });
  });
}
