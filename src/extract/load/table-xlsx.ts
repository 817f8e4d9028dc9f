import ExcelJS from 'exceljs';
import { loadError } from './errors.js';
import { layoutBlocks, type LoadedTable } from './layout.js';
import { checkZip, type ZipLimits } from './zip-guard.js';

/** A table as rows of cell texts; a merged cell's text is repeated into every cell it covers. */
export type TableRows = string[][];

const MAX_CELLS = 200_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The text of an ExcelJS cell value: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/**
 * Every worksheet of an .xlsx as a table. The ZIP is checked first (sizes, bombs), as for a .docx.
 *
 * @throws DomainError `readout_corrupt`, `readout_bomb`, `readout_unsupported_format`, `readout_too_large`.
 */
export async function xlsxTables(bytes: Uint8Array, limits?: ZipLimits): Promise<TableRows[]> {
  const names = checkZip(bytes, limits);
  if (!names.includes('xl/workbook.xml')) throw loadError('readout_unsupported_format', 'a ZIP archive that is not an .xlsx');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'xlsx');
  }
  const tables: TableRows[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount * ws.columnCount > MAX_CELLS) throw loadError('readout_too_large', `worksheet ${ws.name}`);
    const rows: TableRows = [];
    for (let r = 1; r <= ws.rowCount; r += 1) {
      const row: string[] = [];
      for (let c = 1; c <= ws.columnCount; c += 1) {
        const cell = ws.getCell(r, c);
        row.push(
          cellText((cell.isMerged ? cell.master : cell).value)
            .replace(/\r\n?/g, '\n')
            .trim(),
        );
      }
      if (row.some((x) => x !== '')) rows.push(row);
    }
    if (rows.length > 0) tables.push(rows);
  }
  return tables;
}

/**
 * An .xlsx as text and tables: every worksheet a table, one line per row (layout.ts).
 *
 * @throws DomainError as `xlsxTables`, and `readout_empty` for a workbook without a filled cell.
 */
export async function xlsxDocument(bytes: Uint8Array, limits?: ZipLimits): Promise<{ text: string; tables: LoadedTable[] }> {
  const doc = layoutBlocks(await xlsxTables(bytes, limits));
  if (!doc.text.trim()) throw loadError('readout_empty', 'no filled cell in the workbook');
  return doc;
}
