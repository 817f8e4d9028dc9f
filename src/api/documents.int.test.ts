import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, performAction } from '../app/index.js';
import { zipText } from '../app/exchange/zip.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`documents and bulletins over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    let street: Caller;
    let admin: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      [sup, env, street, admin] = await Promise.all([fx.login('sup'), fx.login('env'), fx.login('east-street'), fx.login('sysadmin')]);
    });
    afterAll(() => fx?.close());

    it('issues a notice the lead unit lists and downloads, and nobody else sees', async () => {
      const ref = { tenantId: fx.tenantId, username: 'sup' };
      const { item } = await createItem(fx.deps.app, ref, { ledgerType: 'directive', title: '整治城区违法建设', fields: { category: 'key_task' } });
      await performAction(fx.deps.app, ref, item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-04-30' } });
      const issued = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${item.id}/documents`, payload: { kind: 'notice' } });
      expect(issued.statusCode, issued.body).toBe(201);
      expect(issued.json()).toMatchObject({ kind: 'notice', number: '督办〔2026〕1号', status: 'issued' });
      expect((await fx.call(env, { method: 'POST', url: `/api/v1/items/${item.id}/documents`, payload: { kind: 'letter' } })).statusCode).toBe(403);
      const listed = await fx.call(env, { method: 'GET', url: `/api/v1/items/${item.id}/documents` });
      expect(listed.json().documents.map((x: { number: string }) => x.number)).toEqual(['督办〔2026〕1号']);
      const file = await fx.call(env, { method: 'GET', url: `/api/v1/documents/${issued.json().id}/file?format=docx` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('wordprocessingml');
      expect(zipText(file.rawPayload, 'word/document.xml')).toContain('市生态环境局：');
      expect((await fx.call(street, { method: 'GET', url: `/api/v1/documents/${issued.json().id}/file` })).statusCode).toBe(404);
      // The item page still reads, with the document on its timeline.
      const page = await fx.call(env, { method: 'GET', url: `/api/v1/items/${item.id}` });
      expect(page.statusCode, page.body).toBe(200);
      const entry = (page.json().timeline as { type: string; data: { number?: string } }[]).find((e) => e.type === 'DocumentIssued');
      expect(entry?.data.number).toBe('督办〔2026〕1号');
    });

    it('drafts, edits and issues a bulletin; an issued one refuses edits; admins see none', async () => {
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/bulletins', payload: { from: '2026-03-01', to: '2026-03-31' } });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const edited = await fx.call(sup, { method: 'PATCH', url: `/api/v1/bulletins/${id}`, payload: { praise: '表扬按期办结的单位。', version: 1 } });
      expect(edited.json()).toMatchObject({ version: 2, data: { praise: '表扬按期办结的单位。' } });
      expect((await fx.call(sup, { method: 'PATCH', url: `/api/v1/bulletins/${id}`, payload: { praise: '旧版本', version: 1 } })).statusCode).toBe(409);
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/bulletins/${id}/issue` })).json().status).toBe('issued');
      const late = await fx.call(sup, { method: 'PATCH', url: `/api/v1/bulletins/${id}`, payload: { criticism: '改动' } });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('document_issued');
      expect((await fx.call(env, { method: 'GET', url: '/api/v1/bulletins' })).json().bulletins).toHaveLength(1);
      expect((await fx.call(admin, { method: 'GET', url: '/api/v1/bulletins' })).statusCode).toBe(403);
    });
  });
}
