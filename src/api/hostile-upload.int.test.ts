import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_BUDGET } from '../app/parsing/parse-jobs.js';
import { ParsePool } from '../app/parsing/parse-pool.js';
import { paragraphBombDocx, sharedStreamPdf } from '../app/parsing/testing/hostile-files.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** A multipart body with one file field, as a browser sends it. */
function multipart(name: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const b = 'luoshi-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`hostile readout uploads (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    // One thread, no queue, and a page budget the hostile PDF passes: its parse runs until cancelled.
    const pool = new ParsePool({ size: 1, queue: 0, timeoutMs: 60_000, budget: { ...DEFAULT_PARSE_BUDGET, maxPages: 1000 } });
    beforeAll(async () => {
      fx = await apiFixture(d.name, { parsing: pool });
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(async () => {
      await pool.close();
      await fx?.close();
    });

    it('refuses the 60 MB-of-paragraphs .docx with a bilingual 4xx while other users are answered', async () => {
      const upload = fx.call(sup, { method: 'POST', url: '/api/v1/readouts/upload', ...withCaller(sup, multipart('bomb.docx', paragraphBombDocx(60))) });
      const other = await fx.call(env, { method: 'GET', url: '/api/v1/items' });
      expect(other.statusCode).toBe(200);
      const res = await upload;
      expect([400, 413]).toContain(res.statusCode);
      expect(['readout_bomb', 'readout_too_large']).toContain(res.json().code);
      const zh = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/readouts/upload',
        ...withCaller(sup, multipart('bomb.docx', paragraphBombDocx(2)), { 'accept-language': 'zh-CN' }),
      });
      expect(zh.statusCode).toBe(413);
      expect(zh.json().title).toMatch(/[\u4e00-\u9fff]/);
    });

    it('answers 503 with Retry-After while every parser is busy, and parses again once it is free', async () => {
      const ac = new AbortController();
      const busy = pool.run({ kind: 'readout', bytes: sharedStreamPdf(300, 200_000), meetingDate: null }, ac.signal).catch((e: unknown) => e);
      const res = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/readouts/upload',
        ...withCaller(sup, multipart('r.txt', new TextEncoder().encode('会议要求，市生态环境局牵头完成整改。'))),
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('parser_busy');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      ac.abort();
      expect(await busy).toMatchObject({ code: 'parse_cancelled' });
      const ok = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/readouts/upload',
        ...withCaller(sup, multipart('r.txt', new TextEncoder().encode('会议要求，市生态环境局牵头完成整改。'))),
      });
      expect(ok.statusCode, ok.body).toBe(201);
    });
  });
}

function withCaller(c: Caller, m: { payload: Buffer; headers: Record<string, string> }, extra: Record<string, string> = {}) {
  return { payload: m.payload, headers: { ...c.headers, ...m.headers, ...extra } };
}
