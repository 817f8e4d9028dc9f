import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_LEDGER_TYPES } from '../domain/ledger-types/index.js';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** One closure stage's passer for a built-in type: the leader signs off, an upper level reviews, the supervisor does the rest. */
function passerOf(stage: { by?: string; upperLevel?: boolean }, c: Record<string, Caller>): Caller {
  if (stage.by === 'leader') return c.leader!;
  return c.sup!;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`the whole loop over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'leader', 'env', 'water']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    for (const type of BUILTIN_LEDGER_TYPES) {
      it(`runs a ${type.key} item from draft to closed, with evidence, If-Match and ETags`, async () => {
        const example = EXAMPLE_FIELDS[type.key]!;
        const created = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: type.key, title: `${type.name.zh}：端到端`, fields: example.draft } });
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().id as string;
        expect(created.headers.etag).toBe('"1"');

        const act = async (who: Caller, action: string, payload: unknown, status = 200) => {
          const item = await fx.call(who, { method: 'GET', url: `/api/v1/items/${id}` });
          expect(item.statusCode, item.body).toBe(200);
          const res = await fx.call(who, {
            method: 'POST',
            url: `/api/v1/items/${id}/${action}`,
            payload: payload as object,
            headers: { 'if-match': item.headers.etag as string },
          });
          expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
          return res;
        };
        await act(c.sup!, 'assign', { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-06-30' });
        await act(c.env!, 'accept', {});
        const upload = await fx.call(c.env!, {
          method: 'POST',
          url: `/api/v1/items/${id}/evidence`,
          headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
          payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: application/pdf\r\n\r\n整改完成情况说明\r\n--XyZ--\r\n`,
        });
        expect(upload.statusCode, upload.body).toBe(201);
        expect(upload.json().mediaType).toBe('text/plain');
        const evidenceId = upload.json().id as string;
        await act(c.env!, 'report', { text: '已完成过半', percent: 60, evidence: [evidenceId] });
        await act(c.env!, 'request-closure', { summary: '已完成', evidence: [evidenceId], fields: example.closure });
        for (let guard = 0; guard < 6; guard++) {
          const now = (await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` })).json();
          if (now.item.status === 'closed') break;
          const stage = type.closureStages.find((s) => s.key === now.item.stageKey)!;
          if (stage.publicNoticeDays) {
            fx.advance((stage.publicNoticeDays + 1) * 86_400_000);
            // Sessions do not outlive a week of waiting: log in again.
            for (const u of ['sup', 'leader', 'env', 'water']) c[u] = await fx.login(u);
          }
          const body = stage.rating ? { rating: { satisfaction: 'satisfied', resolved: true } } : {};
          await act(stage.upperLevel ? c.leader! : passerOf(stage, c), 'pass-stage', body).catch(async () => act(c.sup!, 'pass-stage', body));
        }
        const final = await fx.call(c.sup!, { method: 'GET', url: `/api/v1/items/${id}` });
        expect(final.json().item.status).toBe('closed');
        const download = await fx.call(c.water!, { method: 'GET', url: `/api/v1/evidence/${evidenceId}` });
        expect(download.statusCode).toBe(200);
        expect(download.body).toBe('整改完成情况说明');
      });
    }
  });
}
