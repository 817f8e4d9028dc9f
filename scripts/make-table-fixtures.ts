/**
 * Writes the task-table fixtures of test/fixtures/tables/ from their description in tables.json: each table as
 * the .docx or .xlsx an office writes (merged cells as real merges, multi-line cells as paragraphs or line
 * breaks, section rows spanning the width, paragraphs of prose before and after). Deterministic: run it again
 * after editing tables.json (`npx tsx scripts/make-table-fixtures.ts`), then `npx vitest run src/extract/tables.corpus.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';

export interface TableFixture {
  file: string;
  title: string;
  basedOn: string | null;
  meetingDate: string | null;
  before: string[];
  /** Cells; `null` is a slot covered by the merged cell above; a one-cell row spans the width. */
  rows: (string | null)[][];
  after: string[];
  gold: { lead: string[]; co: string[]; deadline: string | null }[];
  prose?: { lead: string[]; deadline: string | null }[];
}

const DIR = new URL('../test/fixtures/tables/', import.meta.url);

async function docxOf(f: TableFixture): Promise<Buffer> {
  const width = Math.max(...f.rows.map((r) => r.length));
  const rows = f.rows.map(
    (row, r) =>
      new TableRow({
        children: row.flatMap((cell, k) => {
          if (cell === null) return [];
          let span = 1;
          while (f.rows[r + span]?.[k] === null) span += 1;
          return [
            new TableCell({
              rowSpan: span,
              ...(row.length === 1 ? { columnSpan: width } : {}),
              children: cell.split('\n').map((line) => new Paragraph(line)),
            }),
          ];
        }),
      }),
  );
  const paragraphs = (lines: string[]) => lines.map((l) => new Paragraph(l));
  const doc = new Document({ creator: 'luoshi fixtures', sections: [{ children: [...paragraphs(f.before), new Table({ rows }), ...paragraphs(f.after)] }] });
  return Packer.toBuffer(doc);
}

async function xlsxOf(f: TableFixture): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi fixtures';
  wb.created = new Date('2026-01-01T00:00:00Z');
  wb.modified = wb.created;
  const ws = wb.addWorksheet('任务清单');
  const width = Math.max(...f.rows.map((r) => r.length));
  const value = (c: string | null): ExcelJS.CellValue => {
    if (c === null) return '';
    const date = /^=date:(\d{4}-\d{2}-\d{2})$/.exec(c);
    return date ? new Date(`${date[1]}T00:00:00Z`) : c;
  };
  f.rows.forEach((row) => {
    const added = ws.addRow(row.map(value));
    added.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
  });
  f.rows.forEach((row, r) => {
    if (row.length === 1 && width > 1) ws.mergeCells(r + 1, 1, r + 1, width);
    row.forEach((cell, k) => {
      if (cell === null || f.rows[r + 1]?.[k] !== null) return;
      let end = r + 1;
      while (f.rows[end + 1]?.[k] === null) end += 1;
      ws.mergeCells(r + 1, k + 1, end + 1, k + 1);
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const fixtures = JSON.parse(readFileSync(new URL('tables.json', DIR), 'utf8')) as TableFixture[];
  for (const f of fixtures) {
    const bytes = f.file.endsWith('.docx') ? await docxOf(f) : await xlsxOf(f);
    writeFileSync(new URL(f.file, DIR), bytes);
    console.log(`${f.file}: ${f.gold.length} rows`);
  }
}

await main();
