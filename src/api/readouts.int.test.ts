import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const SEED = readFileSync(new URL('../../test/fixtures/corpus/readouts/seed-urumqi-2020-09-12.txt', import.meta.url), 'utf8');

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`readout import over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(() => fx?.close());

    it('turns a pasted readout into a draft, applies edits all or none, and confirms it into assigned items with provenance', async () => {
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/readouts', payload: { text: SEED, fileName: 'seed.txt' } });
      expect(created.statusCode, created.body).toBe(201);
      const draft = created.json();
      expect(draft.data.directives.length).toBeGreaterThan(5);
      const task = draft.data.directives.find((x: { kind: string }) => x.kind === 'task');
      const id = draft.id as string;

      const shown = await fx.call(sup, { method: 'GET', url: `/api/v1/readouts/${id}` });
      expect(shown.json().text.slice(task.start, task.end)).toBe(task.text);
      expect((await fx.call(env, { method: 'GET', url: `/api/v1/readouts/${id}` })).statusCode).toBe(404);

      const bad = await fx.call(sup, {
        method: 'POST',
        url: `/api/v1/readouts/${id}/edits`,
        payload: {
          edits: [
            { op: 'set', i: task.i, title: '改过的标题' },
            { op: 'set', i: task.i, leadUnitId: 'nowhere' },
          ],
        },
      });
      expect(bad.statusCode).toBe(400);
      expect((await fx.call(sup, { method: 'GET', url: `/api/v1/readouts/${id}` })).json().version).toBe(1);

      const keepOnly = draft.data.directives.filter((x: { i: number; keep: boolean }) => x.keep && x.i !== task.i).map((x: { i: number }) => ({ op: 'keep', i: x.i, keep: false }));
      const edits = [...keepOnly, { op: 'keep', i: task.i, keep: true }, { op: 'set', i: task.i, title: '改过的标题', leadUnitId: 'env', deadline: '2026-06-30', cadence: null }];
      const edited = await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${id}/edits`, payload: { edits, version: 1 } });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().version).toBe(2);
      const stale = await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${id}/edits`, payload: { edits: [{ op: 'keep', i: task.i, keep: true }], version: 1 } });
      expect(stale.statusCode).toBe(409);

      const confirmed = await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${id}/confirm`, payload: { assign: true } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const items = confirmed.json().items as { itemId: string; assigned: boolean }[];
      expect(items).toHaveLength(1);
      expect(items[0]!.assigned).toBe(true);

      const item = await fx.call(env, { method: 'GET', url: `/api/v1/items/${items[0]!.itemId}` });
      expect(item.statusCode).toBe(200);
      expect(item.json().item.title).toBe('改过的标题');
      expect(item.json().item.status).toBe('assigned');
      expect(item.json().provenance.text).toBe(task.text);
      expect(item.json().actions).toContain('accept');
    });

    it("lists the caller's own drafts with their counts, discards an open one, and tells defaulted deadlines before and after confirming", async () => {
      const east = await fx.login('east-sup');
      const mine = (await fx.call(sup, { method: 'POST', url: '/api/v1/readouts', payload: { text: SEED, fileName: '第一次.txt' } })).json();
      const other = (await fx.call(east, { method: 'POST', url: '/api/v1/readouts', payload: { text: SEED, fileName: '区里的.txt' } })).json();
      const listed = await fx.call(sup, { method: 'GET', url: '/api/v1/readouts' });
      expect(listed.statusCode, listed.body).toBe(200);
      const drafts = listed.json().drafts as { id: string; status: string; fileName: string; directives: number; kept: number; items: number; authorName: string }[];
      expect(drafts[0]).toMatchObject({ id: mine.id, status: 'open', fileName: '第一次.txt', directives: mine.data.directives.length, items: 0 });
      expect(drafts[0]!.kept).toBe(mine.data.directives.filter((x: { keep: boolean }) => x.keep).length);
      expect(drafts[0]!.authorName).toBeTruthy();
      // Another supervisor's draft is neither listed nor discardable.
      expect(drafts.map((x) => x.id)).not.toContain(other.id);
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${other.id}/discard`, payload: {} })).statusCode).toBe(404);
      expect((await fx.call(env, { method: 'GET', url: '/api/v1/readouts' })).statusCode).toBe(403);

      // A kept directive without deadline or cadence gets the type's default, shown beforehand and given on 交办.
      const task = mine.data.directives.find((x: { kind: string }) => x.kind === 'task');
      const term = mine.defaults[task.ledgerType] as { deadline: string; limit: { amount: number; unit: string } };
      expect(term.limit).toEqual({ amount: 30, unit: 'calendar_days' });
      expect(term.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const only = mine.data.directives.filter((x: { i: number; keep: boolean }) => x.keep && x.i !== task.i).map((x: { i: number }) => ({ op: 'keep', i: x.i, keep: false }));
      const edits = [...only, { op: 'keep', i: task.i, keep: true }, { op: 'set', i: task.i, leadUnitId: 'env', coUnitIds: ['water'], deadline: null, cadence: null }];
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${mine.id}/edits`, payload: { edits } })).statusCode).toBe(200);
      const confirmed = (await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${mine.id}/confirm`, payload: { assign: true } })).json();
      expect(confirmed.items).toEqual([expect.objectContaining({ title: task.title, assigned: true, leadUnitId: 'env', coUnitIds: ['water'], deadline: term.deadline })]);
      const after = (await fx.call(sup, { method: 'GET', url: '/api/v1/readouts' })).json().drafts as { id: string; status: string; items: number }[];
      expect(after.find((x) => x.id === mine.id)).toMatchObject({ status: 'confirmed', items: 1 });
      // A confirmed draft cannot be discarded; an open one can, once, and is then read-only.
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${mine.id}/discard`, payload: {} })).statusCode).toBe(400);
      const second = (await fx.call(sup, { method: 'POST', url: '/api/v1/readouts', payload: { text: SEED } })).json();
      const discarded = await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${second.id}/discard`, payload: { version: 1 } });
      expect(discarded.statusCode, discarded.body).toBe(200);
      expect(discarded.json()).toMatchObject({ id: second.id, status: 'discarded' });
      expect((await fx.call(sup, { method: 'GET', url: `/api/v1/readouts/${second.id}` })).json().status).toBe('discarded');
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${second.id}/confirm`, payload: { assign: false } })).statusCode).toBe(400);
    });

    it('refuses readout import to a handler', async () => {
      const res = await fx.call(env, { method: 'POST', url: '/api/v1/readouts', payload: { text: SEED } });
      expect(res.statusCode).toBe(403);
    });
  });
}
