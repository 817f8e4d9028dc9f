import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const multipart = (bytes: Buffer) => ({
  headers: { 'content-type': 'multipart/form-data; boundary=B' },
  payload: Buffer.concat([
    Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="sheet.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n'),
    bytes,
    Buffer.from('\r\n--B--\r\n'),
  ]),
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`Excel import over HTTP (${d.name})`, { timeout: 120_000 }, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(() => fx?.close());

    async function filled(rows: number, bad = false): Promise<Buffer> {
      const t = await fx.call(sup, { method: 'GET', url: '/api/v1/items/import/template?ledger=directive' });
      expect(t.statusCode).toBe(200);
      expect(t.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(4).values as unknown[]).map((v) => (typeof v === 'string' ? v.replace(/\*$/, '') : v));
      for (let i = 0; i < rows; i++) {
        const row = ws.getRow(5 + i);
        row.getCell(headers.indexOf('事项名称')).value = `接口导入第${i + 1}项，推进城市安全运行隐患排查整治工作`;
        row.getCell(headers.indexOf('事项类别')).value = bad && i === 1 ? '不存在' : '重点工作';
        row.getCell(headers.indexOf('任务要求')).value = '按照会议部署要求，逐项建立台账、明确责任、限期整改到位。'.repeat(6);
      }
      return Buffer.from(await wb.xlsx.writeBuffer());
    }

    it('previews, refuses all on a bad row, commits, and refuses a handler', async () => {
      const bad = await filled(3, true);
      const preview = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=true', ...multipart(bad) });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({ created: 2, written: false, errors: [{ row: 6, column: '事项类别', code: 'invalid_value' }] });
      const refused = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=false', ...multipart(bad) });
      expect(refused.json()).toMatchObject({ created: 0, written: false });
      const good = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=false', ...multipart(await filled(2)) });
      expect(good.json()).toMatchObject({ created: 2, written: true, errors: [] });
      const listed = await fx.call(sup, { method: 'GET', url: `/api/v1/items?q=${encodeURIComponent('接口导入')}` });
      expect(listed.json().items).toHaveLength(2);
      const byHandler = await fx.call(env, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=false', ...multipart(await filled(1)) });
      expect(byHandler.json().errors.map((e: { code: string }) => e.code)).toEqual(['forbidden']);
      const junk = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive', ...multipart(Buffer.from('PK\u0003\u0004broken')) });
      expect(junk.statusCode).toBe(400);
      expect(junk.json().code).toBe('import_unreadable');
    });

    it('previews and writes the 转办 of an assigned item edited in its export, cell by cell', async () => {
      const payload = { ledgerType: 'directive', title: '接口转办事项', fields: { category: 'other' }, assign: { leadUnitId: 'env', deadline: '2026-12-31' } };
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload });
      expect(created.statusCode, created.body).toBe(201);
      const { id, number } = created.json() as { id: string; number: string };
      const exported = await fx.call(sup, { method: 'GET', url: `/api/v1/items/export?format=xlsx&ledger=directive&q=${encodeURIComponent('接口转办事项')}` });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(4).values as unknown[]).map((v) => (typeof v === 'string' ? v.replace(/\*$/, '') : v));
      ws.getRow(5).getCell(headers.indexOf('牵头单位')).value = '市水务局';
      const sheet = Buffer.from(await wb.xlsx.writeBuffer());
      const preview = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=true', ...multipart(sheet) });
      expect(preview.json()).toMatchObject({
        updated: 1,
        written: false,
        rows: [{ row: 5, action: 'update', number, actions: [{ kind: 'transfer', column: '牵头单位', from: '市生态环境局', to: '市水务局' }] }],
      });
      const committed = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=false', ...multipart(sheet) });
      expect(committed.json()).toMatchObject({ updated: 1, written: true });
      const item = (await fx.call(sup, { method: 'GET', url: `/api/v1/items/${id}` })).json();
      expect(item.item).toMatchObject({ status: 'assigned', leadUnitId: 'water' });
      expect(item.timeline.at(-1)).toMatchObject({ type: 'ItemMoved' });
    });

    it('imports a large file in the background with progress, readable only by its user', async () => {
      const big = await filled(400);
      const started = await fx.call(sup, { method: 'POST', url: '/api/v1/items/import?ledger=directive&dryRun=false&background=true', ...multipart(big) });
      expect(started.statusCode, started.body).toBe(202);
      const url = started.headers.location as string;
      expect((await fx.call(env, { method: 'GET', url })).statusCode).toBe(400);
      let job = started.json();
      const seen = new Set<string>();
      for (let i = 0; i < 600 && job.state === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await fx.call(sup, { method: 'GET', url })).json();
        seen.add(job.phase);
        expect(job.done).toBeLessThanOrEqual(job.total);
      }
      expect(job).toMatchObject({ state: 'done', done: 400, total: 400, phase: 'write', result: { created: 400, written: true } });
    });
  });
}
