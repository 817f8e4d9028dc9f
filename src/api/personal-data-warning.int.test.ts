import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`personal data typed into ordinary fields (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
    });
    afterAll(() => fx?.close());

    it('is flagged in the luoshi-personal-data header of the write, naming the field and the kinds; plain text is not', async () => {
      const plain = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '建立机制', fields: { category: 'meeting_decision' } } });
      expect(plain.statusCode).toBe(201);
      expect(plain.headers['luoshi-personal-data']).toBeUndefined();
      const typed = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '回访群众', content: '联系人王小明，电话13812345678', fields: { category: 'meeting_decision' } },
      });
      expect(typed.statusCode).toBe(201);
      expect(typed.headers['luoshi-personal-data']).toBe('content=name,mobile');
    });
  });
}
