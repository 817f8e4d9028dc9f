/*
 * Registering webhooks over HTTP: targets on loopback, private or link-local addresses and URLs with
 * credentials or other schemes are refused with a stable code in the caller's language, and nothing is written;
 * a public target is registered with its secret shown once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { startServer } from './server.js';
import { apiFixture, PASSWORD, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`webhook registration (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
    });
    afterAll(() => fx?.close());

    const register = (url: string, lang = 'en') =>
      fx.call(sup, { method: 'POST', url: '/api/v1/webhooks', headers: { 'accept-language': lang }, payload: { url, unitId: 'office' } });

    it.each([
      'http://127.0.0.1:8080/hook',
      'http://localhost:3000/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://2130706433/hook',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.20.30.40/hook',
      'https://192.168.1.10/hook',
      'http://[fd00::1]/hook',
      'http://0.0.0.0:5432/',
    ])('refuses %s with webhook_url_forbidden, saying how an operator allows private targets, and writes nothing', async (url) => {
      const headBefore = await fx.ts.store.read.events.head(fx.tenantId);
      const en = await register(url);
      expect([en.statusCode, en.json().code]).toEqual([400, 'webhook_url_forbidden']);
      expect(en.headers['content-type']).toContain('application/problem+json');
      expect(en.json().title).toMatch(/^Webhook target refused: .* webhooks may post only to public addresses\. .*LUOSHI_WEBHOOK_ALLOW_PRIVATE=1/);
      const zh = await register(url, 'zh-CN');
      expect([zh.statusCode, zh.json().code]).toEqual([400, 'webhook_url_forbidden']);
      expect(zh.json().title).toMatch(/^Webhook 目标被拒绝：.*内网部署可由运维人员.*LUOSHI_WEBHOOK_ALLOW_PRIVATE=1/);
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/webhooks' })).json()).toEqual([]);
      expect(await fx.ts.store.read.events.head(fx.tenantId)).toEqual(headBefore);
    });

    it('refuses credentials in the URL and schemes other than http(s), without suggesting the private-target setting', async () => {
      const creds = await register('https://user:secret@hooks.example.org/hook');
      expect([creds.statusCode, creds.json().code]).toEqual([400, 'webhook_url_invalid']);
      expect(creds.json().title).not.toContain('LUOSHI_WEBHOOK_ALLOW_PRIVATE');
      expect((await register('https://user:secret@hooks.example.org/hook', 'zh-CN')).json().title).toMatch(/用户名或密码/);
      const ftp = await register('ftp://hooks.example.org/hook');
      expect(ftp.statusCode).toBe(400);
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/webhooks' })).json()).toEqual([]);
    });

    it('registers a public target (its name is not resolved at registration)', async () => {
      const res = await register('https://hooks.example.org/luoshi');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ webhook: { url: 'https://hooks.example.org/luoshi', unitId: 'office' }, secret: expect.any(String) });
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/webhooks' })).json()).toHaveLength(1);
    });

    it('takes the setting from the configuration: the server registers an intranet target only with LUOSHI_WEBHOOK_ALLOW_PRIVATE=1', async () => {
      for (const [allow, expected] of [
        ['0', 400],
        ['1', 201],
      ] as const) {
        const config = loadConfig({
          LUOSHI_TENANT: fx.tenantId,
          LUOSHI_HOST: '127.0.0.1',
          LUOSHI_PORT: '0',
          LUOSHI_LOG_LEVEL: 'silent',
          LUOSHI_DATA_DIR: fx.ts.dir,
          LUOSHI_WEBHOOK_ALLOW_PRIVATE: allow,
        });
        const server = await startServer(config, {
          store: fx.ts.store,
          dispatchWebhooks: false,
          schedule: false,
          limits: { login: { max: 0, windowMs: 60_000 }, writes: { max: 0, windowMs: 60_000 } },
        });
        try {
          const login = await fetch(`${server.url}/api/v1/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'sup', password: PASSWORD }),
          });
          expect(login.status).toBe(200);
          const cookie = login.headers
            .getSetCookie()
            .find((c) => c.startsWith('luoshi_session='))!
            .split(';')[0]!;
          const { csrfToken } = (await login.json()) as { csrfToken: string };
          const res = await fetch(`${server.url}/api/v1/webhooks`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
            body: JSON.stringify({ url: `http://10.1.2.3/hook-${allow}`, unitId: 'office' }),
          });
          expect(res.status).toBe(expected);
          if (expected === 400) expect(((await res.json()) as { code: string }).code).toBe('webhook_url_forbidden');
        } finally {
          await server.close();
        }
      }
    });
  });
}
