import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../app/demo/demo-password.js';
import { loadConfig } from '../config/config.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, PASSWORD, type ApiFixture } from './testing/fixture.js';

const DAY = 86_400_000;

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`account attacks of the security review (${d.name})`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      // One proxy in front: its X-Forwarded-For names the client.
      fx = await apiFixture(d.name, { trustProxy: ['127.0.0.1'] });
    });
    afterAll(() => fx?.close());

    const attempt = (username: string, password: string, client: string, totp?: string) =>
      fx.call(null, {
        method: 'POST',
        url: '/api/v1/session',
        payload: { username, password, ...(totp ? { totp } : {}) },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': client },
      });

    it('cannot lock the only security admin: 60 anonymous failures from 12 addresses hold the real one up 10 s at most', async () => {
      for (let i = 0; i < 60; i++) await attempt('secadmin', `Guess-number-${i}`, `203.0.113.${i % 12}`);
      const attacker = await attempt('secadmin', 'Guess-once-more', '203.0.113.1');
      expect([attacker.statusCode, attacker.json().code]).toEqual([429, 'login_throttled']);
      fx.advance(30_000);
      const first = await attempt('secadmin', PASSWORD, '198.51.100.20', fx.totpCode('secadmin'));
      if (first.statusCode === 429) {
        // The name's own delay, shared by all addresses, is capped at 10 s.
        expect(first.json().details.retryAfterSeconds).toBeLessThanOrEqual(10);
        fx.advance(10_000);
      } else expect(first.statusCode).toBe(200);
      fx.advance(30_000);
      expect((await attempt('secadmin', PASSWORD, '198.51.100.20', fx.totpCode('secadmin'))).statusCode).toBe(200);
    });

    it('keys throttling on the client named by the trusted proxy, so users behind it do not share one budget', async () => {
      for (let i = 0; i < 6; i++) await attempt('water', 'wrong-Password-1', '203.0.113.200');
      expect((await attempt('water', PASSWORD, '203.0.113.200')).json().code).toBe('login_throttled');
      expect((await attempt('water', PASSWORD, '198.51.100.30')).statusCode).toBe(200);
    });

    it('ignores X-Forwarded-For from anyone but the trusted proxy', async () => {
      for (let i = 0; i < 6; i++) {
        await fx.call(null, {
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'env', password: 'wrong-Password-1' },
          remoteAddress: '192.0.2.99',
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        });
      }
      const r = await fx.call(null, {
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'env', password: PASSWORD },
        remoteAddress: '192.0.2.99',
        headers: { 'x-forwarded-for': '198.51.100.77' },
      });
      expect(r.json().code).toBe('login_throttled');
    });

    it('refuses short, common, dressed-up, demo and current passwords as a new password', async () => {
      const me = await fx.login('leader');
      const change = (password: string) => fx.call(me, { method: 'PUT', url: '/api/v1/me/password', payload: { current: PASSWORD, password } });
      for (const weak of ['Short-1a', 'Password@2026!', 'P@ssw0rd1234', 'Qwerty123456!', 'woaini1314520', 'Admin#123456', DEMO_PASSWORD, PASSWORD]) {
        const r = await change(weak);
        expect([r.statusCode, r.json().code], weak).toEqual([400, 'password_too_weak']);
        expect(r.json().title).toBeTruthy();
      }
      expect((await change('Plum-blossom-river-81')).statusCode).toBe(200);
    });

    it('gives API tokens 90 days unless asked, never more than a year', async () => {
      const sup = await fx.login('sup');
      const made = await fx.call(sup, { method: 'POST', url: '/api/v1/tokens', payload: { name: '对接', unitId: 'office', scopes: ['items:read'] } });
      expect(made.statusCode, made.body).toBe(201);
      expect(Date.parse(made.json().record.expiresAt as string) - fx.now).toBe(90 * DAY);
      const forever = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: '长期', unitId: 'office', scopes: ['items:read'], expiresAt: new Date(fx.now + 2 * 365 * DAY).toISOString() },
      });
      expect([forever.statusCode, forever.json().code]).toEqual([403, 'token_scope_forbidden']);
      const bearer = { authorization: `Bearer ${made.json().token as string}` };
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/items', headers: bearer })).statusCode).toBe(200);
      fx.advance(91 * DAY);
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/items', headers: bearer })).statusCode).toBe(401);
    });
  });
}

describe('HTTPS settings', () => {
  it('reads LUOSHI_SECURE_COOKIES and LUOSHI_TRUST_PROXY, refusing a malformed proxy list', () => {
    const c = loadConfig({ LUOSHI_SECURE_COOKIES: '1', LUOSHI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    expect([c.secureCookies, c.trustProxy]).toEqual([true, ['127.0.0.1', '10.0.0.0/8']]);
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(() => loadConfig({ LUOSHI_TRUST_PROXY: 'everyone' })).toThrow(/LUOSHI_TRUST_PROXY/);
  });
});
