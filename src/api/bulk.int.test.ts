import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`bulk actions over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
    });
    afterAll(() => fx?.close());

    it('assigns the selected items, one result per item, and refuses an oversized or malformed selection', async () => {
      const ids: string[] = [];
      for (const title of ['批量一', '批量二']) {
        ids.push((await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title, fields: { category: 'other' } } })).json().id as string);
      }
      const r = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items/bulk/assign',
        payload: { ids: [...ids, 'no-such-item'], data: { leadUnitId: 'env', deadline: '2026-06-30' } },
        headers: { 'accept-language': 'en' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().results).toEqual([
        { itemId: ids[0], ok: true, version: 2, status: 'assigned', warnings: [] },
        { itemId: ids[1], ok: true, version: 2, status: 'assigned', warnings: [] },
        { itemId: 'no-such-item', ok: false, code: 'item_not_found', message: expect.stringContaining('No item') },
      ]);
      const again = await fx.call(sup, { method: 'POST', url: '/api/v1/items/bulk/urge', payload: { ids, data: {} } });
      expect((again.json().results as { ok: boolean }[]).every((x) => x.ok)).toBe(true);
      const bad = await fx.call(sup, { method: 'POST', url: '/api/v1/items/bulk/cancel', payload: { ids: [], data: { reason: '—' } } });
      expect(bad.statusCode).toBe(400);
      const stray = await fx.call(sup, { method: 'POST', url: '/api/v1/items/bulk/assign', payload: { ids, data: { leadUnitId: 'env', bogus: 1 } } });
      expect(stray.statusCode).toBe(400);
    });
  });
}
