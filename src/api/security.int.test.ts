import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, PASSWORD, type ApiFixture } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`accounts and sessions (${d.name})`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
    });
    afterAll(() => fx?.close());

    it('slows failed logins down with growing delays, saying the same for unknown names, and never locks the name', async () => {
      for (const name of ['water', 'nobody-such']) {
        const codes: string[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: name, password: 'wrong-Password-1' }, remoteAddress: '192.0.2.66' });
          codes.push(r.json().code as string);
        }
        expect(codes).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'login_throttled']);
      }
      const waiting = await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'water', password: PASSWORD }, remoteAddress: '192.0.2.66' });
      expect([waiting.statusCode, waiting.json().code]).toEqual([429, 'login_throttled']);
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
      // The real user elsewhere is not held up at all.
      expect((await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'water', password: PASSWORD }, remoteAddress: '192.0.2.7' })).statusCode).toBe(
        200,
      );
      fx.advance(31 * 60_000);
      await expect(fx.login('water')).resolves.toBeTruthy();
    });

    it('ends a session after 30 idle minutes and after its absolute lifetime', async () => {
      const env = await fx.login('env');
      fx.advance(29 * 60_000);
      expect((await fx.call(env, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
      fx.advance(31 * 60_000);
      const idle = await fx.call(env, { method: 'GET', url: '/api/v1/me' });
      expect([idle.statusCode, idle.json().code]).toEqual([401, 'session_expired']);
      const again = await fx.login('env');
      for (let i = 0; i < 25; i++) {
        fx.advance(29 * 60_000);
        await fx.call(again, { method: 'GET', url: '/api/v1/me' });
      }
      expect((await fx.call(again, { method: 'GET', url: '/api/v1/me' })).json().code).toBe('session_expired');
    });

    it('logs out: the cookie stops working', async () => {
      const env = await fx.login('env');
      expect((await fx.call(env, { method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(200);
      expect((await fx.call(env, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    });

    it('refuses a cookie write without the CSRF token, and sets HttpOnly SameSite=Strict cookies', async () => {
      const r = await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'sup', password: PASSWORD } });
      expect(r.headers['set-cookie']!.toString()).toMatch(/luoshi_session=[^;]+;.*HttpOnly.*SameSite=Strict/i);
      const sup = await fx.login('sup');
      const noCsrf = await fx.call(sup, { method: 'POST', url: '/api/v1/items', headers: { 'x-csrf-token': '' }, payload: { ledgerType: 'directive', title: 'x' } });
      expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'csrf_failed']);
      const wrong = await fx.call(sup, { method: 'POST', url: '/api/v1/items', headers: { 'x-csrf-token': 'forged' }, payload: { ledgerType: 'directive', title: 'x' } });
      expect(wrong.json().code).toBe('csrf_failed');
    });

    it('asks admins for a TOTP code with the password and gives one answer to every failed step (no oracle)', async () => {
      const attempt = async (password: string, totp?: string) => {
        const r = await fx.call(null, {
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'auditor', password, ...(totp ? { totp } : {}) },
          remoteAddress: '192.0.2.10',
        });
        const { requestId: _, ...body } = r.json() as Record<string, unknown>;
        return [r.statusCode, body];
      };
      const wrongPassword = await attempt('wrong-Password-1');
      expect(wrongPassword[0]).toBe(401);
      expect(await attempt(PASSWORD)).toEqual(wrongPassword);
      expect(await attempt(PASSWORD, '000000')).toEqual(wrongPassword);
      fx.advance(30_000);
      const code = fx.totpCode('auditor');
      expect((await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'auditor', password: PASSWORD, totp: code } })).statusCode).toBe(200);
      expect(await attempt(PASSWORD, code)).toEqual(wrongPassword);
      const admin = await fx.login('sysadmin');
      expect((await fx.call(admin, { method: 'GET', url: '/api/v1/items' })).json().code).toBe('business_data_forbidden');
    });

    it('lets an admin without a second factor only enrol one', async () => {
      const sec = await fx.login('secadmin');
      const reset = await fx.call(sec, { method: 'DELETE', url: '/api/v1/admin/users/u-sysadmin/totp' });
      expect(reset.statusCode, reset.body).toBe(202);
      // The account concerned cannot approve its own reset; the auditor, a third admin, can.
      const auditor = await fx.login('auditor');
      expect((await fx.call(auditor, { method: 'POST', url: `/api/v1/admin/requests/${reset.json().id as string}/approve` })).statusCode).toBe(200);
      const r = await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'sysadmin', password: PASSWORD } });
      expect(r.json().secondFactorEnrolmentRequired).toBe(true);
      const cookie = `luoshi_session=${r.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
      const h = { cookie, 'x-csrf-token': r.json().csrfToken as string };
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/admin/users', headers: h })).json().code).toBe('second_factor_required');
      const enrol = await fx.call(null, { method: 'POST', url: '/api/v1/me/totp', headers: h });
      expect(enrol.json().uri).toMatch(/^otpauth:\/\/totp\//);
      fx.totpSecrets.set('sysadmin', enrol.json().secret as string);
      fx.advance(30_000);
      expect((await fx.call(null, { method: 'POST', url: '/api/v1/me/totp/confirm', headers: h, payload: { code: fx.totpCode('sysadmin') } })).statusCode).toBe(200);
      const full = await fx.login('sysadmin');
      expect((await fx.call(full, { method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(200);
    });

    it('keeps the three admin roles apart and refuses weak passwords', async () => {
      const sec = await fx.login('secadmin');
      const both = await fx.call(sec, { method: 'PUT', url: '/api/v1/admin/users/u-water/roles', payload: { roles: ['handler', 'auditor'] } });
      expect([both.statusCode, both.json().code]).toEqual([400, 'role_conflict']);
      const self = await fx.call(sec, { method: 'PUT', url: '/api/v1/admin/users/u-secadmin/roles', payload: { roles: ['auditor'] } });
      expect(self.statusCode).toBe(403);
      const sys = await fx.login('sysadmin');
      const weak = await fx.call(sys, { method: 'POST', url: '/api/v1/admin/users', payload: { username: 'new.one', displayName: '新人', unitId: 'env', password: 'short' } });
      expect(weak.json().code).toBe('password_too_weak');
      const ok = await fx.call(sys, {
        method: 'POST',
        url: '/api/v1/admin/users',
        payload: { username: 'new.one', displayName: '新人', unitId: 'env', password: 'Quite-Long-Pass-42' },
      });
      expect([ok.statusCode, ok.json().roles]).toEqual([201, []]);
      expect((await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/users/u-water/roles', payload: { roles: ['handler'] } })).statusCode).toBe(403);
    });

    it('gives API tokens only their scopes and unit, shows the secret once, and stops them when revoked', async () => {
      const sup = await fx.login('sup');
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/tokens', payload: { name: '12345 热线对接', unitId: 'office', scopes: ['items:read'] } });
      expect(created.statusCode, created.body).toBe(201);
      const token = created.json().token as string;
      const listed = await fx.call(sup, { method: 'GET', url: '/api/v1/tokens' });
      expect(JSON.stringify(listed.json())).not.toContain(token);
      const bearer = { authorization: `Bearer ${token}` };
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/items', headers: bearer })).statusCode).toBe(200);
      const write = await fx.call(null, { method: 'POST', url: '/api/v1/items', headers: bearer, payload: { ledgerType: 'directive', title: '越权' } });
      expect([write.statusCode, write.json().code]).toEqual([403, 'token_scope_forbidden']);
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/tokens', headers: bearer })).json().code).toBe('token_scope_forbidden');
      // A token never reaches beyond its maker's scope: a district's supervisor cannot bind one to the sibling district.
      const wide = await fx.call(await fx.login('east-sup'), { method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', unitId: 'west-street', scopes: ['items:read'] } });
      expect(wide.json().code).toBe('token_scope_forbidden');
      await fx.call(sup, { method: 'DELETE', url: `/api/v1/tokens/${created.json().record.id as string}` });
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/items', headers: bearer })).statusCode).toBe(401);
    });

    it('answers errors as problem+json in the language asked for, with security headers', async () => {
      const zh = await fx.call(null, { method: 'GET', url: '/api/v1/me' });
      const en = await fx.call(null, { method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
      expect(zh.headers['content-type']).toContain('application/problem+json');
      expect(zh.json().title).toBe('请先登录。');
      expect(en.json().title).toBe('Log in first.');
      expect(zh.headers['x-content-type-options']).toBe('nosniff');
      expect(zh.headers['content-security-policy']).toContain("default-src 'self'");
    });
  });
}
