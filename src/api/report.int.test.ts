import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`上报 and the 待立项 queue over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let street: Caller;
    let eastSup: Caller;
    let westSup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      street = await fx.login('east-street');
      eastSup = await fx.login('east-sup');
      westSup = await fx.login('west-sup');
    });
    afterAll(() => fx?.close());

    it("a street reports its own dispute and a hazard; the hazard waits for its district's 立项, which assigns it", async () => {
      const own = await fx.call(street, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'dispute', title: '邻里噪音纠纷', fields: EXAMPLE_FIELDS.dispute!.draft } });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json()).toMatchObject({ status: 'in_progress', leadUnitId: 'east-street', reported: { unitId: 'east-street', pending: false, own: true } });

      const hazard = await fx.call(street, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'hazard', title: '消防通道堵塞', fields: EXAMPLE_FIELDS.hazard!.draft },
      });
      expect(hazard.statusCode, hazard.body).toBe(201);
      expect(hazard.json()).toMatchObject({ status: 'draft', reported: { pending: true } });
      const id = hazard.json().id as string;

      const queue = async (c: Caller) => ((await fx.call(c, { method: 'GET', url: '/api/v1/items?queue=intake' })).json().items as { id: string }[]).map((i) => i.id);
      expect(await queue(eastSup)).toEqual([id]);
      expect(await queue(westSup)).toEqual([]);
      expect((await fx.call(eastSup, { method: 'GET', url: '/api/v1/items?queue=nope' })).statusCode).toBe(400);

      const directive = await fx.call(street, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '自行立项', fields: { category: 'other' } },
        headers: { 'accept-language': 'en' },
      });
      expect([directive.statusCode, directive.json().code]).toEqual([403, 'forbidden']);
      expect(directive.json().detail).toContain('Only a supervisor may record');

      const registered = await fx.call(eastSup, { method: 'POST', url: `/api/v1/items/${id}/assign`, payload: { leadUnitId: 'east-street', deadline: '2026-06-30' } });
      expect(registered.statusCode, registered.body).toBe(200);
      expect(registered.json()).toMatchObject({ status: 'assigned', ownerUnitId: 'east-office', leadUnitId: 'east-street', reported: { pending: false } });
      expect(await queue(eastSup)).toEqual([]);
    });
  });
}
