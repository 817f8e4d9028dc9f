import { readSheet } from '../exchange/read-sheet.js';
import type { ViewerRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { ingestCounts, type IngestOptions, type IngestReport } from './ingest.js';

/*
 * A count file as people upload it in the web: a CSV (UTF-8, or GB18030 as Excel saves it in a Chinese locale)
 * or the first sheet of an .xlsx whose header row names the region column. A workbook is read into the CSV the
 * import checks, and the report's lines are given back as the sheet's own row numbers.
 */

/** Largest count file (a city's weekly series over ten years is a few MiB). */
export const MAX_COUNT_FILE_BYTES = 16 * 1024 * 1024;

/** Header texts that mark the header row of a sheet (the region column, as parseSeriesCsv names it). */
const REGION_HEADERS = ['region', 'Region', 'REGION', 'unit', 'Unit', '地区', '区域', '单位'];

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** UTF-8 when the bytes are valid UTF-8, GB18030 otherwise. */
export function decodeCountText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v).replace(/[\r\n]+/g, ' ');
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The first sheet with a region header as CSV text, and the sheet row of each CSV line (index 0 is line 1). */
async function sheetAsCsv(bytes: Buffer): Promise<{ csv: string; rowOfLine: number[] }> {
  let sheet;
  try {
    sheet = await readSheet(bytes, REGION_HEADERS);
  } catch (e) {
    if (e instanceof AppError && e.code === 'import_unreadable') {
      throw new AppError(
        'import_unreadable',
        'The workbook has no sheet with a header row naming region, indicator, period and count.',
        '工作簿中没有表头为“地区、指标、日期、计数”的工作表。',
      );
    }
    throw e;
  }
  const headerRow = (sheet.rows[0]?.row ?? 2) - 1;
  return {
    csv: [sheet.headers.map(csvCell).join(','), ...sheet.rows.map((r) => r.cells.map(csvCell).join(','))].join('\n'),
    rowOfLine: [headerRow, ...sheet.rows.map((r) => r.row)],
  };
}

/**
 * Imports counts from an uploaded file, .xlsx or CSV, with the row report of ingestCounts (lines are sheet
 * rows for a workbook). `dryRun` checks and counts without writing.
 * @throws AppError `import_too_large`, `import_unreadable`; and as ingestCounts.
 */
export async function ingestCountFile(deps: AppDeps, by: ViewerRef, bytes: Buffer, options: IngestOptions = {}): Promise<IngestReport> {
  if (bytes.length > MAX_COUNT_FILE_BYTES) {
    throw new AppError('import_too_large', `The file is larger than ${MAX_COUNT_FILE_BYTES / 1024 / 1024} MB.`, `文件超过 ${MAX_COUNT_FILE_BYTES / 1024 / 1024} MB。`);
  }
  if (!isZip(bytes)) return ingestCounts(deps, by, decodeCountText(bytes), options);
  const { csv, rowOfLine } = await sheetAsCsv(bytes);
  const report = await ingestCounts(deps, by, csv, options);
  return { ...report, errors: report.errors.map((e) => ({ ...e, line: rowOfLine[e.line - 1] ?? e.line })) };
}
