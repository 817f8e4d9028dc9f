import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const ID_NUMBER = '110101199003077777';

/** The bytes of every file in the data folder's evidence store. */
function storedBytes(dataDir: string): Buffer[] {
  const root = join(dataDir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name)));
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`erasure of a dispute's evidence over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
    });
    afterAll(() => fx?.close());

    it('downloads the file with the ID number until the case is erased, then 410, and the bytes are nowhere on disk', async () => {
      const created = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'dispute', title: '邻里纠纷调解', fields: EXAMPLE_FIELDS.dispute!.draft },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const text = `调解笔录 当事人身份证号 ${ID_NUMBER}`;
      const upload = await fx.call(sup, {
        method: 'POST',
        url: `/api/v1/items/${id}/evidence`,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="笔录.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--XyZ--\r\n`,
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const evidenceId = upload.json().id as string;
      const before = await fx.call(sup, { method: 'GET', url: `/api/v1/evidence/${evidenceId}` });
      expect(before.statusCode).toBe(200);
      expect(before.body).toBe(text);
      for (const bytes of storedBytes(fx.deps.dataDir)) expect(bytes.includes(Buffer.from(ID_NUMBER))).toBe(false);

      const erase = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/personal/erase`, payload: { reason: '当事人依法申请删除' } });
      expect(erase.statusCode, erase.body).toBe(200);
      const after = await fx.call(sup, { method: 'GET', url: `/api/v1/evidence/${evidenceId}` });
      expect(after.statusCode).toBe(410);
      expect(after.json()).toMatchObject({ code: 'evidence_erased' });
      expect(after.body).not.toContain(ID_NUMBER);
      for (const bytes of storedBytes(fx.deps.dataDir)) expect(bytes.includes(Buffer.from(ID_NUMBER))).toBe(false);
    });
  });
}
