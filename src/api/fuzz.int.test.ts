import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_SLUGS } from '../contracts/http/scopes.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** Lone surrogates replaced, so the test itself can put the string in a URL. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Strings that break naive code: huge, control characters, lone surrogates, RTL marks, emoji, SQL and path tricks. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '\u202e河长', '👨‍👩‍👧', "'; drop table items; --", '../../etc/passwd', '%00', 'null', '{}', '[]', '9'.repeat(400)),
  fc.string({ minLength: 5000, maxLength: 6000 }),
);
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom('title', 'ledgerType', 'text', 'percent', 'deadline', 'reason', 'leadUnitId', 'evidence', 'decision', 'username', 'password', 'roles'),
    fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 })),
  ),
);

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`fuzzing every endpoint (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let sysadmin: Caller;
    let itemId: string;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      sysadmin = await fx.login('sysadmin');
      itemId = (
        await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '模糊测试', fields: { category: 'meeting_decision' } } })
      ).json().id as string;
    });
    afterAll(() => fx?.close());

    const routes = [
      ['POST', '/api/v1/session'],
      ['POST', '/api/v1/items'],
      ['PATCH', '/api/v1/items/:id'],
      ...ACTION_SLUGS.map((s) => ['POST', `/api/v1/items/:id/${s}`]),
      ['POST', '/api/v1/items/:id/evidence'],
      ['POST', '/api/v1/tokens'],
      ['POST', '/api/v1/webhooks'],
      ['POST', '/api/v1/admin/units'],
      ['PUT', '/api/v1/ledger-types/config'],
      ['PUT', '/api/v1/me/password'],
    ] as const;

    it('answers malformed JSON, wrong types, huge and odd strings, bad ids and missing headers with 4xx problem+json, never 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.oneof(
            jsonish.map((v) => JSON.stringify(v)),
            nasty,
            fc.constant('{"title":'),
            fc.constant('\u0000\u0001'),
          ),
          fc.oneof(fc.constant<string | null>(null), nasty),
          fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=gbk', ''),
          fc.boolean(),
          fc.oneof(fc.constant(null), nasty),
          async ([method, path], body, id, contentType, withCsrf, ifMatch) => {
            const url = path.replace(':id', id === null ? itemId : encodeURIComponent(wellFormed(id)).slice(0, 1000) || 'x');
            const headers: Record<string, string> = { ...(withCsrf ? sup.headers : { cookie: sup.headers.cookie! }) };
            if (contentType) headers['content-type'] = contentType;
            if (ifMatch !== null) headers['if-match'] = encodeURIComponent(wellFormed(ifMatch)).slice(0, 200);
            const res = await fx.app.inject({ method, url, payload: body, headers });
            expect(res.statusCode, `${method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              expect(res.headers['content-type']).toContain('application/problem+json');
              expect(res.json().code).toMatch(/^[a-z_]+$/);
              expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
            }
          },
        ),
        { numRuns: 250 },
      );
    });

    it("answers the system admin's malformed or breaking ledger settings with 4xx problem+json, never 5xx", async () => {
      const label = fc.record({ zh: nasty, en: nasty });
      const override = fc.record(
        {
          name: fc.oneof(label, nasty),
          defaultTimeLimit: fc.oneof(
            fc.constant(null),
            fc.record({ amount: fc.oneof(fc.integer(), fc.double()), unit: fc.constantFrom('hours', 'calendar_days', 'working_days', 'weeks') }),
          ),
          warningRules: fc.dictionary(
            fc.constantFrom('warnWorkingDays', 'acceptWithinWorkingDays', 'stageWaitWorkingDays', 'progressLagPercent', 'escalation'),
            fc.oneof(fc.integer(), nasty, fc.constant([])),
          ),
          closureStages: fc.array(fc.record({ key: nasty, name: label, by: fc.constantFrom('supervisor', 'leader', 'nobody') }, { requiredKeys: ['key'] }), { maxLength: 3 }),
          fieldOverrides: fc.dictionary(fc.constantFrom('category', 'sourceName', 'nope'), fc.record({ label, required: fc.boolean() }, { requiredKeys: [] })),
          addFields: fc.array(fc.record({ name: nasty, kind: fc.constantFrom('text', 'enum', 'table', 'blob'), label }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      );
      const config = fc.record(
        {
          overrides: fc.dictionary(fc.constantFrom('directive', 'hazard', 'nope'), override, { maxKeys: 2 }),
          disabled: fc.array(fc.constantFrom('school_plan', 'nope', 'directive'), { maxLength: 2 }),
          custom: fc.array(jsonish, { maxLength: 1 }),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(config, fc.oneof(fc.constant('"0"'), fc.constant('*'), nasty), async (body, ifMatch) => {
          const version = (await fx.call(sysadmin, { method: 'GET', url: '/api/v1/ledger-types/config' })).json().version as number;
          const headers = { 'if-match': ifMatch === '"0"' ? `"${version}"` : encodeURIComponent(wellFormed(ifMatch)).slice(0, 200) };
          const res = await fx.call(sysadmin, { method: 'PUT', url: '/api/v1/ledger-types/config', payload: body, headers });
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        }),
        { numRuns: 150 },
      );
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/ledger-types' })).statusCode).toBe(200);
    });

    it('answers a multipart body that is not multipart with 400 (found by this fuzzer once)', async () => {
      const res = await fx.app.inject({
        method: 'POST',
        url: `/api/v1/items/${itemId}/evidence`,
        payload: '{"title":',
        headers: { ...sup.headers, 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('bad_request');
    });

    it('answers truncated and malformed multipart readout uploads with 4xx, never 5xx (111 such 500s were found)', async () => {
      const readout = new TextEncoder().encode('会议要求，市生态环境局牵头，2026年6月底前完成整改。\n');
      const whole = (boundary: string, name: string, bytes: Uint8Array, extra: string): Buffer =>
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="meetingDate"\r\n\r\n2026-03-01\r\n${extra}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
          ),
          Buffer.from(bytes),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('x', 'luoshi-boundary', '----WebKitFormBoundary7MA4YWxkTrZu0gW'),
          fc.oneof(
            fc.constantFrom('r.txt', '会议.txt', '', '../../x.txt', '"'),
            nasty.map((n) => n.slice(0, 60).replace(/[\r\n"]/g, '')),
          ),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.constantFrom('', 'garbage\r\n', '--x\r\n\r\n'),
          fc.boolean(),
          async (boundary, name, cut, extra, declareBoundary) => {
            const body = whole(boundary, name, readout, extra);
            const payload = body.subarray(0, Math.floor(body.length * cut));
            const headers = { ...sup.headers, 'content-type': declareBoundary ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data' };
            const res = await fx.app.inject({ method: 'POST', url: '/api/v1/readouts/upload', payload, headers });
            expect(res.statusCode, `${cut} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
          },
        ),
        { numRuns: 150 },
      );
    });

    it('refuses a lone surrogate or other ill-formed text with 400 before storing it, on both databases', async () => {
      for (const title of ['\ud800', 'a\udc00b', '标题\ud83d', '\udfff\ud800']) {
        const res = await fx.call(sup, {
          method: 'POST',
          url: '/api/v1/items',
          payload: JSON.stringify({ ledgerType: 'directive', title, fields: { category: 'meeting_decision' } }),
          headers: { 'content-type': 'application/json' },
        });
        expect([res.statusCode, res.json().code], JSON.stringify(title)).toEqual([400, 'invalid_unicode']);
      }
      const patch = await fx.call(sup, { method: 'PATCH', url: `/api/v1/items/${itemId}`, payload: '{"title":"\\ud800x"}', headers: { 'content-type': 'application/json' } });
      expect(patch.statusCode).toBe(400);
      const read = await fx.call(sup, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent('x')}%ED%A0%80` });
      expect(read.statusCode).toBeLessThan(500);
      expect((await fx.call(sup, { method: 'GET', url: `/api/v1/items/${itemId}` })).json().item.title).toBe('模糊测试');
      // A surrogate pair (an emoji) is text like any other (the settings fuzz above may have switched the type off).
      const emoji = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '表情 😀', fields: { category: 'meeting_decision' } } });
      expect([201, 409]).toContain(emoji.statusCode);
      expect(emoji.statusCode === 201 || emoji.json().code === 'ledger_type_disabled').toBe(true);
    });

    it('answers junk query strings and ids on every read with 4xx, and keeps serving', async () => {
      const reads = [
        '/api/v1/ledger-types',
        '/api/v1/ledger-types/config',
        '/api/v1/items',
        '/api/v1/items/export',
        '/api/v1/stats',
        '/api/v1/stats/items',
        '/api/v1/audit',
        '/api/v1/items/:id',
        '/api/v1/evidence/:id',
        '/api/v1/webhooks/:id',
        '/api/v1/units',
        '/api/v1/me',
      ];
      const params = fc.dictionary(
        fc.constantFrom(
          'ledger',
          'state',
          'unit',
          'light',
          'q',
          'sort',
          'limit',
          'cursor',
          'deadlineFrom',
          'deadlineTo',
          'from',
          'to',
          'metric',
          'part',
          'after',
          'format',
          'parent',
          'zzz',
        ),
        nasty,
        { maxKeys: 4 },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...reads), params, nasty, async (path, query, id) => {
          const qs = new URLSearchParams(query).toString();
          const url = `${path.replace(':id', encodeURIComponent(wellFormed(id)).slice(0, 1000) || 'x')}${qs ? `?${qs}` : ''}`;
          const res = await fx.call(sup, { method: 'GET', url });
          expect(res.statusCode, `${url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        }),
        { numRuns: 250 },
      );
      expect((await fx.call(sup, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    });
  });
}
