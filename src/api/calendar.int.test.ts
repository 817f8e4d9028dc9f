import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** A made-up 2027 arrangement for the test, not the official notice. */
const NOTICE = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], source: '测试通知' };

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`the working-day calendar over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'sysadmin']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('counts into a year without a notice provisionally, and not once the system admin has loaded it', async () => {
      const before = await fx.call(c.sup!, { method: 'GET', url: '/api/v1/calendar?from=2026-12-25&add=20' });
      expect(before.statusCode).toBe(200);
      expect(before.json()).toMatchObject({ deadline: '2027-01-25', provisional: true, loaded: [] });

      const refused = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/calendar/notices', payload: NOTICE });
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'role_required']);
      const bad = await fx.call(c.sysadmin!, { method: 'POST', url: '/api/v1/calendar/notices', payload: { ...NOTICE, holidays: ['2027-02-30'] } });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'validation_failed']);
      const loaded = await fx.call(c.sysadmin!, { method: 'POST', url: '/api/v1/calendar/notices', payload: NOTICE });
      expect(loaded.statusCode, loaded.body).toBe(200);
      expect(loaded.json()).toEqual({ year: 2027, replaced: false, moved: [] });

      // 元旦 2027 is a Friday: the notice's three days off give the same date, now on a known year.
      const after = await fx.call(c.sup!, { method: 'GET', url: '/api/v1/calendar?from=2026-12-25&add=20' });
      expect(after.json()).toMatchObject({ deadline: '2027-01-25', provisional: false, loaded: [{ year: 2027, source: '测试通知' }] });
      expect(after.json().covered).toContain(2027);
    });
  });
}
