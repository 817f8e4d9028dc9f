import type { UnitTree } from '../../domain/units.js';
import type { Item } from '../../domain/item.js';
import { CADENCES, PRIORITIES, type Cadence, type Priority } from '../../domain/item.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { isLocalDate } from '../../domain/time.js';
import { headerOf, NUMBER_KEY, VERSION_KEY, type SheetColumn } from './columns.js';
import { parseFieldCell, type CellValue } from './field-cells.js';
import { CADENCE_WORDS, codeOf, PRIORITY_WORDS } from './labels.js';

/*
 * One sheet row → what import would do with it: create an item, change one (its number and version read
 * from the hidden columns), or nothing; with every cell that cannot be read as a row error. Pure.
 */

export interface RowError {
  readonly row: number;
  /** The column's header as the sheet names it (empty when the row as a whole is refused). */
  readonly column: string;
  readonly code: string;
  readonly message: string;
  readonly messageEn: string;
}

/** What a row says about the writable columns present in the sheet (absent columns are not touched). */
export interface RowValues {
  title?: string;
  content?: string;
  priority?: Priority;
  leadUnitId?: string | null;
  coUnitIds?: string[];
  deadline?: string | null;
  cadence?: Cadence | null;
  fields: Record<string, unknown>;
}

export interface RowPlan {
  readonly row: number;
  readonly number: string | null;
  readonly version: number | null;
  readonly values: RowValues;
  readonly errors: RowError[];
}

export interface BoundColumn {
  readonly column: SheetColumn;
  readonly index: number;
  readonly header: string;
}

/** The sheet's headers matched to the columns (either language); unknown headers are ignored. */
export function bindColumns(headers: readonly string[], columns: readonly SheetColumn[]): BoundColumn[] {
  const out: BoundColumn[] = [];
  for (const column of columns) {
    const index = headers.findIndex((h) => h === headerOf(column, 'zh') || h === headerOf(column, 'en'));
    if (index >= 0) out.push({ column, index, header: headers[index]! });
  }
  return out;
}

const text = (c: CellValue): string => (c === null ? '' : String(c).trim());

/** Units by name (and by id): a name two units share must be given as an id. */
export function unitResolver(units: UnitTree): (given: string) => { id: string } | { error: 'unknown' | 'ambiguous' } {
  const byName = new Map<string, string[]>();
  for (const u of units.all()) byName.set(u.name, [...(byName.get(u.name) ?? []), u.id]);
  return (given) => {
    if (units.has(given)) return { id: given };
    const ids = byName.get(given) ?? [];
    if (ids.length === 1) return { id: ids[0]! };
    return { error: ids.length ? 'ambiguous' : 'unknown' };
  };
}

/** Reads one row of cells into a plan. */
export function planRow(row: number, cells: readonly CellValue[], bound: readonly BoundColumn[], type: LedgerType, unit: ReturnType<typeof unitResolver>): RowPlan {
  const errors: RowError[] = [];
  const values: RowValues = { fields: {} };
  let number: string | null = null;
  let version: number | null = null;
  const err = (b: BoundColumn, code: string, zh: string, en: string) => errors.push({ row, column: b.header, code, message: zh, messageEn: en });
  const units = (b: BoundColumn, given: string): string | null => {
    const r = unit(given);
    if ('id' in r) return r.id;
    if (r.error === 'ambiguous') err(b, 'unit_ambiguous', `单位名称「${given}」不唯一，请填写单位编号`, `Unit name "${given}" is shared by several units; give its id`);
    else err(b, 'unit_not_found', `单位「${given}」不存在`, `No unit "${given}"`);
    return null;
  };
  for (const b of bound) {
    const cell = cells[b.index] ?? null;
    const t = text(cell);
    const key = b.column.key;
    if (key === NUMBER_KEY) number = t || null;
    else if (key === VERSION_KEY) {
      if (t !== '') {
        const v = Number(t);
        if (Number.isInteger(v) && v > 0) version = v;
        else err(b, 'invalid_version', '版本列被改动，请重新导出后再编辑', 'The version column was changed; export again and edit that file');
      }
    } else if (!b.column.writable) continue;
    else if (key === 'title') values.title = t;
    else if (key === 'content') values.content = t;
    else if (key === 'priority') {
      if (t === '') values.priority = 'normal';
      else {
        const p = codeOf(PRIORITY_WORDS, t);
        if (p && (PRIORITIES as readonly string[]).includes(p)) values.priority = p;
        else err(b, 'invalid_choice', `「${t}」不是可选项(一般、重要、紧急)`, `"${t}" is not one of Normal, High, Urgent`);
      }
    } else if (key === 'cadence') {
      if (t === '') values.cadence = null;
      else {
        const c = codeOf(CADENCE_WORDS, t);
        if (c && (CADENCES as readonly string[]).includes(c)) values.cadence = c;
        else err(b, 'invalid_choice', `「${t}」不是可选项(每周、每半月、每月、每季度)`, `"${t}" is not a report cadence`);
      }
    } else if (key === 'leadUnit') values.leadUnitId = t === '' ? null : units(b, t);
    else if (key === 'coUnits') {
      const ids =
        t === ''
          ? []
          : t
              .split(/[、,，;；\n]+/u)
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => units(b, s));
      values.coUnitIds = ids.filter((x): x is string => x !== null);
    } else if (key === 'deadline') {
      if (t === '') values.deadline = null;
      else if (isLocalDate(t)) values.deadline = t;
      else err(b, 'invalid_date', `「${t}」不是日期(应为 年-月-日)`, `"${t}" is not a date (YYYY-MM-DD)`);
    } else if (key.startsWith('field:')) {
      const f = type.fields.find((x) => `field:${x.name}` === key)!;
      const p = parseFieldCell(f, cell);
      if (p.ok) values.fields[f.name] = p.value;
      else err(b, 'invalid_value', p.zh, p.en);
    }
  }
  return { row, number, version, values, errors };
}

export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The edit a row asks of an existing item — title, requirement, priority, fields; only what differs — or null when
 * nothing does: EditDraft's data for a draft, EditItem's for an item at work.
 */
export function editPatch(item: Item, v: RowValues): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  if (v.title !== undefined && v.title !== item.title) patch.title = v.title;
  if (v.content !== undefined && v.content !== item.content) patch.content = v.content;
  if (v.priority !== undefined && v.priority !== item.priority) patch.priority = v.priority;
  const fields: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v.fields)) if (!same(val, item.fields[k])) fields[k] = val;
  if (Object.keys(fields).length) patch.fields = fields;
  return Object.keys(patch).length ? patch : null;
}

/** Whether the row gives an assignment that differs from the item's (lead unit, co-units, deadline, cadence). */
export function assignmentChanged(item: Item | null, v: RowValues): boolean {
  if (v.leadUnitId === undefined || v.leadUnitId === null) return item !== null && item.leadUnitId !== null && v.leadUnitId === null;
  if (!item) return true;
  return (
    v.leadUnitId !== item.leadUnitId ||
    (v.coUnitIds !== undefined && !same([...v.coUnitIds].sort(), [...item.coUnitIds].sort())) ||
    (v.deadline !== undefined && v.deadline !== item.currentDeadline) ||
    (v.cadence !== undefined && v.cadence !== item.cadence)
  );
}

/** The column headers a row changes on an item (for the preview and for not-editable errors). */
export function changedHeaders(item: Item, v: RowValues, bound: readonly BoundColumn[]): string[] {
  const out: string[] = [];
  const h = (key: string) => bound.find((b) => b.column.key === key)?.header;
  const push = (key: string, changed: boolean) => {
    const header = h(key);
    if (changed && header) out.push(header);
  };
  push('title', v.title !== undefined && v.title !== item.title);
  push('content', v.content !== undefined && v.content !== item.content);
  push('priority', v.priority !== undefined && v.priority !== item.priority);
  push('leadUnit', v.leadUnitId !== undefined && v.leadUnitId !== item.leadUnitId);
  push('coUnits', v.coUnitIds !== undefined && !same([...v.coUnitIds].sort(), [...item.coUnitIds].sort()));
  push('deadline', v.deadline !== undefined && v.deadline !== item.currentDeadline);
  push('cadence', v.cadence !== undefined && v.cadence !== item.cadence);
  for (const [k, val] of Object.entries(v.fields)) push(`field:${k}`, !same(val, item.fields[k]));
  return out;
}
