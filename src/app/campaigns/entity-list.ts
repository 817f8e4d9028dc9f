import type { LedgerType } from '../../domain/ledger-types/index.js';
import { CodedError } from '../../domain/errors.js';
import { AppError } from '../errors.js';
import type { RowError } from '../exchange/plan.js';
import { readSheet } from '../exchange/read-sheet.js';

/*
 * The list of a per-entity campaign (一校一方案): a sheet or CSV with one row per entity — its name, and
 * optionally its district, kind (学段), code, responsible unit and contact. Headers are matched by the usual
 * Chinese or English words; other columns are ignored. Reading checks the cells only; who may do what is the
 * loop's business when the rows are written.
 */

/** The columns a list may have, each with the headers that name it. */
const HEADERS = {
  name: ['名称', '对象名称', '单位名称', 'name'],
  code: ['编码', '代码', '对象编码', 'code'],
  district: ['区县', '所属区县', '区', '县区', 'district'],
  kind: ['类型', '学段', '类别', 'type', 'kind'],
  unit: ['责任单位', '牵头单位', '主管单位', '主管部门', 'unit', 'lead unit'],
  contact: ['联系人', '负责人', '工作联系人', 'contact'],
} as const;
type Column = keyof typeof HEADERS;

export interface EntityRow {
  /** The 1-based row of the sheet, for errors. */
  readonly row: number;
  readonly name: string;
  readonly code?: string;
  readonly district?: string;
  readonly kind?: string;
  readonly unit?: string;
  readonly contact?: string;
}

export interface EntityList {
  readonly rows: readonly EntityRow[];
  /** Rows refused already by their cells (no name, a name twice). */
  readonly errors: readonly RowError[];
  /** The header each column was found under. */
  readonly headers: Readonly<Partial<Record<Column, string>>>;
}

/** The headers naming the entity column for this type: the generic ones and the type's own (学校, 学校名称). */
function nameHeaders(type: LedgerType): string[] {
  const per = type.perEntity;
  const field = per && type.fields.find((f) => f.name === per.field);
  return [...HEADERS.name, ...(per ? [per.entity.zh, `${per.entity.zh}名称`, per.entity.en, `${per.entity.en} name`] : []), ...(field ? [field.label.zh, field.label.en] : [])];
}

const norm = (h: string): string => h.trim().toLowerCase();
const text = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s || undefined;
};

/**
 * Reads the list of a per-entity campaign.
 * @throws AppError `import_too_large`, `import_unreadable` (not a sheet, or no header row naming the entity).
 */
export async function readEntityList(bytes: Buffer, type: LedgerType): Promise<EntityList> {
  const names = nameHeaders(type);
  let sheet;
  try {
    sheet = await readSheet(bytes, names);
  } catch (e) {
    if (e instanceof CodedError && e.code === 'import_unreadable' && /header/i.test(e.message)) {
      throw new AppError('import_unreadable', `No header row naming the list's entities (one of: ${names.join(', ')}).`, `未找到含名称列的表头(可用:${names.join('、')})。`);
    }
    throw e;
  }
  const wanted: Record<Column, readonly string[]> = { ...HEADERS, name: names };
  const at: Partial<Record<Column, number>> = {};
  const headers: Partial<Record<Column, string>> = {};
  sheet.headers.forEach((h, i) => {
    for (const col of Object.keys(wanted) as Column[]) {
      if (at[col] === undefined && wanted[col].some((w) => norm(w) === norm(h))) {
        at[col] = i;
        headers[col] = h;
      }
    }
  });
  const errors: RowError[] = [];
  const rows: EntityRow[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const cell = (col: Column) => (at[col] === undefined ? undefined : text(r.cells[at[col]]));
    const name = cell('name');
    if (!name) {
      errors.push({ row: r.row, column: headers.name ?? '', code: 'name_required', message: '名称不能为空', messageEn: 'The name is required' });
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push({
        row: r.row,
        column: headers.name ?? '',
        code: 'duplicate_entity',
        message: `「${name}」与第 ${first} 行重复:同一对象只能有一个方案`,
        messageEn: `"${name}" repeats row ${first}: one plan per entity`,
      });
      continue;
    }
    seen.set(name, r.row);
    rows.push({ row: r.row, name, code: cell('code'), district: cell('district'), kind: cell('kind'), unit: cell('unit'), contact: cell('contact') });
  }
  return { rows, errors, headers };
}
