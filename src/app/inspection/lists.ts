import type { ChecklistLine, InspectionPlace } from '../../domain/inspection/index.js';
import { AppError } from '../errors.js';
import { readSheet, type RawSheet } from '../exchange/read-sheet.js';

/*
 * The lists a plan is made from, as offices have them: the places as an .xlsx or CSV sheet (a name column and
 * optional 区县 and 地址 columns) or pasted one name per line, and the checklist as JSON or a sheet. Both are
 * untrusted files: the sheet reader's limits apply, and the plan's own validation checks what comes out.
 */

const NAME = ['名称', '检查对象', '场所', '单位名称', '场所名称', 'name', 'place'];
const DISTRICT = ['区县', '所属区县', '所属区', 'district'];
const ADDRESS = ['地址', '详细地址', 'address'];
const KEY = ['编号', '代码', 'key'];
const LABEL = ['检查项', '检查内容', 'label', 'item'];
const CATEGORY = ['类别', '隐患类别', 'category'];

/** The 隐患类别 as a sheet writes them (the hazard ledger type's option labels), to their keys. */
const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  设备设施: 'equipment',
  电气: 'electrical',
  消防: 'fire',
  危险化学品: 'hazardous_chemicals',
  建筑结构: 'structure',
  交通: 'traffic',
  管理: 'management',
  其他: 'other',
};

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

function column(sheet: RawSheet, names: readonly string[]): number {
  return sheet.headers.findIndex((h) => names.includes(h.trim()));
}

const cell = (cells: readonly (string | number | null)[], i: number): string | undefined => {
  if (i < 0) return undefined;
  const v = cells[i];
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? undefined : s;
};

/** Whether a text's first line is a header the sheet reader would find (else it is a pasted list of names). */
function hasHeader(text: string, anchors: readonly string[]): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(/[,\t]/).some((c) => anchors.includes(c.trim().replace(/^"|"$/g, '')));
}

/**
 * The places of a list: a sheet with a name column, or pasted text with one name per line.
 * @throws AppError `import_too_large`, `import_unreadable` (no name column).
 */
export async function readPlaceList(bytes: Buffer): Promise<InspectionPlace[]> {
  const text = isZip(bytes) ? '' : bytes.toString('utf8');
  if (!isZip(bytes) && !hasHeader(text, NAME)) {
    return text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((name) => ({ name }));
  }
  const sheet = await readSheet(bytes, NAME).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'import_unreadable'
      ? new AppError('import_unreadable', 'The place list needs a 名称 (name) column.', '检查对象清单须有“名称”列。')
      : e;
  });
  const [n, d, a] = [column(sheet, NAME), column(sheet, DISTRICT), column(sheet, ADDRESS)];
  return sheet.rows.flatMap((r) => {
    const name = cell(r.cells, n);
    if (name === undefined) return [];
    const district = cell(r.cells, d);
    const address = cell(r.cells, a);
    return [{ name, ...(district !== undefined && { district }), ...(address !== undefined && { address }) }];
  });
}

/**
 * A checklist template: JSON (`[{key, label, category}]`) or a sheet with 编号 / 检查项 / 类别 columns.
 * @throws AppError `import_unreadable`, `import_too_large`.
 */
export async function readChecklist(bytes: Buffer): Promise<Partial<ChecklistLine>[]> {
  const text = isZip(bytes)
    ? ''
    : bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as Partial<ChecklistLine>[];
    } catch {
      throw new AppError('import_unreadable', 'The checklist is not valid JSON.', '检查表不是合法的 JSON。');
    }
  }
  const sheet = await readSheet(bytes, LABEL).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'import_unreadable'
      ? new AppError('import_unreadable', 'The checklist needs a 检查项 (label) column, or JSON.', '检查表须有“检查项”列，或为 JSON。')
      : e;
  });
  const [k, l, c] = [column(sheet, KEY), column(sheet, LABEL), column(sheet, CATEGORY)];
  return sheet.rows.map((r, i) => {
    const given = cell(r.cells, c);
    const category = given === undefined ? undefined : (CATEGORY_LABELS[given] ?? given);
    return { key: cell(r.cells, k) ?? `line_${i + 1}`, label: cell(r.cells, l) ?? '', ...(category !== undefined && { category: category as ChecklistLine['category'] }) };
  });
}
