import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/*
 * The authorization matrix: every reader role against items of its own unit, a child, a parent and a foreign
 * unit, in draft and assigned states. "see" means the item shows in GET /items/:id, the list, search, stats,
 * exports and evidence downloads; otherwise none of them reveals it, not even as a count. Supervision follows
 * the area tree: the city's 督查室 sees every district's items, a district's 督查室 its own district only.
 */
type Item = 'cityAssigned' | 'cityDraft' | 'westAssigned' | 'eastAssigned';
const ITEMS = ['cityAssigned', 'cityDraft', 'westAssigned', 'eastAssigned'] as const;
const SEES: Record<string, readonly Item[]> = {
  sup: ['cityAssigned', 'cityDraft', 'westAssigned', 'eastAssigned'], // the city's 督查室 supervises its whole area
  leader: ['cityAssigned', 'cityDraft', 'westAssigned', 'eastAssigned'], // parent unit (city) leader sees the subtree
  env: ['cityAssigned'], // lead unit, not the draft
  water: ['cityAssigned'], // co-unit
  'east-sup': ['eastAssigned'], // a district's 督查室: its district, never the sibling's
  'east-street': ['eastAssigned'], // leads the east item; nothing of the sibling district
  'west-sup': ['westAssigned'], // owner of the west item
  'west-street': ['westAssigned'], // child unit leading the west item
};
const ADMINS = ['sysadmin', 'secadmin', 'auditor'];

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`authorization matrix (${d.name})`, () => {
    let fx: ApiFixture;
    const callers: Record<string, Caller> = {};
    const ids = {} as Record<Item, string>;
    const evidence = {} as Record<Item, string>;
    const title = (k: Item) => `矩阵测试${k}河长`;

    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of [...Object.keys(SEES), ...ADMINS]) callers[u] = await fx.login(u);
      const create = async (who: string, k: Item) => {
        const r = await fx.call(callers[who]!, {
          method: 'POST',
          url: '/api/v1/items',
          payload: { ledgerType: 'directive', title: title(k), fields: { category: 'meeting_decision' } },
        });
        expect(r.statusCode, r.body).toBe(201);
        ids[k] = r.json().id as string;
      };
      await create('sup', 'cityAssigned');
      await create('sup', 'cityDraft');
      await create('west-sup', 'westAssigned');
      await create('east-sup', 'eastAssigned');
      const upload = async (who: string, k: Item) => {
        const r = await fx.call(callers[who]!, {
          method: 'POST',
          url: `/api/v1/items/${ids[k]}/evidence`,
          headers: { 'content-type': 'multipart/form-data; boundary=B' },
          payload: `--B\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n${k} 佐证\r\n--B--\r\n`,
        });
        expect(r.statusCode, r.body).toBe(201);
        evidence[k] = r.json().id as string;
      };
      await upload('sup', 'cityDraft');
      await fx.call(callers.sup!, {
        method: 'POST',
        url: `/api/v1/items/${ids.cityAssigned}/assign`,
        payload: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-06-30' },
      });
      await fx.call(callers['west-sup']!, { method: 'POST', url: `/api/v1/items/${ids.westAssigned}/assign`, payload: { leadUnitId: 'west-street', deadline: '2026-06-30' } });
      await upload('env', 'cityAssigned');
      await upload('west-street', 'westAssigned');
      await fx.call(callers['east-sup']!, { method: 'POST', url: `/api/v1/items/${ids.eastAssigned}/assign`, payload: { leadUnitId: 'east-street', deadline: '2026-06-30' } });
      await upload('east-street', 'eastAssigned');
    });
    afterAll(() => fx?.close());

    for (const [user, sees] of Object.entries(SEES)) {
      for (const k of ITEMS) {
        const allowed = sees.includes(k);
        it(`${user} ${allowed ? 'sees' : 'never sees'} ${k} in item, list, search, stats, export and evidence`, async () => {
          const c = callers[user]!;
          const one = await fx.call(c, { method: 'GET', url: `/api/v1/items/${ids[k]}` });
          expect(one.statusCode).toBe(allowed ? 200 : 404);
          const search = await fx.call(c, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent(title(k))}` });
          expect(search.json().items.length).toBe(allowed ? 1 : 0);
          const list = await fx.call(c, { method: 'GET', url: '/api/v1/items?limit=200' });
          expect((list.json().items as { id: string }[]).some((i) => i.id === ids[k])).toBe(allowed);
          const stats = await fx.call(c, { method: 'GET', url: '/api/v1/stats' });
          expect(stats.json().itemCount).toBe(sees.length);
          const csv = await fx.call(c, { method: 'GET', url: '/api/v1/items/export?format=csv' });
          expect(csv.body.includes(title(k))).toBe(allowed);
          const file = await fx.call(c, { method: 'GET', url: `/api/v1/evidence/${evidence[k]}` });
          expect(file.statusCode).toBe(allowed ? 200 : 404);
        });
      }
    }

    it('counts in the stats lights exactly the open items each reader can list, never a foreign one, and each count links to those items', async () => {
      type Count = { count: number; items: string | null };
      type Lights = { total: Record<string, Count>; groups: { key: string | null; counts: Record<string, Count> }[] };
      for (const [user, sees] of Object.entries(SEES)) {
        const c = callers[user]!;
        const listed = (await fx.call(c, { method: 'GET', url: '/api/v1/items?limit=200' })).json().items as { id: string; light: { light: string } }[];
        const lights = (await fx.call(c, { method: 'GET', url: '/api/v1/stats' })).json().lights as Lights;
        const open = sees.filter((k) => k !== 'cityDraft');
        expect(
          Object.values(lights.total).reduce((n, x) => n + x.count, 0),
          user,
        ).toBe(open.length);
        for (const light of ['red', 'yellow', 'green']) {
          expect(lights.total[light]!.count, `${user} ${light}`).toBe(listed.filter((i) => i.light.light === light).length);
          for (const g of [{ key: undefined, counts: lights.total }, ...lights.groups]) {
            const link = g.counts[light]!.items!;
            const behind = (await fx.call(c, { method: 'GET', url: link })).json().items as { id: string; light: { light: string } }[];
            expect(behind.length, `${user} ${String(g.key)} ${light}`).toBe(g.counts[light]!.count);
            expect(behind.every((i) => i.light.light === light && open.some((k) => ids[k] === i.id))).toBe(true);
          }
        }
      }
      // The unit (or ledger type) grouping of a handler: only their own unit, whatever the foreign items' lights.
      const env = (await fx.call(callers.env!, { method: 'GET', url: '/api/v1/stats?groupBy=ledgerType' })).json().lights as Lights;
      expect(env.groups.map((g) => g.key)).toEqual(['directive']);
      expect(Object.values(env.groups[0]!.counts).reduce((n, x) => n + x.count, 0)).toBe(1);
      const byUnit = (await fx.call(callers['west-street']!, { method: 'GET', url: '/api/v1/stats' })).json().lights as Lights;
      expect(byUnit.groups.map((g) => g.key)).toEqual(['west-street']);
      const doc = (await fx.call(null, { method: 'GET', url: '/api/v1/openapi.json' })).json() as {
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      expect(Object.keys(doc.components.schemas.StatsLights?.properties ?? {})).toEqual(['total', 'groups']);
    });

    it('combines a light with 2-character free text in the list and the export, and reveals nothing foreign', async () => {
      type Row = { id: string; title: string; light: { light: string } };
      const all = (await fx.call(callers.leader!, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent('河长')}&limit=200` })).json().items as Row[];
      expect(all.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
      expect(new Set(all.map((i) => i.light.light)).size).toBeGreaterThan(1);
      for (const light of ['red', 'yellow', 'green', 'none']) {
        const want = all.filter((i) => i.light.light === light).map((i) => i.id);
        const url = `/api/v1/items?q=${encodeURIComponent('河长')}&light=${light}&limit=200`;
        const got = (await fx.call(callers.leader!, { method: 'GET', url })).json().items as Row[];
        expect(got.map((i) => i.id).sort(), light).toEqual(want.sort());
        const csv = await fx.call(callers.leader!, { method: 'GET', url: `/api/v1/items/export?format=csv&q=${encodeURIComponent('河长')}&light=${light}` });
        for (const i of all) expect(csv.body.includes(i.title), `${light} ${i.title}`).toBe(want.includes(i.id));
        const east = (await fx.call(callers['east-sup']!, { method: 'GET', url })).json().items as Row[];
        expect(east.map((i) => i.id)).toEqual(want.filter((id) => id === ids.eastAssigned));
        const west = (await fx.call(callers['west-sup']!, { method: 'GET', url })).json().items as Row[];
        expect(west.map((i) => i.id)).toEqual(want.filter((id) => id === ids.westAssigned));
      }
      const none = await fx.call(callers.leader!, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent('湖长')}&light=none` });
      expect(none.json().items).toEqual([]);
    });

    it('refuses business data to the three admin roles and the audit log to everyone but the auditor', async () => {
      for (const a of ADMINS) {
        const r = await fx.call(callers[a]!, { method: 'GET', url: `/api/v1/items/${ids.cityAssigned}` });
        expect([r.statusCode, r.json().code]).toEqual([403, 'business_data_forbidden']);
        expect((await fx.call(callers[a]!, { method: 'GET', url: '/api/v1/stats' })).statusCode).toBe(403);
      }
      for (const u of [...Object.keys(SEES), 'sysadmin', 'secadmin']) {
        expect((await fx.call(callers[u]!, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
        expect((await fx.call(callers[u]!, { method: 'GET', url: '/api/v1/audit/search?user=sup' })).statusCode).toBe(403);
      }
      const log = await fx.call(callers.auditor!, { method: 'GET', url: '/api/v1/audit?limit=1000' });
      expect(log.statusCode).toBe(200);
      expect((log.json().events as { type: string }[]).some((e) => e.type === 'ItemAssigned' || e.type === 'AssignItem' || e.type.includes('Assign'))).toBe(true);
      const verify = await fx.call(callers.auditor!, { method: 'GET', url: '/api/v1/audit/verify' });
      expect(verify.json().ok).toBe(true);
    });

    it('answers actions by role and state: 200 allowed, 403 forbidden, 404 foreign, 409 illegal, 412 stale', async () => {
      const accept = (u: string, headers: Record<string, string> = {}) =>
        fx.call(callers[u]!, { method: 'POST', url: `/api/v1/items/${ids.cityAssigned}/accept`, payload: {}, headers });
      expect((await accept('water')).statusCode).toBe(403);
      expect((await accept('west-street')).statusCode).toBe(404);
      expect((await accept('east-sup')).statusCode).toBe(404);
      expect((await accept('env', { 'if-match': '"1"' })).statusCode).toBe(412);
      expect((await accept('env')).statusCode).toBe(200);
      const again = await accept('env');
      expect([again.statusCode, again.json().code]).toEqual([409, 'invalid_transition']);
      const draftAccept = await fx.call(callers.sup!, { method: 'POST', url: `/api/v1/items/${ids.cityDraft}/accept`, payload: {} });
      // The state is checked first: accepting a draft is illegal for anyone.
      expect([draftAccept.statusCode, draftAccept.json().code]).toEqual([409, 'invalid_transition']);
      // A district's supervisor cannot reach the sibling district's item; the city's supervisor supervises both.
      const siblingUrge = await fx.call(callers['east-sup']!, { method: 'POST', url: `/api/v1/items/${ids.westAssigned}/urge`, payload: {} });
      expect(siblingUrge.statusCode).toBe(404);
      const leaderUrge = await fx.call(callers.leader!, { method: 'POST', url: `/api/v1/items/${ids.cityAssigned}/urge`, payload: {} });
      expect(leaderUrge.statusCode).toBe(403);
      const cancelForeign = await fx.call(callers['east-sup']!, { method: 'POST', url: `/api/v1/items/${ids.westAssigned}/cancel`, payload: { reason: '越权' } });
      expect(cancelForeign.statusCode).toBe(404);
      const cityUrge = await fx.call(callers.sup!, { method: 'POST', url: `/api/v1/items/${ids.westAssigned}/urge`, payload: {} });
      expect(cityUrge.statusCode, cityUrge.body).toBe(200);
      const districtOverCity = await fx.call(callers['west-sup']!, { method: 'POST', url: `/api/v1/items/${ids.cityAssigned}/urge`, payload: {} });
      expect(districtOverCity.statusCode).toBe(404);
    });

    it('narrows a token of the city supervisor bound to one district to that district, in the list, the item, search and stats', async () => {
      const created = await fx.call(callers.sup!, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'west only', unitId: 'west', scopes: ['items:read'] } });
      expect(created.statusCode, created.body).toBe(201);
      const bearer: Caller = { username: 'token', headers: { authorization: `Bearer ${created.json().token as string}` } };
      const list = (await fx.call(bearer, { method: 'GET', url: '/api/v1/items?limit=200' })).json().items as { id: string }[];
      expect(list.map((i) => i.id)).toEqual([ids.westAssigned]);
      expect((await fx.call(bearer, { method: 'GET', url: `/api/v1/items/${ids.eastAssigned}` })).statusCode).toBe(404);
      expect((await fx.call(bearer, { method: 'GET', url: `/api/v1/items/${ids.westAssigned}` })).statusCode).toBe(200);
      expect((await fx.call(bearer, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent(title('eastAssigned'))}` })).json().items).toEqual([]);
      // A district supervisor cannot mint a token for the sibling district.
      const sibling = await fx.call(callers['east-sup']!, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'west', unitId: 'west', scopes: ['items:read'] } });
      expect(sibling.statusCode).toBe(403);
    });

    it('lets every role read the ledger types and only the system admin read or change their settings', async () => {
      for (const u of [...Object.keys(SEES), ...ADMINS]) {
        expect((await fx.call(callers[u]!, { method: 'GET', url: '/api/v1/ledger-types' })).statusCode, u).toBe(200);
        const get = await fx.call(callers[u]!, { method: 'GET', url: '/api/v1/ledger-types/config' });
        expect(get.statusCode, u).toBe(u === 'sysadmin' ? 200 : 403);
        // An empty configuration at the version just read is valid: only the role decides here.
        const put = await fx.call(callers[u]!, { method: 'PUT', url: '/api/v1/ledger-types/config', headers: { 'if-match': '"0"' }, payload: {} });
        expect(put.statusCode, u).toBe(u === 'sysadmin' ? 200 : 403);
      }
    });
  });
}
