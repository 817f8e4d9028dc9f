import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolSigningKey, registerSigningKey, revokeSigningKey } from '../app/signatures/keys.js';
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
}
