import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`warnings of an action over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
    });
    afterAll(() => fx?.close());

    it('assigns to a unit with no active handler and says so in the caller’s language; none for a unit with one', async () => {
      const create = async () =>
        (await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '警示测试', fields: { category: 'other' } } })).json().id as string;
      const first = await create();
      const r = await fx.call(sup, {
        method: 'POST',
        url: `/api/v1/items/${first}/assign`,
        payload: { leadUnitId: 'east', deadline: '2026-06-30' },
        headers: { 'accept-language': 'en' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        status: 'assigned',
        leadUnitId: 'east',
        warnings: [{ code: 'no_active_handler', unitId: 'east', message: expect.stringContaining('no active handler') }],
      });
      const second = await create();
      const zh = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${second}/assign`, payload: { leadUnitId: 'env', deadline: '2026-06-30' } });
      expect(zh.statusCode).toBe(200);
      expect(zh.json().warnings).toBeUndefined();
    });

    it('creates and assigns in one request (立项并交办), warning alike, and creates nothing when the assignment is refused', async () => {
      const count = async () => ((await fx.call(sup, { method: 'GET', url: '/api/v1/items?limit=200' })).json().items as unknown[]).length;
      const before = await count();
      const r = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '一步交办', fields: { category: 'other' }, assign: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-06-30' } },
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ status: 'assigned', leadUnitId: 'env', coUnitIds: ['water'], currentDeadline: '2026-06-30', version: 2 });
      expect(r.json().warnings).toBeUndefined();
      expect(r.headers.etag).toBe('"2"');

      const east = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '无人承办', fields: { category: 'other' }, assign: { leadUnitId: 'east', workingDays: 10 } },
        headers: { 'accept-language': 'en' },
      });
      expect(east.statusCode, east.body).toBe(201);
      expect(east.json()).toMatchObject({ status: 'assigned', leadUnitId: 'east', warnings: [{ code: 'no_active_handler', unitId: 'east' }] });
      expect(east.json().currentDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const refused = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '时限已过', fields: { category: 'other' }, assign: { leadUnitId: 'env', deadline: '2020-01-01' } },
      });
      expect([refused.statusCode, refused.json().code]).toEqual([400, 'deadline_in_past']);
      const stray = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: 'x', fields: { category: 'other' }, assign: { leadUnitId: 'env', bogus: 1 } },
      });
      expect(stray.statusCode).toBe(400);
      expect(await count()).toBe(before + 2);
    });
  });
}
