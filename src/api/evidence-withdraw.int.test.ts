import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** A multipart body with one text file, as a browser sends it. */
const multipart = (name: string, text: string) => ({
  headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
  payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--XyZ--\r\n`,
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`withdrawing evidence over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name, { limits: { evidenceBytes: 4096 } });
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(() => fx?.close());

    async function itemAtWork(): Promise<string> {
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '河道整治', fields: { category: 'key_task' } } });
      const id = created.json().id as string;
      const act = async (who: Caller, action: string, payload: object) => {
        const etag = (await fx.call(who, { method: 'GET', url: `/api/v1/items/${id}` })).headers.etag as string;
        const res = await fx.call(who, { method: 'POST', url: `/api/v1/items/${id}/${action}`, payload, headers: { 'if-match': etag } });
        expect(res.statusCode, res.body).toBe(200);
      };
      await act(sup, 'assign', { leadUnitId: 'env', deadline: '2026-06-30' });
      await act(env, 'accept', {});
      return id;
    }
    const upload = async (who: Caller, itemId: string, name: string) => {
      const res = await fx.call(who, { method: 'POST', url: `/api/v1/items/${itemId}/evidence`, ...multipart(name, `${name} 的内容`) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };

    it('states the size limit and the types shown inline before any upload', async () => {
      const res = await fx.call(env, { method: 'GET', url: '/api/v1/evidence-limits' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ maxBytes: 4096, previewTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] });
    });

    it('lets the uploader withdraw, refuses others in both languages, and keeps the bytes for the auditor', async () => {
      const itemId = await itemAtWork();
      const fileId = await upload(env, itemId, '误传.txt');

      const bySup = await fx.call(sup, { method: 'POST', url: `/api/v1/evidence/${fileId}/withdraw`, payload: {}, headers: { 'accept-language': 'zh-CN' } });
      expect(bySup.statusCode).toBe(403);
      expect(bySup.json()).toMatchObject({ code: 'evidence_withdraw_forbidden', title: '只有上传人可以撤回该文件。' });
      const bySupEn = await fx.call(sup, { method: 'POST', url: `/api/v1/evidence/${fileId}/withdraw`, payload: {}, headers: { 'accept-language': 'en' } });
      expect(bySupEn.json()).toMatchObject({ code: 'evidence_withdraw_forbidden', title: 'Only the person who uploaded a file withdraws it.' });

      const ok = await fx.call(env, { method: 'POST', url: `/api/v1/evidence/${fileId}/withdraw`, payload: { reason: '选错了' } });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ evidenceId: fileId, itemId, fileName: '误传.txt' });

      const list = await fx.call(sup, { method: 'GET', url: `/api/v1/items/${itemId}/evidence` });
      expect(list.json()).toEqual([]);
      expect((await fx.call(env, { method: 'GET', url: `/api/v1/evidence/${fileId}` })).statusCode).toBe(404);
      const timeline = (await fx.call(sup, { method: 'GET', url: `/api/v1/items/${itemId}` })).json().timeline as { type: string; data: Record<string, unknown> }[];
      expect(timeline.find((e) => e.type === 'EvidenceWithdrawn')?.data).toMatchObject({ evidenceId: fileId, fileName: '误传.txt', reason: '选错了' });

      const auditor = await fx.login('auditor');
      const bytes = await fx.call(auditor, { method: 'GET', url: `/api/v1/audit/evidence/${fileId}` });
      expect(bytes.statusCode, bytes.body).toBe(200);
      expect(bytes.body).toBe('误传.txt 的内容');
      expect(bytes.headers['content-disposition']).toMatch(/^attachment;/);
      expect(bytes.headers['x-content-type-options']).toBe('nosniff');
      expect((await fx.call(env, { method: 'GET', url: `/api/v1/audit/evidence/${fileId}` })).statusCode).toBe(403);

      const verify = await fx.call(auditor, { method: 'GET', url: '/api/v1/audit/verify' });
      expect(verify.json()).toMatchObject({ ok: true });
    });

    it('refuses a cited file and the files of a cancelled item', async () => {
      const itemId = await itemAtWork();
      const cited = await upload(env, itemId, '进展.txt');
      const loose = await upload(env, itemId, '另一份.txt');
      const etag = (await fx.call(env, { method: 'GET', url: `/api/v1/items/${itemId}` })).headers.etag as string;
      await fx.call(env, { method: 'POST', url: `/api/v1/items/${itemId}/report`, payload: { text: '过半', percent: 50, evidence: [cited] }, headers: { 'if-match': etag } });
      const refused = await fx.call(env, { method: 'POST', url: `/api/v1/evidence/${cited}/withdraw`, payload: {} });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('evidence_cited');

      const etag2 = (await fx.call(sup, { method: 'GET', url: `/api/v1/items/${itemId}` })).headers.etag as string;
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/items/${itemId}/cancel`, payload: { reason: '任务调整' }, headers: { 'if-match': etag2 } })).statusCode).toBe(200);
      const closed = await fx.call(env, { method: 'POST', url: `/api/v1/evidence/${loose}/withdraw`, payload: {} });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().code).toBe('evidence_item_closed');
    });
  });
}
