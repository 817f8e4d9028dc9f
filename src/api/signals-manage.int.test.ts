import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const FEVER = { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' };

/** A multipart upload of a count file (field "file"). */
const upload = (text: string, filename = 'counts.csv') => ({
  headers: { 'content-type': 'multipart/form-data; boundary=B' },
  payload: Buffer.concat([
    Buffer.from(`--B\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(text, 'utf8'),
    Buffer.from('\r\n--B--\r\n'),
  ]),
});

/** Two good rows of 东城区 and one of a region nobody knows; the fixture's today is 2026-03-02. */
const FILE = ['地区,指标,日期,计数', '东城区,fever,2026-02-27,5', '东城区,发热门诊就诊人次,2026-02-28,6', '北城区,fever,2026-02-28,4'].join('\n');

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`managing monitoring signals over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let handler: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      handler = await fx.login('east-street');
      expect((await fx.call(sup, { method: 'POST', url: '/api/v1/signals/indicators', payload: FEVER })).statusCode).toBe(201);
    });
    afterAll(() => fx?.close());

    it('previews an uploaded count file with its row report, refuses to commit it whole, and commits the valid rows', async () => {
      const dry = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts/file?dryRun=true', ...upload(FILE) });
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json()).toMatchObject({ committed: false, valid: 2, invalid: 1, inserted: 2, updated: 0 });
      expect(dry.json().errors).toEqual([expect.objectContaining({ line: 4, column: 'region', code: 'unknown_unit', messageZh: expect.stringContaining('北城区') })]);
      const whole = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts/file', ...upload(FILE) });
      expect([whole.statusCode, whole.json().code]).toEqual([400, 'invalid_input']);
      const valid = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts/file?skipInvalid=true', ...upload(FILE) });
      expect(valid.json()).toMatchObject({ committed: true, inserted: 2 });
      // The JSON route previews too: a dry run answers 200 with the report even when rows are refused.
      const rows = {
        rows: [
          { region: '东城区', indicator: 'fever', period: '2026-02-27', count: 7 },
          { region: '东城区', indicator: 'flu', period: '2026-02-27', count: 1 },
        ],
      };
      const jsonDry = await fx.call(sup, { method: 'POST', url: '/api/v1/signals/counts?dryRun=true', payload: rows });
      expect(jsonDry.statusCode, jsonDry.body).toBe(200);
      expect(jsonDry.json()).toMatchObject({ committed: false, updated: 1, invalid: 1 });
    });

    it('lets a supervisor switch an indicator off and on; a handler may not, nor upload counts', async () => {
      const refused = await fx.call(handler, { method: 'PUT', url: '/api/v1/signals/indicators/fever/enabled', payload: { enabled: false } });
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
      const up = await fx.call(handler, { method: 'POST', url: '/api/v1/signals/counts/file?dryRun=true', ...upload(FILE) });
      expect([up.statusCode, up.json().code]).toEqual([403, 'forbidden']);
      const off = await fx.call(sup, { method: 'PUT', url: '/api/v1/signals/indicators/fever/enabled', payload: { enabled: false } });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().disabledAt).toEqual(expect.any(String));
      const list = (await fx.call(sup, { method: 'GET', url: '/api/v1/signals/indicators' })).json();
      expect(list.indicators[0].disabledAt).toBe(off.json().disabledAt);
      const on = await fx.call(sup, { method: 'PUT', url: '/api/v1/signals/indicators/fever/enabled', payload: { enabled: true } });
      expect(on.json().disabledAt).toBeNull();
      const missing = await fx.call(sup, { method: 'PUT', url: '/api/v1/signals/indicators/flu/enabled', payload: { enabled: true } });
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'indicator_not_found']);
    });
  });
}
