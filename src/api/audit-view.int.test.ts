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

    it('searches the log newest first by person, item, unit, event type and day, page by page', async () => {
      const sup = await fx.login('sup');
      const make = async (title: string) => {
        const r = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title, fields: { category: 'other' } } });
        expect(r.statusCode, r.body).toBe(201);
        return r.json() as { id: string; number: string };
      };
      const a = await make('审计查询甲');
      await make('审计查询乙');
      const auditor = await fx.login('auditor');
      const search = async (q: string) => {
        const r = await fx.call(auditor, { method: 'GET', url: `/api/v1/audit/search?${q}` });
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as {
          events: { seq: number; at: string; type: string; actorName: string | null; actorUnitId: string | null; itemNumber: string | null; itemId: string | null }[];
          nextBefore: number | null;
          head: { seq: number };
        };
      };
      const all = await search('limit=1000');
      const seqs = all.events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
      expect(seqs[0]).toBe(all.head.seq);

      const byNumber = await search(`item=${encodeURIComponent(a.number)}`);
      expect(byNumber.events.map((e) => [e.type, e.itemNumber, e.actorName])).toEqual([['ItemCreated', a.number, 'sup']]);
      expect((await search(`item=${a.id}`)).events).toEqual(byNumber.events);
      const created = await search('user=sup&type=ItemCreated');
      expect(created.events.length).toBeGreaterThanOrEqual(2);
      expect(created.events.every((e) => e.type === 'ItemCreated' && e.actorName === 'sup')).toBe(true);
      expect((await search(`unit=${created.events[0]!.actorUnitId}&type=ItemCreated`)).events.length).toBe(created.events.length);
      // Nobody by that name, no such item: nothing, not an error.
      expect((await search('user=nobody')).events).toEqual([]);
      expect((await search('item=督办〔1999〕9999号')).events).toEqual([]);

      // The day they were made (in the city) holds them; a day long past holds none; a bad day is refused.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(created.events[0]!.at));
      expect((await search(`from=${today}&to=${today}&type=ItemCreated&user=sup`)).events.length).toBe(created.events.length);
      expect((await search('from=2001-01-01&to=2001-12-31')).events).toEqual([]);
      const bad = await fx.call(auditor, { method: 'GET', url: '/api/v1/audit/search?from=2026-13-01' });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_input']);

      // Pages of two, newest first, until the log runs out: every event once.
      const paged: number[] = [];
      let before: number | null | undefined;
      do {
        const page = await search(`limit=2${before ? `&before=${before}` : ''}`);
        paged.push(...page.events.map((e) => e.seq));
        before = page.nextBefore;
      } while (before !== null);
      expect(paged).toEqual(seqs);

      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/audit/search' })).statusCode).toBe(403);

      // Hostile filters are a 4xx or an empty page, never a 500 (NUL and lone surrogates cannot reach PostgreSQL).
      const hostile = ['%00', '%ED%A0%80', 'x'.repeat(300), "'%20OR%201=1%20--", '2026-02-30', '-1', '1e9', '%E7%9D%A3%E5%8A%9E%E3%80%94', '..%2F..'];
      for (const param of ['before', 'limit', 'type', 'user', 'unit', 'item', 'from', 'to']) {
        for (const v of hostile) {
          const r = await fx.call(auditor, { method: 'GET', url: `/api/v1/audit/search?${param}=${v}` });
          expect(r.statusCode, `${param}=${v} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    });
  });
}
