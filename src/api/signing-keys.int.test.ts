import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, performAction } from '../app/index.js';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const PASS = '我的签章口令-示范市-2026';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`signing keys and the objection desk over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'env', 'secadmin']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('a person enrols their own key; the security admin registers and revokes it; others may not', async () => {
      const short = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/signing-keys/mine', payload: { passphrase: 'xyzzy7' }, headers: { 'accept-language': 'zh-CN' } });
      expect(short.statusCode).toBe(400);
      expect(short.json().code).toBe('passphrase_too_short');
      expect(short.body).toContain('口令至少 12 个字符');
      expect(short.body).not.toContain('xyzzy7');
      expect((await fx.call(c.sup!, { method: 'GET', url: '/api/v1/signing-keys/mine' })).json()).toEqual([]);

      const enrolled = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/signing-keys/mine', payload: { passphrase: PASS } });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      const key = enrolled.json() as { keyId: string; state: string; publicKeyPem: string; userName: string };
      expect(key).toMatchObject({ state: 'enrolled', registeredAt: null, revokedAt: null });
      expect(key.publicKeyPem).toContain('BEGIN PUBLIC KEY');
      expect(enrolled.body).not.toContain(PASS);
      expect(enrolled.body).not.toContain('sealed');

      expect((await fx.call(c.env!, { method: 'GET', url: '/api/v1/signing-keys/mine' })).json()).toEqual([]);
      expect((await fx.call(c.env!, { method: 'GET', url: '/api/v1/admin/signing-keys' })).statusCode).toBe(403);
      expect((await fx.call(c.sup!, { method: 'POST', url: `/api/v1/admin/signing-keys/${key.keyId}/register` })).statusCode).toBe(403);

      const all = await fx.call(c.secadmin!, { method: 'GET', url: '/api/v1/admin/signing-keys' });
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json()).toEqual([expect.objectContaining({ keyId: key.keyId, state: 'enrolled', userName: expect.any(String) })]);
      const registered = await fx.call(c.secadmin!, { method: 'POST', url: `/api/v1/admin/signing-keys/${key.keyId}/register` });
      expect(registered.statusCode, registered.body).toBe(200);
      expect(registered.json()).toMatchObject({ state: 'registered', registeredAt: expect.any(String) });
      expect((await fx.call(c.secadmin!, { method: 'POST', url: `/api/v1/admin/signing-keys/${key.keyId}/register` })).json().code).toBe('signing_key_not_active');
      expect((await fx.call(c.secadmin!, { method: 'POST', url: '/api/v1/admin/signing-keys/nope/register' })).statusCode).toBe(404);
      expect((await fx.call(c.sup!, { method: 'GET', url: '/api/v1/signing-keys/mine' })).json()).toEqual([expect.objectContaining({ state: 'registered' })]);

      expect((await fx.call(c.secadmin!, { method: 'POST', url: `/api/v1/admin/signing-keys/${key.keyId}/revoke`, payload: { reason: ' ' } })).statusCode).toBe(400);
      const revoked = await fx.call(c.secadmin!, { method: 'POST', url: `/api/v1/admin/signing-keys/${key.keyId}/revoke`, payload: { reason: '离岗' } });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json()).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    });

    it("lists items with open objections on the supervisor's desk until each is answered, without their text", async () => {
      const deps = fx.deps.app;
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      const ex = EXAMPLE_FIELDS.rectification!;
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'rectification', title: '直排口整改', fields: ex.draft });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-06-30' } });
      await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
      await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已完成', evidence: ['file:1'], fields: ex.closure } });
      await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: {} });
      const filed = await fx.call(null, {
        method: 'POST',
        url: `/public/${fx.tenantId}/items/${item.id}/objections`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `text=${encodeURIComponent('夜间仍有排放')}`,
      });
      expect(filed.statusCode, filed.body).toBe(201);

      const desk = await fx.call(c.sup!, { method: 'GET', url: '/api/v1/objections/open' });
      expect(desk.statusCode, desk.body).toBe(200);
      expect(desk.json()).toEqual([expect.objectContaining({ itemId: item.id, number: item.number, title: '直排口整改', open: 1 })]);
      expect(desk.body).not.toContain('夜间仍有排放');
      expect((await fx.call(c.env!, { method: 'GET', url: '/api/v1/objections/open' })).statusCode).toBe(403);
      const west = await fx.login('west-sup');
      expect((await fx.call(west, { method: 'GET', url: '/api/v1/objections/open' })).json()).toEqual([]);

      const [o] = (await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${item.id}/objections` })).json() as { objectionId: string }[];
      const handled = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/items/${item.id}/objections/${o!.objectionId}/handle`, payload: { reply: '已复查' } });
      expect(handled.statusCode, handled.body).toBe(200);
      expect((await fx.call(c.sup!, { method: 'GET', url: '/api/v1/objections/open' })).json()).toEqual([]);
    });
  });
}
