import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, PASSWORD, type ApiFixture } from './testing/fixture.js';

/** Every string inside a value (the personal data seeded below, whatever its shape). */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`what the server log holds (${d.name})`, () => {
    let fx: ApiFixture;
    const lines: string[] = [];
    beforeAll(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          lines.push(chunk.toString('utf8'));
          cb();
        },
      });
      fx = await apiFixture(d.name, { logger: pino({ level: 'trace' }, sink) });
    });
    afterAll(() => fx?.close());

    it('holds no search text, personal data or password after the usual requests, but does log each request', async () => {
      // The parties' names and phone numbers (not their gender words, which are also plain English).
      const personal = strings(EXAMPLE_FIELDS.dispute!.draft.parties).filter((s) => s.length >= 2 && s !== 'male' && s !== 'female');
      expect(personal.length).toBeGreaterThan(0);
      const sup = await fx.login('sup');
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'dispute', title: '邻里纠纷', fields: EXAMPLE_FIELDS.dispute!.draft } });
      const id = created.json().id as string;
      const search = '搜索词河道保洁';
      await fx.call(sup, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent(search)}` });
      await fx.call(sup, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent(personal[0]!)}&unit=${encodeURIComponent(personal[0]!)}` });
      await fx.call(sup, { method: 'GET', url: `/api/v1/items/${id}` });
      await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/personal`, payload: { reason: '调解需要联系当事人' } });
      await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'dispute', title: personal[0], fields: { parties: 'not a list' } } });
      await fx.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'sup', password: `${PASSWORD}-wrong` } });
      const log = lines.join('');
      expect(log).toContain('request completed');
      expect(log).toContain('/api/v1/items/:id');
      for (const secret of [search, ...personal, PASSWORD]) expect(log, secret).not.toContain(secret);
      expect(log).not.toContain(encodeURIComponent(search));
    });
  });
}
