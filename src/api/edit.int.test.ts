import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`修改 over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(() => fx?.close());

    it('edits a draft, lets the supervisor correct an item at work, and refuses the handler and a stale version', async () => {
      const created = (await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '河道整治', fields: { category: 'other' } } })).json();
      const id = created.id as string;
      const draft = await fx.call(sup, { method: 'PATCH', url: `/api/v1/items/${id}`, payload: { title: '河道综合整治' }, headers: { 'if-match': '"1"' } });
      expect(draft.statusCode, draft.body).toBe(200);
      await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/assign`, payload: { leadUnitId: 'env', deadline: '2026-06-30' } });

      const shown = await fx.call(sup, { method: 'GET', url: `/api/v1/items/${id}` });
      expect(shown.json().editable).toBe(true);
      expect((await fx.call(env, { method: 'GET', url: `/api/v1/items/${id}` })).json().editable).toBe(false);

      const corrected = await fx.call(sup, {
        method: 'PATCH',
        url: `/api/v1/items/${id}`,
        payload: { title: '城区河道综合整治', priority: 'high' },
        headers: { 'if-match': '"3"' },
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(corrected.json()).toMatchObject({ title: '城区河道综合整治', priority: 'high', status: 'assigned', version: 4 });
      const timeline = (await fx.call(sup, { method: 'GET', url: `/api/v1/items/${id}` })).json().timeline as { type: string }[];
      expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['DraftEdited', 'ItemEdited']));

      expect((await fx.call(env, { method: 'PATCH', url: `/api/v1/items/${id}`, payload: { title: '承办单位自改标题' } })).statusCode).toBe(403);
      expect((await fx.call(sup, { method: 'PATCH', url: `/api/v1/items/${id}`, payload: { title: '过期版本' }, headers: { 'if-match': '"3"' } })).statusCode).toBe(412);
      // What only a draft carries (its source) is not corrected at work.
      expect((await fx.call(sup, { method: 'PATCH', url: `/api/v1/items/${id}`, payload: { source: { kind: 'manual' } } })).statusCode).toBeGreaterThanOrEqual(400);
      expect((await fx.call(sup, { method: 'GET', url: `/api/v1/items/${id}` })).json().item).toMatchObject({ title: '城区河道综合整治', version: 4 });
    });
  });
}
