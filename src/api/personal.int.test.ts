import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`personal information over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'leader', 'water']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('stays masked on the item page, is revealed with a reason to whoever handles the case, and can be erased', async () => {
      const fields = EXAMPLE_FIELDS.dispute!.draft;
      const created = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'dispute', title: '邻里纠纷', fields } });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const page = await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` });
      expect(page.body).not.toContain('13800000000');
      expect(page.json().item.fields.parties).toEqual({ $personal: 'masked' });

      const noReason = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/items/${id}/personal`, payload: { reason: '' } });
      expect(noReason.statusCode).toBe(400);
      const leader = await fx.call(c.leader!, { method: 'POST', url: `/api/v1/items/${id}/personal`, payload: { reason: '了解情况' } });
      expect(leader.statusCode).toBe(403);
      const foreign = await fx.call(c.water!, { method: 'POST', url: `/api/v1/items/${id}/personal`, payload: { reason: '了解情况' } });
      expect(foreign.statusCode).toBe(404);

      const revealed = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/items/${id}/personal`, payload: { reason: '调解需要联系当事人' } });
      expect(revealed.statusCode, revealed.body).toBe(200);
      expect(revealed.json()).toEqual({ parties: fields.parties });
      const timeline = (await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` })).json().timeline as { type: string }[];
      expect(timeline.map((e) => e.type)).toContain('PersonalDataRead');

      const erased = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/items/${id}/personal/erase`, payload: { reason: '当事人申请删除' } });
      expect(erased.json()).toEqual({ erased: true });
      const after = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/items/${id}/personal`, payload: { reason: '核对' } });
      expect(after.json()).toEqual({ parties: { $personal: 'erased' } });
    });
  });
}
