import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../domain/time.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** Fifteen daily counts 2026-02-15 … 03-01 (the fixture's clock is 2026-03-02 09:00 in Shanghai), `last` on the fifteenth. */
const steady = (last: number | null) => [5, 6, 5, 7, 6, 5, 6, 5, 6, 7, 5, 6, 5, 6, last];
const rows = (region: string, indicator: string, counts: readonly (number | null)[]) => counts.map((count, i) => ({ region, indicator, period: addDays('2026-02-15', i), count }));
const FEVER = { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' };

/** 西城区 in GB18030, as Excel in a Chinese locale saves it. */
const XICHENG_GB18030 = Buffer.from('cef7b3c7c7f8', 'hex');
const gbCsv = (lines: readonly (readonly (string | number)[])[]) =>
  Buffer.concat([Buffer.from('region,indicator,period,count\n'), ...lines.map((l) => Buffer.concat([XICHENG_GB18030, Buffer.from(`,${l.join(',')}\n`)]))]);

const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json() as { code: string; status: number; details?: Record<string, unknown> };
};

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`monitoring signals over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
    });
    afterAll(() => fx?.close());

    it('configures an indicator and a responsible unit, imports JSON and CSV counts, detects, charts and counts the alarm', async () => {
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/indicators', payload: FEVER });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ key: 'fever', algorithm: 'earsC', frequency: 'day', windowPeriods: 1, ledgerType: 'signal' });
      expect(problem(await fx.call(sup, { method: 'POST', url: '/api/v1/signals/indicators', payload: FEVER })).code).toBe('already_exists');
      const replaced = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/indicators?replace=true', payload: { ...FEVER, name: '发热门诊就诊人次（日）' } });
      expect([replaced.statusCode, replaced.json().name]).toEqual([200, '发热门诊就诊人次（日）']);
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/signals/indicators' })).json().indicators.map((i: { key: string }) => i.key)).toEqual(['fever']);

      const resp = await fx.call(sup, { method: 'PUT', url: '/api/v1/signals/responsibles', payload: { region: '东城区', unit: 'east-street', indicator: 'fever' } });
      expect(resp.json()).toEqual({ regionUnitId: 'east', regionName: '东城区', indicator: 'fever', unitId: 'east-street', unitName: '东华街道' });
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/signals/responsibles' })).json().responsibles).toEqual([resp.json()]);

      const json = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts', payload: { rows: rows('east', 'fever', steady(30)) } });
      expect(json.statusCode, json.body).toBe(200);
      expect(json.json()).toMatchObject({ committed: true, valid: 15, inserted: 15, series: 1, errors: [] });
      const lines = steady(6).map((c, i) => ['fever', addDays('2026-02-15', i), c ?? '']);
      const csv = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts', headers: { 'content-type': 'text/csv' }, payload: gbCsv(lines) });
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.json()).toMatchObject({ committed: true, inserted: 15, series: 1 });
      const again = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts', headers: { 'content-type': 'text/csv; charset=gb18030' }, payload: gbCsv(lines) });
      expect(again.json()).toMatchObject({ committed: true, inserted: 0, unchanged: 15 });

      const detect = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/detect', payload: {} });
      expect(detect.statusCode, detect.body).toBe(200);
      const report = detect.json();
      expect(report.totals).toMatchObject({ alarm_opened: 1, no_alarm: 1 });
      const alarm = report.series.find((s: { region: string }) => s.region === 'east');
      expect(alarm).toMatchObject({ status: 'alarm_opened', period: '2026-03-01', observed: 30, item: { unitId: 'east-street' } });
      const bare = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/detect' });
      expect(bare.statusCode, bare.body).toBe(200);
      expect(bare.json().totals).toMatchObject({ alarm_opened: 0, alarm_open: 1 });

      const chart = await fx.call(sup, { method: 'GET', url: '/api/v1/signals/series?region=%E4%B8%9C%E5%9F%8E%E5%8C%BA&indicator=fever&periods=10' });
      expect(chart.statusCode, chart.body).toBe(200);
      const c = chart.json();
      expect(c.points).toHaveLength(10);
      expect(c.points.at(-1)).toMatchObject({ period: '2026-03-01', count: 30, alarm: true });
      expect(c.points.at(-1).threshold).toBeGreaterThan(6);
      expect(c.detections).toEqual([
        expect.objectContaining({ period: '2026-03-01', outcome: 'alarm', item: expect.objectContaining({ id: alarm.item.id, status: 'assigned', leadUnitId: 'east-street' }) }),
      ]);

      const stats = (await fx.call(sup, { method: 'GET', url: '/api/v1/signals/stats?from=2026-03-01&to=2026-03-31' })).json();
      expect(stats.totals).toMatchObject({ alarms: 1, itemIds: [alarm.item.id] });
      expect(stats.byUnit).toEqual([expect.objectContaining({ unitId: 'east-street', alarms: 1 })]);
      expect(stats.byUnitWeek).toEqual([expect.objectContaining({ unitId: 'east-street', week: '2026-W10' })]);
    });

    it('reports row errors with their lines and writes nothing, unless asked to write the valid rows', async () => {
      await fx.call(sup, { method: 'POST', url: '/api/v1/signals/indicators', payload: { ...FEVER, key: 'pharmacy', name: '退热药销售量' } });
      const bad = [
        { region: 'west', indicator: 'pharmacy', period: '2026-02-27', count: 4 },
        { region: 'west', indicator: 'pharmacy', period: '2026-02-28', count: -3 },
        { region: '北城区', indicator: 'pharmacy', period: '2026-02-28', count: 3 },
        { region: 'west', indicator: 'flu', period: '2026-02-28', count: 3 },
        { region: 'west', indicator: 'pharmacy', period: '2026-03-09', count: 3 },
      ];
      const refused = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts', payload: { rows: bad } });
      expect(refused.statusCode).toBe(400);
      const p = problem(refused);
      expect(p.code).toBe('invalid_input');
      expect(p.details).toMatchObject({ committed: false, valid: 1, invalid: 4, errorCount: 4 });
      expect((p.details!.errors as { line: number; code: string }[]).map((e) => [e.line, e.code])).toEqual([
        [2, 'invalid_count'],
        [3, 'unknown_unit'],
        [4, 'unknown_indicator'],
        [5, 'future_period'],
      ]);
      const none = await fx.call(sup, { method: 'GET', url: '/api/v1/signals/series?region=west&indicator=pharmacy' });
      expect(problem(none).code).toBe('series_not_found');

      const partial = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts', payload: { rows: bad, skipInvalid: true } });
      expect(partial.json()).toMatchObject({ committed: true, inserted: 1, invalid: 4 });
      const csv = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/signals/counts?skipInvalid=false',
        headers: { 'content-type': 'text/csv; charset=utf-8' },
        payload: 'region,indicator,period,count\nwest,pharmacy,2026-02-26,2\nwest,pharmacy,2026-02-2x,1\n',
      });
      expect(problem(csv).details).toMatchObject({ errors: [expect.objectContaining({ line: 3, code: 'invalid_period' })] });
    });

    it('refuses handlers, foreign units, admins and tokens beyond their scope or unit', async () => {
      const env = await fx.login('env');
      for (const [method, url, payload] of [
        ['POST', '/api/v1/signals/indicators', { ...FEVER, key: 'x' }],
        ['PUT', '/api/v1/signals/responsibles', { region: 'east', unit: 'env' }],
        ['POST', '/api/v1/signals/counts', { rows: rows('city', 'fever', [1]) }],
        ['POST', '/api/v1/signals/detect', {}],
      ] as const) {
        const r = await fx.call(env, { method, url, payload });
        expect([r.statusCode, problem(r).code], `${method} ${url}`).toEqual([403, 'forbidden']);
      }
      const foreign = await fx.login('west-street');
      expect([(await fx.call(foreign, { method: 'GET', url: '/api/v1/signals/series?region=east&indicator=fever' })).statusCode]).toEqual([404]);
      expect((await fx.call(foreign, { method: 'GET', url: '/api/v1/signals/stats' })).json().byUnit).toEqual([]);
      const admin = await fx.login('sysadmin');
      expect(problem(await fx.call(admin, { method: 'GET', url: '/api/v1/signals/indicators' })).code).toBe('business_data_forbidden');

      const token = async (unitId: string, scopes: string[]) => {
        const r = await fx.call(sup, { method: 'POST', url: '/api/v1/tokens', payload: { name: `signals ${unitId}`, unitId, scopes } });
        expect(r.statusCode, r.body).toBe(201);
        return { username: 'token', headers: { authorization: `Bearer ${r.json().token as string}` } };
      };
      const office = await token('office', ['signals:read', 'signals:ingest']);
      expect(problem(await fx.call(office, { method: 'GET', url: '/api/v1/signals/series?region=east&indicator=fever' })).code).toBe('series_not_found');
      const outside = await fx.call(office, { method: 'POST', url: '/api/v1/signals/counts', payload: { rows: rows('east', 'fever', [1]) } });
      expect([outside.statusCode, problem(outside).code, problem(outside).details?.lines]).toEqual([403, 'token_scope_forbidden', [1]]);
      expect(problem(await fx.call(office, { method: 'POST', url: '/api/v1/signals/detect', payload: {} })).code).toBe('token_scope_forbidden');
      expect(problem(await fx.call(office, { method: 'POST', url: '/api/v1/signals/indicators', payload: { ...FEVER, key: 'y' } })).code).toBe('token_scope_forbidden');
      const stats = (await fx.call(office, { method: 'GET', url: '/api/v1/signals/stats' })).json();
      expect([stats.totals, stats.byUnit]).toEqual([null, []]);
      const city = await token('city', ['signals:read']);
      expect((await fx.call(city, { method: 'GET', url: '/api/v1/signals/series?region=east&indicator=fever' })).statusCode).toBe(200);
      expect((await fx.call(city, { method: 'GET', url: '/api/v1/signals/stats' })).json().totals.alarms).toBe(1);
    });

    it('answers bad input with 4xx problem+json', async () => {
      const cases: [string, string, unknown, Record<string, string>?][] = [
        ['POST', '/api/v1/signals/indicators', { ...FEVER, algorithm: 'magic' }],
        ['POST', '/api/v1/signals/indicators', { ...FEVER, key: 'bad key!' }],
        ['POST', '/api/v1/signals/indicators', { ...FEVER, key: 'c', control: { method: 'C9' } }],
        ['POST', '/api/v1/signals/indicators', { ...FEVER, key: 'k', algorithm: 'cusum' }],
        ['PUT', '/api/v1/signals/responsibles', { region: 'nowhere', unit: 'east' }],
        ['POST', '/api/v1/signals/counts', { rows: [] }],
        ['POST', '/api/v1/signals/counts', '{"rows":'],
        ['POST', '/api/v1/signals/counts', 'region,indicator\n', { 'content-type': 'text/plain' }],
        ['POST', '/api/v1/signals/counts', 'region,indicator,period,count\n', { 'content-type': 'text/csv; charset=latin1' }],
        ['POST', '/api/v1/signals/detect', { date: '2026-02-30' }],
        ['POST', '/api/v1/signals/detect', { date: '2027-01-01' }],
        ['POST', '/api/v1/signals/detect', { indicators: ['nope'] }],
        ['GET', '/api/v1/signals/series?region=east', undefined],
        ['GET', '/api/v1/signals/series?region=east&indicator=fever&periods=0', undefined],
        ['GET', '/api/v1/signals/series?region=east&indicator=nope', undefined],
        ['GET', '/api/v1/signals/stats?from=2026-03-09&to=2026-03-01', undefined],
        ['GET', '/api/v1/signals/stats?windowHours=-1', undefined],
      ];
      for (const [method, url, payload, headers] of cases) {
        const r = await fx.call(sup, { method: method as 'GET', url, payload: payload as string, headers });
        expect(r.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
        problem(r);
      }
    });

    it('documents every signal route in the OpenAPI document', async () => {
      const doc = (await fx.call(null, { method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const signalPaths = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/v1/signals/'))
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(signalPaths.sort()).toEqual([
        'GET /api/v1/signals/indicators',
        'GET /api/v1/signals/responsibles',
        'GET /api/v1/signals/series',
        'GET /api/v1/signals/stats',
        'POST /api/v1/signals/counts',
        'POST /api/v1/signals/counts/file',
        'POST /api/v1/signals/detect',
        'POST /api/v1/signals/indicators',
        'PUT /api/v1/signals/indicators/{key}/enabled',
        'PUT /api/v1/signals/responsibles',
      ]);
    });

    it('never answers malformed bodies, content types or queries with a 5xx', async () => {
      const nasty = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '\u0000', '\ud800', '👨‍👩‍👧', "'; drop table signal_counts; --", '9'.repeat(400)));
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc
          .record({
            rows: fc.array(fc.record({ region: nasty, indicator: nasty, period: nasty, count: fc.oneof(nasty, fc.integer(), fc.double(), fc.constant(null)) }), { maxLength: 3 }),
          })
          .map((v) => JSON.stringify(v)),
        nasty,
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/api/v1/signals/counts', '/api/v1/signals/indicators', '/api/v1/signals/detect', '/api/v1/signals/responsibles'),
          body,
          fc.constantFrom('application/json', 'text/csv', 'text/csv; charset=gbk', 'text/plain', ''),
          async (url, payload, type) => {
            const method = url.endsWith('responsibles') ? 'PUT' : 'POST';
            const headers = type ? { 'content-type': type } : undefined;
            const r = await fx.call(sup, { method, url, payload, headers });
            expect(r.statusCode, `${url} ${type} ${payload.slice(0, 200)} → ${r.body.slice(0, 300)}`).toBeLessThan(500);
          },
        ),
        { numRuns: 60 },
      );
      const q = await fx.call(sup, { method: 'GET', url: '/api/v1/signals/series?region=%00&indicator=%F0%9F%91%A8&periods=abc' });
      expect(q.statusCode).toBe(400);
    });
  });
}
