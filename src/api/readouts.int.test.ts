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

      const bad = await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${id}/edits`, payload: { edits: [{ op: 'set', i: task.i, title: '改过的标题' }, { op: 'set', i: task.i, leadUnitId: 'nowhere' }] } });
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

    it('refuses readout import to a handler', async () => {
      const res = await fx.call(env, { method: 'POST', url: '/api/v1/readouts', payload: { text: SEED } });
      expect(res.statusCode).toBe(403);
    });
  });
}
