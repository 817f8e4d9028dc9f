import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PLAN = {
  title: '东华街道节前安全检查',
  unitId: 'east-street',
  cadence: 'weekly',
  checklist: [
    { key: 'fire_exit', label: '消防通道', category: 'fire' },
    { key: 'gas_pipe', label: '燃气管道', category: 'equipment' },
  ],
  placesText: '东华菜市场\n东华小学\n',
};

function multipart(fileName: string, bytes: Buffer) {
  const head = Buffer.from(`--B\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`);
  return { headers: { 'content-type': 'multipart/form-data; boundary=B' }, payload: Buffer.concat([head, bytes, Buffer.from('\r\n--B--\r\n')]) };
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`inspection rounds over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['east-sup', 'east-street', 'west-street']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('takes a plan from a pasted list, shows its rounds to the unit, records one with a photo and a hazard', async () => {
      const bad = await fx.call(c['east-sup']!, { method: 'POST', url: '/api/v1/inspection/plans', payload: { ...PLAN, cadence: 'yearly' } });
      expect(bad.statusCode).toBe(400);
      const added = await fx.call(c['east-sup']!, { method: 'POST', url: '/api/v1/inspection/plans', payload: PLAN });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json().places).toEqual([{ name: '东华菜市场' }, { name: '东华小学' }]);

      const desk = await fx.call(c['east-street']!, { method: 'GET', url: '/api/v1/inspection/rounds?status=open' });
      expect(desk.statusCode, desk.body).toBe(200);
      const rounds = desk.json() as { id: string; place: { name: string }; dueOn: string }[];
      expect(rounds.map((r) => [r.place.name, r.dueOn])).toEqual([
        ['东华菜市场', '2026-03-06'],
        ['东华小学', '2026-03-06'],
      ]);
      expect((await fx.call(c['west-street']!, { method: 'GET', url: '/api/v1/inspection/rounds' })).json()).toEqual([]);

      const id = rounds[0]!.id;
      const photo = await fx.call(c['east-street']!, { method: 'POST', url: `/api/v1/inspection/rounds/${id}/photos`, ...multipart('通道.png', PHOTO) });
      expect(photo.statusCode, photo.body).toBe(201);
      const photoId = photo.json().id as string;
      const download = await fx.call(c['east-sup']!, { method: 'GET', url: `/api/v1/inspection/rounds/${id}/photos/${photoId}` });
      expect([download.statusCode, download.headers['content-type']]).toEqual([200, 'image/png']);
      expect((await fx.call(c['west-street']!, { method: 'GET', url: `/api/v1/inspection/rounds/${id}/photos/${photoId}` })).statusCode).toBe(404);

      const results = {
        lines: [
          { key: 'fire_exit', result: 'fail', note: '消防通道堆放杂物', photos: [photoId] },
          { key: 'gas_pipe', result: 'pass' },
        ],
      };
      const recorded = await fx.call(c['east-street']!, { method: 'POST', url: `/api/v1/inspection/rounds/${id}/record`, payload: results });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const hazards = recorded.json().hazards as { id: string; title: string }[];
      expect(hazards.map((h) => h.title)).toEqual(['东华菜市场：消防通道']);
      const item = await fx.call(c['east-sup']!, { method: 'GET', url: `/api/v1/items/${hazards[0]!.id}` });
      expect(item.statusCode).toBe(200);
      const again = await fx.call(c['east-street']!, { method: 'POST', url: `/api/v1/inspection/rounds/${id}/record`, payload: results });
      expect([again.statusCode, again.json().code]).toEqual([409, 'inspection_round_recorded']);

      const shown = (await fx.call(c['east-sup']!, { method: 'GET', url: `/api/v1/inspection/rounds/${id}` })).json();
      expect(shown).toMatchObject({
        round: { status: 'recorded', hazardItemIds: [hazards[0]!.id] },
        lines: [
          { key: 'fire_exit', result: 'fail', photos: [photoId] },
          { key: 'gas_pipe', result: 'pass' },
        ],
      });
      const coverage = (await fx.call(c['east-sup']!, { method: 'GET', url: '/api/v1/inspection/coverage?from=2026-03-01&to=2026-03-31' })).json();
      expect(coverage.total).toMatchObject({ recorded: 1, onTime: 1, hazards: 1 });
    });
  });
}
