import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../errors.js';
import type { CellValue } from './field-cells.js';
import { zipEntries } from './zip.js';

/*
 * An uploaded sheet as plain rows of cell values, within limits: file size, rows, and the declared sizes of
 * the zip's entries (a bomb is refused before anything is inflated). Formula cells give their cached result,
 * never evaluated; a cell Excel never computed reads as empty.
 */

export const IMPORT_LIMITS = {
  /** Bytes of the uploaded file. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Bytes the workbook's entries may inflate to together. */
  maxInflatedBytes: 64 * 1024 * 1024,
  /** Inflated ÷ compressed size of any entry larger than 1 MB inflated. */
  maxRatio: 200,
  /** Data rows of one sheet. */
  maxRows: 20_000,
} as const;

export interface RawSheet {
  /** Header texts, by column position. */
  readonly headers: readonly string[];
  /** Rows after the header: the 1-based spreadsheet row number and the cells by column position. */
  readonly rows: readonly { readonly row: number; readonly cells: readonly CellValue[] }[];
}

const unreadable = (en: string, zh: string) => new AppError('import_unreadable', en, zh);

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** Refuses files too large and zips that would inflate past the limits. @throws AppError `import_too_large`, `import_unreadable`. */
export function checkLimits(bytes: Buffer): void {
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) {
    throw new AppError('import_too_large', `The file is larger than ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB.`, `文件超过 ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB。`);
  }
  if (!isZip(bytes)) return;
  const entries = zipEntries(bytes);
  if (!entries) throw unreadable('The file is not a readable .xlsx workbook.', '文件不是可读取的 .xlsx 工作簿。');
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (total > IMPORT_LIMITS.maxInflatedBytes || (e.uncompressedSize > 1024 * 1024 && ratio > IMPORT_LIMITS.maxRatio)) {
      throw new AppError('import_too_large', 'The workbook would inflate far beyond its size (a zip bomb?); it was not opened.', '工作簿解压后体积异常(疑似压缩炸弹)，未予打开。');
    }
  }
}

/** A cell as a plain value: text, number, or a date as YYYY-MM-DD; the cached result of a formula. */
function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as { result?: unknown }).result;
    if (r === undefined || r === null || (typeof r === 'object' && !(r instanceof Date))) return null;
    return plain(r as ExcelJS.CellValue);
  }
  if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? '');
  if ('error' in v) return null;
  return null;
}

const tooMany = () => new AppError('import_too_large', `The sheet has more than ${IMPORT_LIMITS.maxRows} rows.`, `表格超过 ${IMPORT_LIMITS.maxRows} 行。`);

/** Which row holds the headers: the first of the top ten that names `anchor` (the title column). */
function headerIndex(rows: readonly (readonly CellValue[])[], anchors: readonly string[]): number {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    if (rows[i]!.some((c) => typeof c === 'string' && anchors.includes(stripMark(c)))) return i;
  }
  return -1;
}

/** A header without its required mark (* or （必填）). */
export const stripMark = (h: string): string => h.replace(/\s*(\*|＊|（必填）|\(必填\)|\(required\))\s*$/u, '').trim();

/** Undoes the CSV export's quote before a leading = + - @. */
const unquote = (s: string): string => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

/**
 * Reads the first sheet of an .xlsx (or a UTF-8 CSV) whose header row names one of `anchors`.
 * @throws AppError `import_too_large`, `import_unreadable` (not a workbook, no header row).
 */
export async function readSheet(bytes: Buffer, anchors: readonly string[]): Promise<RawSheet> {
  checkLimits(bytes);
  let table: { row: number; cells: CellValue[] }[];
  if (isZip(bytes)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw unreadable('The file is not a readable .xlsx workbook.', '文件不是可读取的 .xlsx 工作簿。');
    }
    for (const ws of wb.worksheets) {
      if (ws.rowCount > IMPORT_LIMITS.maxRows + 20) throw tooMany();
      const rows: { row: number; cells: CellValue[] }[] = [];
      ws.eachRow({ includeEmpty: false }, (r, n) => {
        const cells: CellValue[] = [];
        r.eachCell({ includeEmpty: true }, (c, col) => {
          cells[col - 1] = plain(c.value);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= null;
        rows.push({ row: n, cells });
      });
      const at = headerIndex(
        rows.map((r) => r.cells),
        anchors,
      );
      if (at >= 0) return split(rows, at);
    }
    throw unreadable('No sheet has a header row with the title column.', '未找到含“事项名称”列的表头，请使用导出的台账或下载的模板。');
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, to: IMPORT_LIMITS.maxRows + 20 }) as string[][];
    table = records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : unquote(c))) }));
  } catch {
    throw unreadable('The file is neither an .xlsx workbook nor a readable CSV.', '文件既不是 .xlsx 工作簿，也不是可读取的 CSV。');
  }
  const at = headerIndex(
    table.map((r) => r.cells),
    anchors,
  );
  if (at < 0) throw unreadable('No header row with the title column.', '未找到含“事项名称”列的表头。');
  return split(table, at);
}

function split(rows: { row: number; cells: CellValue[] }[], at: number): RawSheet {
  const data = rows.slice(at + 1).filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (data.length > IMPORT_LIMITS.maxRows) throw tooMany();
  return { headers: rows[at]!.cells.map((c) => stripMark(c === null ? '' : String(c))), rows: data };
}
