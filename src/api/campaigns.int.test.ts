import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const multipart = (text: string) => ({
  headers: { 'content-type': 'multipart/form-data; boundary=B' },
  payload: Buffer.concat([
    Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="schools.csv"\r\nContent-Type: text/csv\r\n\r\n'),
    Buffer.from(text, 'utf8'),
    Buffer.from('\r\n--B--\r\n'),
  ]),
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`一校一方案 and 挂牌督办 over HTTP (${d.name})`, { timeout: 120_000 }, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(() => fx?.close());

    const url = (q: Record<string, string>) => `/api/v1/campaigns?${new URLSearchParams(q).toString()}`;

    it('creates a campaign from a CSV list, rolls it up, and refuses a list with a repeated school (422, nothing written)', async () => {
      const q = { ledger: 'school_plan', title: '{entity}防汛安全方案', lead: 'env' };
      const made = await fx.call(sup, { method: 'POST', url: url(q), ...multipart('学校名称,区县\n城东中学,东城区\n城西小学,\n') });
      expect(made.statusCode, made.body).toBe(201);
      const body = made.json();
      expect(body.parent.title).toBe('防汛安全方案');
      expect(body.created.map((c: { entity: string }) => c.entity)).toEqual(['城东中学', '城西小学']);
      const progress = await fx.call(sup, { method: 'GET', url: `/api/v1/campaigns/${body.parent.id}/progress` });
      expect(progress.statusCode).toBe(200);
      expect(progress.json()).toMatchObject({
        all: { total: 2, byState: { assigned: 2 } },
        districts: [
          { district: '东城区', total: 1 },
          { district: null, total: 1 },
        ],
      });
      const kids = await fx.call(sup, { method: 'GET', url: `/api/v1/items?parent=${body.parent.id}` });
      expect(kids.json().items).toHaveLength(2);

      const refused = await fx.call(sup, { method: 'POST', url: url(q), ...multipart('学校名称\n城北中学\n城北中学\n') });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ parent: null, created: [], errors: [{ row: 3, code: 'duplicate_entity' }] });
      const byHandler = await fx.call(env, { method: 'POST', url: url(q), ...multipart('学校名称\n城南中学\n') });
      expect(byHandler.statusCode).toBe(403);
    });

    it('lists and unlists an item through the action routes; the item view and the listed filter show it', async () => {
      const created = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '重点工作挂牌督办测试', fields: { category: 'key_task' } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const assigned = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/assign`, payload: { leadUnitId: 'env', deadline: '2099-12-31' } });
      expect(assigned.statusCode, assigned.body).toBe(200);
      const listed = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/list-flag`, payload: { level: 'city', reason: '市委常委会确定的重点工作' } });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().listing).toMatchObject({ level: 'city', reason: '市委常委会确定的重点工作' });
      const filtered = await fx.call(sup, { method: 'GET', url: '/api/v1/items?listed=city' });
      expect(filtered.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
      const early = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/unlist-flag`, payload: {} });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('invalid_transition');
    });
  });
}
