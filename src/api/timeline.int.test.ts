import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { addUsers } from '../app/organisation.js';
import { apiFixture, PASSWORD, type ApiFixture, type Caller } from './testing/fixture.js';

interface Entry {
  type: string;
  actorUserId: string | null;
  actorName: string | null;
  actorUnitId: string | null;
  unitName: string | null;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`item timeline with names (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'env']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('names who acted and their unit on every entry, without reading users again on the next view', async () => {
      const created = await fx.call(c.sup!, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '时间线署名', fields: EXAMPLE_FIELDS.directive!.draft },
      });
      const id = created.json().id as string;
      const act = async (who: Caller, action: string, payload: object) => {
        const etag = (await fx.call(who, { method: 'GET', url: `/api/v1/items/${id}` })).headers.etag as string;
        const r = await fx.call(who, { method: 'POST', url: `/api/v1/items/${id}/${action}`, payload, headers: { 'if-match': etag } });
        expect(r.statusCode, r.body).toBe(200);
      };
      await act(c.sup!, 'assign', { leadUnitId: 'env', deadline: '2026-06-30' });
      await act(c.env!, 'accept', {});

      const page = await fx.call(c.env!, { method: 'GET', url: `/api/v1/items/${id}` });
      const timeline = page.json().timeline as Entry[];
      expect(timeline.map((e) => [e.type, e.actorUserId, e.actorName, e.actorUnitId, e.unitName])).toEqual([
        ['ItemCreated', 'u-sup', 'sup', 'office', '市委督查室'],
        ['ItemAssigned', 'u-sup', 'sup', 'office', '市委督查室'],
        ['ItemAccepted', 'u-env', 'env', 'env', '市生态环境局'],
      ]);

      const list = vi.spyOn(fx.ts.store.read.users, 'list');
      const get = vi.spyOn(fx.ts.store.read.users, 'get');
      try {
        const again = await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` });
        expect((again.json().timeline as Entry[]).map((e) => e.actorName)).toEqual(['sup', 'sup', 'env']);
        expect(list).not.toHaveBeenCalled();
        expect(get).not.toHaveBeenCalled();
      } finally {
        list.mockRestore();
        get.mockRestore();
      }
    });

    it('names a user added since the names were read (by the command line or another node)', async () => {
      const first = await fx.call(c.sup!, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '先读一次', fields: EXAMPLE_FIELDS.directive!.draft },
      });
      expect((await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${first.json().id as string}` })).json().timeline[0].actorName).toBe('sup');
      await addUsers(fx.deps.app, fx.tenantId, [{ id: 'u-late', username: 'late', displayName: '后来的督办员', unitId: 'office', roles: ['supervisor'], password: PASSWORD }]);
      const late = await fx.login('late');
      const created = await fx.call(late, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '新人立项', fields: EXAMPLE_FIELDS.directive!.draft },
      });
      const page = await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${created.json().id as string}` });
      expect((page.json().timeline as Entry[]).map((e) => [e.actorName, e.unitName])).toEqual([['后来的督办员', '市委督查室']]);
    });
  });
}
