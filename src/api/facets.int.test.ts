import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

interface Row {
  status: string;
  leadUnitId: string | null;
  ledgerType: string;
  light: { light: string };
}
interface Facets {
  total: number;
  state?: Record<string, number>;
  light?: Record<string, number>;
  ledger?: Record<string, number>;
  unit?: { counts: Record<string, number>; noLeadUnit: number };
}

/** The counts a client would get by paging through the whole list: what the facets must equal. */
function countRows(rows: readonly Row[]): Required<Facets> {
  const state: Record<string, number> = { draft: 0, assigned: 0, in_progress: 0, closing: 0, closed: 0, cancelled: 0 };
  const light: Record<string, number> = { red: 0, yellow: 0, green: 0, none: 0 };
  const ledger: Record<string, number> = {};
  const units: Record<string, number> = {};
  let noLeadUnit = 0;
  for (const r of rows) {
    state[r.status] = (state[r.status] ?? 0) + 1;
    light[r.light.light] = (light[r.light.light] ?? 0) + 1;
    ledger[r.ledgerType] = (ledger[r.ledgerType] ?? 0) + 1;
    if (r.leadUnitId === null) noLeadUnit += 1;
    else units[r.leadUnitId] = (units[r.leadUnitId] ?? 0) + 1;
  }
  return { total: rows.length, state, light, ledger, unit: { counts: units, noLeadUnit } };
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`item facets (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};

    async function list(who: Caller, query: string): Promise<Row[]> {
      const out: Row[] = [];
      let cursor: string | null = null;
      do {
        const r = await fx.call(who, { method: 'GET', url: `/api/v1/items?limit=200&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
        expect(r.statusCode, r.body).toBe(200);
        const page = r.json() as { items: Row[]; nextCursor: string | null };
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return out;
    }
    async function facets(who: Caller, query: string): Promise<Facets> {
      const r = await fx.call(who, { method: 'GET', url: `/api/v1/items/facets?${query}` });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Facets;
    }

    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'env', 'water', 'east-sup']) c[u] = await fx.login(u);
      // Items in several states, lead units and deadlines, one of them overdue (red) once the clock moves on.
      const plan: [string, string | null, string][] = [
        ['env', 'accept', '2026-03-03'],
        ['env', null, '2026-06-30'],
        ['water', 'accept', '2026-04-30'],
        ['water', null, '2026-12-31'],
        ['east-street', null, '2026-05-15'],
      ];
      for (const [unit, then, deadline] of plan) {
        const created = await fx.call(c.sup!, {
          method: 'POST',
          url: '/api/v1/items',
          payload: { ledgerType: 'directive', title: `计数 ${unit}`, fields: EXAMPLE_FIELDS.directive!.draft },
        });
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().id as string;
        const assigned = await fx.call(c.sup!, {
          method: 'POST',
          url: `/api/v1/items/${id}/assign`,
          payload: { leadUnitId: unit, deadline },
          headers: { 'if-match': created.headers.etag as string },
        });
        expect(assigned.statusCode, assigned.body).toBe(200);
        if (then === 'accept') {
          const who = unit === 'env' ? c.env! : c.water!;
          const r = await fx.call(who, { method: 'POST', url: `/api/v1/items/${id}/accept`, payload: {}, headers: { 'if-match': assigned.headers.etag as string } });
          expect(r.statusCode, r.body).toBe(200);
        }
      }
      // Two drafts without a lead unit.
      for (const n of [1, 2]) {
        const r = await fx.call(c.sup!, {
          method: 'POST',
          url: '/api/v1/items',
          payload: { ledgerType: 'directive', title: `草稿 ${n}`, fields: EXAMPLE_FIELDS.directive!.draft },
        });
        expect(r.statusCode).toBe(201);
      }
      fx.advance(10 * 86_400_000);
      // Sessions do not last ten days: log in again at the new time.
      for (const u of ['sup', 'env', 'water', 'east-sup']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it.each([
      ['no filter', ''],
      ['state', 'state=assigned,in_progress'],
      ['state + lead unit + deadline range', 'state=in_progress,assigned&unit=env,water&deadlineFrom=2026-03-01&deadlineTo=2026-06-30'],
      ['light', 'light=red,green'],
      ['light none', 'light=none'],
      ['text', 'q=计数'],
    ])('answers, for %s, exactly what paging through the list counts', async (_name, query) => {
      const rows = await list(c.sup!, query);
      expect(await facets(c.sup!, query)).toEqual(countRows(rows));
    });

    it('counts for a unit’s user only what their list shows', async () => {
      for (const who of ['env', 'east-sup']) {
        const rows = await list(c[who]!, '');
        const counted = await facets(c[who]!, '');
        expect(counted).toEqual(countRows(rows));
        const all = await facets(c.sup!, '');
        expect(counted.total).toBeLessThan(all.total);
      }
      expect((await facets(c.env!, '')).unit).toEqual({ counts: { env: 2 }, noLeadUnit: 0 });
    });

    it('the overdue item is red and the counts see it', async () => {
      const f = await facets(c.sup!, 'by=light');
      expect(f.light!.red).toBeGreaterThanOrEqual(1);
      expect(f.light!.none).toBe(2);
      expect(f).not.toHaveProperty('state');
    });

    it('gives only the facets asked for, with the total', async () => {
      const f = await facets(c.sup!, 'by=state,unit');
      expect(Object.keys(f).sort()).toEqual(['state', 'total', 'unit']);
      expect(f.total).toBe(7);
      expect(f.state).toMatchObject({ draft: 2, assigned: 3, in_progress: 2 });
    });

    it('refuses a bad facet or date with a clear error and no counts', async () => {
      for (const q of ['by=colour', 'deadlineFrom=2026-13-40', 'sort=deadline_asc']) {
        const r = await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/facets?${q}` });
        expect(r.statusCode, q).toBe(400);
        expect(r.json()).not.toHaveProperty('total');
      }
    });
  });
}
