import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`the auditor's view of the record (${d.name})`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
    });
    afterAll(() => fx?.close());

    it('shows who did what and when with item numbers and the security log, never titles, contents or fields', async () => {
      const sup = await fx.login('sup');
      const title = '机密标题：某某水库除险加固';
      const content = '内容正文：请于月底前完成三号坝段的加固';
      const created = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title, content, fields: { category: 'meeting_decision', sourceName: '市委常委会第七次会议' } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const number = created.json().number as string;
      await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'water', password: 'wrong-Password-1' } });

      const auditor = await fx.login('auditor');
      const log = await fx.call(auditor, { method: 'GET', url: '/api/v1/audit?limit=1000' });
      expect(log.statusCode).toBe(200);
      for (const secret of [title, content, '市委常委会第七次会议', 'meeting_decision']) expect(log.body, secret).not.toContain(secret);
      const events = log.json().events as { type: string; itemNumber: string | null; actorUserId: string | null; payload?: Record<string, unknown> }[];
      const made = events.find((e) => e.type === 'ItemCreated');
      expect(made).toMatchObject({ itemNumber: number, actorUserId: 'u-sup' });
      expect(made?.payload).toBeUndefined();
      expect(events.find((e) => e.type === 'LoginFailed')?.payload).toMatchObject({ username: 'water' });
      expect(events.some((e) => e.type === 'LoginSucceeded')).toBe(true);
    });
  });
}
