import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolSigningKey, registerSigningKey, revokeSigningKey } from '../app/signatures/keys.js';
import { verifySignatures } from '../app/signatures/verify.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const PASS = '督办签章口令-2026-示范市';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`signed decisions over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'env']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('销号 with the passphrase in the body is signed; the item page shows 已签章 with signer, time and validity', async () => {
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      const { keyId } = await enrolSigningKey(fx.deps.app, as('sup'), PASS);
      await registerSigningKey(fx.deps.app, as('secadmin'), keyId);
      const created = await fx.call(c.sup!, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '建立机制', fields: { category: 'meeting_decision' } },
      });
      const id = created.json().id as string;
      const act = (who: string, slug: string, payload: object) => fx.call(c[who]!, { method: 'POST', url: `/api/v1/items/${id}/${slug}`, payload });
      expect((await act('sup', 'assign', { leadUnitId: 'env', deadline: '2099-03-31' })).statusCode).toBe(200);
      expect((await act('env', 'accept', {})).statusCode).toBe(200);
      const upload = await fx.call(c.env!, {
        method: 'POST',
        url: `/api/v1/items/${id}/evidence`,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n机制文件\r\n--XyZ--\r\n`,
      });
      const closing = await act('env', 'request-closure', { summary: '已办结', evidence: [upload.json().id as string], fields: { outcome: '已建立' } });
      expect(closing.statusCode, closing.body).toBe(200);

      const unsigned = await act('sup', 'pass-stage', {});
      expect(unsigned.statusCode).toBe(409);
      expect(unsigned.json().code).toBe('signature_required');
      const wrong = await act('sup', 'pass-stage', { passphrase: 'not the passphrase' });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.body).not.toContain('not the passphrase');
      const ok = await act('sup', 'pass-stage', { note: '同意销号', passphrase: PASS });
      expect(ok.statusCode, ok.body).toBe(200);

      const page = (await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` })).json();
      expect(page.item.status).toBe('closed');
      expect(page.signatures).toEqual([
        expect.objectContaining({ status: '已签章', decision: 'close', signerUserId: expect.any(String), keyId, valid: true, problem: null, keyRevokedAt: null }),
      ]);
      expect(JSON.stringify(page)).not.toContain(PASS);

      // Revoked later: the earlier signature stays valid, and the page says when the key was revoked.
      await revokeSigningKey(fx.deps.app, as('secadmin'), keyId, '离岗');
      const after = (await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` })).json();
      expect(after.signatures).toEqual([expect.objectContaining({ valid: true, problem: null, keyRevokedAt: expect.any(String) })]);
    });
  });

  describe.skipIf(d.skip)(`the signing policy over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name, { signingPolicy: 'required' });
      for (const u of ['sup', 'env', 'sysadmin', 'secadmin']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('everyone reads the policy; only the security admin sets it', async () => {
      expect((await fx.call(c.env!, { method: 'GET', url: '/api/v1/signing-policy' })).json()).toEqual({ policy: 'required' });
      const put = (who: string, policy: string) => fx.call(c[who]!, { method: 'PUT', url: '/api/v1/admin/signing-policy', payload: { policy } });
      expect((await put('sup', 'when_enrolled')).statusCode).toBe(403);
      expect((await put('sysadmin', 'when_enrolled')).json().code).toBe('role_required');
      expect((await put('secadmin', 'sometimes')).statusCode).toBe(400);
      const set = await put('secadmin', 'when_enrolled');
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ policy: 'when_enrolled' });
      expect((await put('secadmin', 'required')).json()).toEqual({ policy: 'required' });
      expect((await fx.call(c.sup!, { method: 'GET', url: '/api/v1/signing-policy' })).json()).toEqual({ policy: 'required' });
    });

    it('under required, 销号 and issuing a 通报 by a person without a key are refused in words that say what to do, and nothing changes', async () => {
      const created = await fx.call(c.sup!, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '建立机制', fields: { category: 'meeting_decision' } },
      });
      const id = created.json().id as string;
      const act = (who: string, slug: string, payload: object, lang = 'zh-CN') =>
        fx.call(c[who]!, { method: 'POST', url: `/api/v1/items/${id}/${slug}`, payload, headers: { 'accept-language': lang } });
      expect((await act('sup', 'assign', { leadUnitId: 'env', deadline: '2099-03-31' })).statusCode).toBe(200);
      expect((await act('env', 'accept', {})).statusCode).toBe(200);
      const upload = await fx.call(c.env!, {
        method: 'POST',
        url: `/api/v1/items/${id}/evidence`,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n机制文件\r\n--XyZ--\r\n`,
      });
      expect((await act('env', 'request-closure', { summary: '已办结', evidence: [upload.json().id as string], fields: { outcome: '已建立' } })).statusCode).toBe(200);
      const page = async () => (await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` })).json() as { item: { version: number; status: string }; timeline: unknown[] };
      const before = await page();

      const zh = await act('sup', 'pass-stage', { note: '同意销号' });
      expect(zh.statusCode).toBe(409);
      expect(zh.json()).toMatchObject({ code: 'signing_key_not_active', details: { decision: 'close', policy: 'required' } });
      expect(zh.json().title).toContain('安全管理员登记');
      const en = await act('sup', 'pass-stage', { passphrase: PASS }, 'en');
      expect(en.json().code).toBe('signing_key_not_active');
      expect(en.json().title).toContain('luoshi keys enrol');
      expect(en.body).not.toContain(PASS);
      const after = await page();
      expect([after.item.version, after.item.status, after.timeline.length]).toEqual([before.item.version, 'closing', before.timeline.length]);

      const draft = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/bulletins', payload: { from: '2026-03-01', to: '2026-03-31' } });
      expect(draft.statusCode, draft.body).toBe(201);
      const bulletin = draft.json().id as string;
      const issue = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/bulletins/${bulletin}/issue`, payload: {} });
      expect(issue.statusCode).toBe(409);
      expect(issue.json()).toMatchObject({ code: 'signing_key_not_active', details: { decision: 'bulletin' } });
      expect((await fx.call(c.sup!, { method: 'GET', url: `/api/v1/bulletins/${bulletin}` })).json()).toMatchObject({ status: 'draft' });

      // With a registered key and the passphrase both go through, signed.
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      const { keyId } = await enrolSigningKey(fx.deps.app, as('sup'), PASS);
      await registerSigningKey(fx.deps.app, as('secadmin'), keyId);
      const ok = await act('sup', 'pass-stage', { note: '同意销号', passphrase: PASS });
      expect(ok.statusCode, ok.body).toBe(200);
      const issued = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/bulletins/${bulletin}/issue`, payload: { passphrase: PASS } });
      expect(issued.statusCode, issued.body).toBe(200);
      expect(await verifySignatures(fx.deps.app, fx.tenantId)).toEqual({ valid: 2, invalid: [] });
    });
  });
}
