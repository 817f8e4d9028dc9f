import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../app/parsing/parse-pool.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** A multipart body with one file field and the meeting date, as the web's upload sends it. */
function multipart(c: Caller, name: string, bytes: Uint8Array, meetingDate: string): { payload: Buffer; headers: Record<string, string> } {
  const b = 'luoshi-table-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="meetingDate"\r\n\r\n${meetingDate}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload, headers: { ...c.headers, 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** A 整改方案 as Word writes it: prose, then a table with a 问题 cell merged over two rows and a multi-line measure. */
async function planDocx(): Promise<Uint8Array> {
  const cell = (text: string, rowSpan = 1) => new TableCell({ rowSpan, children: text.split('\n').map((l) => new Paragraph(l)) });
  const row = (...cells: TableCell[]) => new TableRow({ children: cells });
  const table = new Table({
    rows: [
      row(cell('序号'), cell('问题'), cell('整改措施'), cell('牵头单位'), cell('配合单位'), cell('完成时限')),
      row(cell('1'), cell('河道垃圾清理不及时', 2), cell('开展河道垃圾集中清理\n建立日常保洁制度'), cell('市水务局'), cell('市生态环境局'), cell('2026年12月底')),
      row(cell('2'), cell('落实河长巡河制度'), cell('市水务局'), cell(''), cell('长期坚持')),
      row(cell('3'), cell('入河排污口底数不清'), cell('完成入河排污口排查溯源'), cell('市生态环境局'), cell('市水务局'), cell('2026年6月30日')),
    ],
  });
  const doc = new Document({
    sections: [{ children: [new Paragraph('关于河道问题的整改方案'), new Paragraph('为抓好反馈问题整改,制定本方案。'), table, new Paragraph('各单位要按时报送整改进展。')] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const WATER_XLSX = readFileSync(new URL('../../test/fixtures/tables/14-water.xlsx', import.meta.url));

interface Directive {
  i: number;
  text: string;
  start: number;
  end: number;
  title: string;
  keep: boolean;
  leadUnitId: string | null;
  coUnitIds: string[];
  deadline: string | null;
  cadence: string | null;
  leadExplicit: boolean;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`task tables uploaded as readouts (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    // The uploads are parsed in a parser process with its limits, as in production.
    const pool = new ParsePool({ size: 1, queue: 2, timeoutMs: 60_000 });
    beforeAll(async () => {
      fx = await apiFixture(d.name, { parsing: pool });
      sup = await fx.login('sup');
    });
    afterAll(async () => {
      await pool.close();
      await fx?.close();
    });

    it('drafts one directive per row of a .docx 整改方案 with its lead, co-units and deadline, and confirms them into assigned items', async () => {
      const res = await fx.call(sup, { method: 'POST', url: '/api/v1/readouts/upload', ...multipart(sup, '河道整改方案.docx', await planDocx(), '2026-03-02') });
      expect(res.statusCode, res.body).toBe(201);
      const draft = res.json() as { id: string; data: { directives: Directive[] } };
      const shown = (await fx.call(sup, { method: 'GET', url: `/api/v1/readouts/${draft.id}` })).json() as { text: string; data: { directives: Directive[] } };
      const rows = shown.data.directives.filter((x) => x.leadExplicit && x.keep);
      expect(rows.map((x) => [x.text, x.leadUnitId, x.coUnitIds, x.deadline, x.cadence])).toEqual([
        ['开展河道垃圾集中清理 建立日常保洁制度', 'water', ['env'], '2026-12-31', null],
        // 问题 merged over two rows; 长期坚持 gives a cadence instead of a date.
        ['落实河长巡河制度', 'water', [], null, 'monthly'],
        ['完成入河排污口排查溯源', 'env', ['water'], '2026-06-30', null],
      ]);
      for (const x of rows) {
        expect(shown.text.slice(x.start, x.end)).toBe(x.text);
        // The row's line holds the problem and units beside the task: that is the item's provenance.
        expect(shown.text.slice(shown.text.lastIndexOf('\n', x.start) + 1, shown.text.indexOf('\n', x.end))).toContain(' | ');
        expect(x.title.length).toBeLessThanOrEqual(30);
      }
      const edits = shown.data.directives.filter((x) => x.keep && !rows.includes(x)).map((x) => ({ op: 'keep', i: x.i, keep: false }));
      if (edits.length) expect((await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${draft.id}/edits`, payload: { edits } })).statusCode).toBe(200);
      const confirmed = await fx.call(sup, { method: 'POST', url: `/api/v1/readouts/${draft.id}/confirm`, payload: { assign: true } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const items = confirmed.json().items as { itemId: string; assigned: boolean; leadUnitId: string; coUnitIds: string[]; deadline: string | null }[];
      expect(items.map((x) => [x.assigned, x.leadUnitId, x.coUnitIds])).toEqual([
        [true, 'water', ['env']],
        [true, 'water', []],
        [true, 'env', ['water']],
      ]);
      expect(items[0]!.deadline).toBe('2026-12-31');
      const item = (await fx.call(sup, { method: 'GET', url: `/api/v1/items/${items[2]!.itemId}` })).json();
      expect(item.provenance.text).toBe('完成入河排污口排查溯源');
    });

    it('accepts an .xlsx 任务清单, each row a directive with its lead and deadline (a unit the tenant lacks stays open)', async () => {
      const res = await fx.call(sup, { method: 'POST', url: '/api/v1/readouts/upload', ...multipart(sup, '任务清单.xlsx', WATER_XLSX, '2024-03-20') });
      expect(res.statusCode, res.body).toBe(201);
      const rows = (res.json().data.directives as Directive[]).filter((x) => x.leadExplicit);
      expect(rows.map((x) => [x.leadUnitId, x.coUnitIds, x.deadline])).toEqual([
        ['water', [], '2024-06-30'],
        ['water', [], '2024-09-30'],
        ['env', [], null],
        // 市应急局 is not among this tenant's units: the supervisor picks one in the review table.
        [null, ['water'], '2024-05-15'],
      ]);
      expect(rows[0]!.text).toBe('完成中心城区雨污分流改造一期工程');
    });
  });
}
