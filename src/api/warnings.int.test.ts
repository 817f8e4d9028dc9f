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
  });
}
