import ExcelJS from 'exceljs';
import type { LedgerType } from '../domain/ledger-types/index.js';
import type { ItemRow } from '../app/items/queries.js';
import type { Lang } from './i18n.js';

/* Export of an item list in the ledger type's column set (Chinese headers by default), as .xlsx or CSV. */

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  assigned: ['已交办', 'Assigned'],
  in_progress: ['办理中', 'In progress'],
  closing: ['办结审核中', 'Closing'],
  closed: ['已办结', 'Closed'],
  cancelled: ['已撤销', 'Cancelled'],
};
const LIGHT: Record<string, [string, string, string | null]> = {
  red: ['红灯', 'Red', 'FFFF4D4F'],
  yellow: ['黄灯', 'Yellow', 'FFFFD666'],
  green: ['绿灯', 'Green', 'FF95DE64'],
  none: ['—', '—', null],
};

interface Column {
  readonly header: string;
  readonly width: number;
  readonly value: (r: ItemRow) => string | number;
}

function fieldText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v !== null && '$personal' in v) return '***';
  if (Array.isArray(v)) return v.map(fieldText).join('；');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The columns: the common ones, then the extra fields of the ledger type when the list is of one type. */
export function columnsFor(type: LedgerType | null, unitName: (id: string | null) => string, lang: Lang): Column[] {
  const zh = lang === 'zh';
  const t = (a: string, b: string) => (zh ? a : b);
  const cols: Column[] = [
    { header: t('编号', 'Number'), width: 22, value: (r) => r.item.number },
    { header: t('标题', 'Title'), width: 40, value: (r) => r.item.title },
    { header: t('台账类型', 'Ledger type'), width: 14, value: (r) => r.item.ledgerType },
    { header: t('状态', 'State'), width: 12, value: (r) => STATUS[r.item.status]?.[zh ? 0 : 1] ?? r.item.status },
    { header: t('牵头单位', 'Lead unit'), width: 20, value: (r) => unitName(r.item.leadUnitId) },
    { header: t('配合单位', 'Co-units'), width: 24, value: (r) => r.item.coUnitIds.map(unitName).join('、') },
    { header: t('原定时限', 'Original deadline'), width: 14, value: (r) => r.item.originalDeadline ?? '' },
    { header: t('当前时限', 'Current deadline'), width: 14, value: (r) => r.item.currentDeadline ?? '' },
    { header: t('进度(%)', 'Progress (%)'), width: 10, value: (r) => r.item.progress },
    { header: t('进展情况', 'Progress note'), width: 40, value: (r) => r.item.progressNote ?? '' },
    { header: t('预警', 'Light'), width: 8, value: (r) => LIGHT[r.light.light]?.[zh ? 0 : 1] ?? r.light.light },
  ];
  for (const f of type?.fields ?? []) cols.push({ header: zh ? f.label.zh : f.label.en, width: 20, value: (r) => fieldText(r.item.fields[f.name]) });
  return cols;
}

/** Index of the light column, coloured in the workbook. */
const LIGHT_COLUMN = 11;

export async function toXlsx(rows: readonly ItemRow[], columns: readonly Column[], sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Luoshi 落实';
  const ws = wb.addWorksheet(sheetName.slice(0, 31) || 'items', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => c.value(r)));
    const colour = LIGHT[r.light.light]?.[2];
    if (colour) row.getCell(LIGHT_COLUMN).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(v: string | number): string {
  let s = String(v);
  // A leading = + - @ would run as a formula when the file is opened in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a UTF-8 BOM, so Excel opens the Chinese text correctly. */
export function toCsv(rows: readonly ItemRow[], columns: readonly Column[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
