import ExcelJS from 'exceljs';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { itemLedgerType, ledgerTypesOf } from '../ledger-types/cache.js';
import { viewingScope } from '../items/load.js';
import { headerOf, sheetColumns, type SheetColumn } from './columns.js';
import { CADENCE_WORDS, PRIORITY_WORDS, YES_NO, type Lang } from './labels.js';
import { HEADER_ROWS, safeSheetName } from './sheet.js';

/*
 * The import template of a ledger type: the writable columns with required ones marked *, dropdowns (Excel
 * data validation) for choices and units, date checks for dates, and a sheet of instructions.
 */

/** Rows of the template that carry the dropdowns. */
const TEMPLATE_ROWS = 2000;
const UNITS_SHEET = '单位';

const columnLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A choice list in the formula form Excel takes inline (at most 255 characters) . */
const inline = (words: readonly string[]): string => `"${words.join(',')}"`;

function choicesOf(c: SheetColumn, type: LedgerType, lang: Lang): string[] | null {
  const w = (x: readonly [string, string]) => (lang === 'zh' ? x[0] : x[1]);
  if (c.key === 'priority') return Object.values(PRIORITY_WORDS).map(w);
  if (c.key === 'cadence') return Object.values(CADENCE_WORDS).map(w);
  if (!c.key.startsWith('field:')) return null;
  const f = type.fields.find((x) => `field:${x.name}` === c.key)!;
  if (f.kind === 'enum') return (f.options ?? []).map((o) => (lang === 'zh' ? o.label.zh : o.label.en));
  if (f.kind === 'boolean') return [w(YES_NO.yes), w(YES_NO.no)];
  return null;
}

const INSTRUCTIONS_ZH = [
  '填写说明',
  '1. 每行一个事项；带 * 的列必填。请勿修改表头，第 1–3 行为表头说明，可不填。',
  '2. 牵头单位、配合单位填写单位全称(可从下拉列表选择)；配合单位有多个时用顿号“、”分隔。',
  '3. 填写牵头单位即视为交办：办理时限为空时按台账类型的默认时限计算；不填牵头单位则只立项(草稿)。',
  '4. 日期填写为 年-月-日(如 2026-06-30)，或使用 Excel 日期。',
  '5. 公式单元格按其计算结果读取，不会执行公式。',
  '6. 修改已有事项：请先导出台账，在导出文件上修改后导入；隐藏的“系统编号”“版本”两列请勿改动。只能修改草稿事项；导出后被他人修改过的事项会被拒绝(冲突)，请重新导出。',
  '7. 导入前可先“试导入”(预览)，查看每行将新建、修改或被拒绝的原因。',
];
const INSTRUCTIONS_EN = [
  'How to fill in',
  '1. One item per row; columns marked * are required. Keep the header row as it is.',
  '2. Give units by their full name (pick from the dropdown); separate several co-units with 、.',
  '3. A lead unit assigns the item: an empty deadline takes the ledger type’s default time limit. Without a lead unit the item is recorded as a draft.',
  '4. Dates as YYYY-MM-DD, or Excel dates.',
  '5. Formula cells are read as their cached result, never evaluated.',
  '6. To change existing items, export the ledger, edit that file and import it; leave the hidden record number and version columns alone. Only drafts can be changed; an item changed by someone else since the export is refused as a conflict.',
  '7. Run a dry run first to preview what each row would create, change, or why it is refused.',
];

/**
 * 导入模板: the .xlsx to fill in for a ledger type, in the reader's language.
 * @throws DomainError `ledger_type_not_found`; AppError `business_data_forbidden` for admin roles.
 */
export async function importTemplate(deps: AppDeps, viewer: ViewerRef, ledgerType: string, lang: Lang = 'zh'): Promise<{ fileName: string; body: Buffer }> {
  const scope = await viewingScope(deps, deps.store.read, viewer);
  const type = itemLedgerType(deps, viewer.tenantId, ledgerType);
  const columns = sheetColumns(type, ledgerTypesOf(deps, viewer.tenantId).all).filter((c) => c.writable);
  const typeName = lang === 'zh' ? type.name.zh : type.name.en;
  const title = lang === 'zh' ? `${typeName}导入模板` : `${typeName} import template`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Luoshi 落实';
  const ws = wb.addWorksheet(safeSheetName(typeName), {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(2, 1).value = lang === 'zh' ? '带 * 的列必填；填写说明见“填写说明”工作表。' : 'Columns marked * are required; see the instructions sheet.';
  ws.mergeCells(2, 1, 2, columns.length);
  const units = scope.units.all().map((u) => u.name);
  const unitSheet = wb.addWorksheet(UNITS_SHEET, { state: 'veryHidden' });
  [...new Set(units)].forEach((name, i) => (unitSheet.getCell(i + 1, 1).value = name));
  const unitRange = `'${UNITS_SHEET}'!$A$1:$A$${Math.max(new Set(units).size, 1)}`;
  // exceljs takes range addresses (A5:A2004) at run time; its typings only know single cells.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const first = HEADER_ROWS + 1;
  const last = HEADER_ROWS + TEMPLATE_ROWS;
  columns.forEach((c, i) => {
    const cell = ws.getCell(HEADER_ROWS, i + 1);
    cell.value = `${headerOf(c, lang)}${c.required ? '*' : ''}`;
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const range = `${columnLetter(i + 1)}${first}:${columnLetter(i + 1)}${last}`;
    const choices = choicesOf(c, type, lang);
    const error = lang === 'zh' ? '请从下拉列表中选择' : 'Pick a value from the list';
    if (choices && inline(choices).length <= 255) {
      validations.add(range, { type: 'list', allowBlank: !c.required, formulae: [inline(choices)], showErrorMessage: true, error });
    } else if (c.key === 'leadUnit') {
      validations.add(range, { type: 'list', allowBlank: true, formulae: [unitRange], showErrorMessage: true, error });
    } else if (c.kind === 'date') {
      validations.add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date('2000-01-01T00:00:00Z')],
        showErrorMessage: true,
        error: lang === 'zh' ? '请填写日期' : 'Enter a date',
      });
      ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    }
  });
  const help = wb.addWorksheet(lang === 'zh' ? '填写说明' : 'Instructions');
  help.getColumn(1).width = 110;
  (lang === 'zh' ? INSTRUCTIONS_ZH : INSTRUCTIONS_EN).forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  const fields = columns.map((c) => `${headerOf(c, lang)}${c.required ? ' *' : ''}${choicesOf(c, type, lang) ? `：${choicesOf(c, type, lang)!.join('、')}` : ''}`);
  help.getCell(INSTRUCTIONS_ZH.length + 2, 1).value = lang === 'zh' ? '各列：' : 'Columns:';
  fields.forEach((f, i) => (help.getCell(INSTRUCTIONS_ZH.length + 3 + i, 1).value = f));
  return { fileName: `${title}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
