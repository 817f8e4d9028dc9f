import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const me = (fx: ApiFixture, c: Caller) => fx.call(c, { method: 'GET', url: '/api/v1/me' });
const outcome = async (fx: ApiFixture, c: Caller) => {
  const r = await me(fx, c);
  return r.statusCode === 200 ? 200 : `${r.statusCode} ${r.json().code as string}`;
};

/** The session row behind a caller's cookie, as stored. */
async function storedSession(fx: ApiFixture, c: Caller) {
  const { secretDigest } = await import('../app/accounts/secrets.js');
  const token = c.headers.cookie!.replace(/^luoshi_session=/, '');
  return (await fx.ts.store.read.sessions.get(secretDigest(fx.ts.store.crypto, token)))!;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`sessions and tokens reused between requests (${d.name})`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      // A long reuse window, so every check below runs against a cached principal unless the cache lets go.
      fx = await apiFixture(d.name, { principalTtlMs: 60_000 });
    });
    afterAll(() => fx?.close());

    it('records activity about once a minute, not on every request, and still ends an idle session', async () => {
      const env = await fx.login('env');
      const loggedIn = (await storedSession(fx, env)).lastSeenAt;
      // 45 minutes of a request every 20 s: longer than the idle timeout, so activity must be recorded.
      const seen = new Set<string>();
      for (let i = 0; i < 135; i++) {
        fx.advance(20_000);
        expect(await outcome(fx, env)).toBe(200);
        seen.add((await storedSession(fx, env)).lastSeenAt);
      }
      expect(seen.size).toBeGreaterThan(30);
      expect(seen.size).toBeLessThan(70);
      const last = Date.parse((await storedSession(fx, env)).lastSeenAt);
      expect(last).toBeGreaterThan(Date.parse(loggedIn));
      expect(fx.now - last).toBeLessThan(2 * 60_000);
      fx.advance(30 * 60_000);
      expect(await outcome(fx, env)).toBe('401 session_expired');
    });

    it('ends a cached session at its absolute lifetime to the second', async () => {
      const water = await fx.login('water');
      const { expiresAt } = await storedSession(fx, water);
      while (fx.now < Date.parse(expiresAt) - 20 * 60_000) {
        fx.advance(20 * 60_000);
        expect(await outcome(fx, water)).toBe(200);
      }
      fx.now = Date.parse(expiresAt) - 2_000;
      expect(await outcome(fx, water)).toBe(200);
      fx.advance(1_000);
      expect(await outcome(fx, water)).toBe(200);
      fx.advance(1_000);
      expect(await outcome(fx, water)).toBe('401 session_expired');
    });

    it('refuses a cached session at once after logout, a password reset, a role change or disabling through the API', async () => {
      const sys = await fx.login('sysadmin');
      const sec = await fx.login('secadmin');
      const out = await fx.login('east-street');
      expect(await outcome(fx, out)).toBe(200);
      await fx.call(out, { method: 'DELETE', url: '/api/v1/session' });
      expect(await outcome(fx, out)).toBe('401 session_expired');

      const reset = await fx.login('east-street');
      expect(await outcome(fx, reset)).toBe(200);
      const pw = await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/users/u-east-street/password', payload: { password: 'Another-Pass-2026!' } });
      expect(pw.statusCode, pw.body).toBe(200);
      expect(await outcome(fx, reset)).toBe('401 session_expired');

      const roles = await fx.login('west-street');
      expect(await outcome(fx, roles)).toBe(200);
      expect((await fx.call(sec, { method: 'PUT', url: '/api/v1/admin/users/u-west-street/roles', payload: { roles: ['handler'] } })).statusCode).toBe(200);
      expect(await outcome(fx, roles)).toBe('401 session_expired');

      const disabled = await fx.login('west-street');
      expect(await outcome(fx, disabled)).toBe(200);
      expect((await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/users/u-west-street/disabled', payload: { disabled: true } })).statusCode).toBe(200);
      expect(await outcome(fx, disabled)).toBe('401 session_expired');
    });

    it('refuses a revoked token at once', async () => {
      const sup = await fx.login('sup');
      const created = (await fx.call(sup, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'hotline', unitId: 'office', scopes: ['items:read'] } })).json();
      const bearer: Caller = { username: 'token', headers: { authorization: `Bearer ${created.token as string}` } };
      expect(await outcome(fx, bearer)).toBe(200);
      expect(await outcome(fx, bearer)).toBe(200);
      await fx.call(sup, { method: 'DELETE', url: `/api/v1/tokens/${created.record.id as string}` });
      expect(await outcome(fx, bearer)).toBe('401 unauthenticated');
    });
  });

  describe.skipIf(d.skip)(`a session revoked outside this server (${d.name})`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      fx = await apiFixture(d.name, { principalTtlMs: 300 });
    });
    afterAll(() => fx?.close());

    it('is refused once the reuse window has passed', async () => {
      const env = await fx.login('env');
      expect(await outcome(fx, env)).toBe(200);
      // Another node or the command line ends the session: this server cannot hear of it ...
      await fx.ts.store.transaction((tx) => tx.sessions.revokeForUser(fx.tenantId, 'u-env', new Date(fx.now).toISOString()));
      // ... so the cached session still answers within the window (the documented bound) ...
      expect(await outcome(fx, env)).toBe(200);
      await sleep(400);
      // ... and not after it.
      expect(await outcome(fx, env)).toBe('401 session_expired');
    });
  });
}
