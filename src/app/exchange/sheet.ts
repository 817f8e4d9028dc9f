import ExcelJS from 'exceljs';
import { csvText } from '../../contracts/csv.js';
import type { ItemRow } from '../items/queries.js';
import { headerOf, type SheetColumn, type SheetContext } from './columns.js';
import type { CellValue } from './field-cells.js';
import type { Lang } from './labels.js';

/*
 * The item sheet as offices file it: a header block (title, unit, date of export, filter) above a frozen
 * table, widths and wrapping that print on A4 landscape, dates as Excel dates, and the record number and
 * version in hidden columns for the round trip. Text is always written as text, never as a formula.
 */

export interface SheetMeta {
  readonly title: string;
  /** The exporting unit (or 全部 for the operator). */
  readonly unit: string;
  readonly exportedOn: string;
  /** The filter in words (全部 when none). */
  readonly filter: string;
  readonly lang: Lang;
}

/** Two ideographic spaces, the usual gap between the parts of a header line. */
const GAP = '\u3000\u3000';

/** Rows above the table: title, unit / date, filter, a blank spacer. */
export const HEADER_ROWS = 4;

const LIGHT_FILL: Record<string, string> = {
  红灯: 'FFFF4D4F',
  Red: 'FFFF4D4F',
  黄灯: 'FFFFD666',
  Yellow: 'FFFFD666',
  绿灯: 'FF95DE64',
  Green: 'FF95DE64',
  超期: 'FFFFA39E',
  Late: 'FFFFA39E',
};

/** A LocalDate as the Date exceljs writes as that day (Excel dates carry no zone; exceljs reads them as UTC). */
export const excelDate = (d: string): Date => new Date(`${d}T00:00:00.000Z`);

function xlsxValue(col: SheetColumn, v: CellValue): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (col.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return excelDate(v);
  if (col.kind === 'percent' && typeof v === 'number') return v / 100;
  // A string stays a shared string (t="s"): Excel never runs it, whatever it starts with.
  return v;
}

/** Writes the header block and the table of `rows` into a new sheet of `wb`. */
export function addItemSheet(wb: ExcelJS.Workbook, name: string, meta: SheetMeta, columns: readonly SheetColumn[], rows: readonly ItemRow[], ctx: SheetContext): ExcelJS.Worksheet {
  const zh = meta.lang === 'zh';
  const ws = wb.addWorksheet(safeSheetName(name), {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS, xSplit: 3, showGridLines: true }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROWS}:${HEADER_ROWS}`,
    },
    headerFooter: { oddFooter: zh ? '第 &P 页，共 &N 页' : 'Page &P of &N' },
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden === true }));
  const visible = columns.filter((c) => !c.hidden).length;
  const title = ws.getRow(1);
  title.getCell(1).value = meta.title;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, visible);
  ws.getCell(2, 1).value = zh
    ? `单位：${meta.unit}${GAP}导出日期：${meta.exportedOn}${GAP}共 ${rows.length} 项`
    : `Unit: ${meta.unit}    Exported on: ${meta.exportedOn}    ${rows.length} item(s)`;
  ws.mergeCells(2, 1, 2, visible);
  ws.getCell(3, 1).value = zh ? `筛选条件：${meta.filter}` : `Filter: ${meta.filter}`;
  ws.mergeCells(3, 1, 3, visible);
  const head = ws.getRow(HEADER_ROWS);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = headerOf(c, meta.lang);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });
  rows.forEach((r, n) => {
    const row = ws.getRow(HEADER_ROWS + 1 + n);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = c.key === 'seq' ? n + 1 : xlsxValue(c, c.value(r, ctx));
      if (c.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
      if (c.kind === 'percent') cell.numFmt = '0%';
      cell.alignment = { vertical: 'top', wrapText: c.kind === 'text' };
      cell.border = border;
      if (c.key === 'light' && typeof cell.value === 'string' && LIGHT_FILL[cell.value]) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[cell.value] } };
      }
    });
  });
  ws.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: HEADER_ROWS, column: visible } };
  return ws;
}

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel refuses sheet names over 31 characters or with []:*?/\. */
export const safeSheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'items';

/** The export workbook. */
export async function itemsXlsx(meta: SheetMeta, columns: readonly SheetColumn[], rows: readonly ItemRow[], ctx: SheetContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Luoshi 落实';
  addItemSheet(wb, meta.title, meta, columns, rows, ctx);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV with a UTF-8 BOM so Excel reads the Chinese right; the same columns as the workbook, no header block. */
export function itemsCsv(lang: Lang, columns: readonly SheetColumn[], rows: readonly ItemRow[], ctx: SheetContext): string {
  return csvText([
    columns.map((c) => headerOf(c, lang)),
    ...rows.map((r, n) => columns.map((c) => (c.key === 'seq' ? n + 1 : c.kind === 'percent' ? `${String(c.value(r, ctx))}%` : c.value(r, ctx)))),
  ]);
}
