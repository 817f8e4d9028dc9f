import type { Item } from '../../domain/item.js';
import type { LightResult } from '../../domain/lights.js';
import type { SheetContext } from './columns.js';
import type { BoundColumn } from './plan.js';
import type { StepKind } from './steps.js';

/*
 * What a row will do, cell by cell, in the words of the sheet (unit names, labels, dates), so that the preview
 * of a dry run says exactly what the commit will write: 「转办 · 牵头单位：市水务局 → 市生态环境局」.
 */

export interface RowAction {
  /** create: 新建; edit: 修改 (a draft, or an item at work); assign: 交办; transfer: 转办; extension: 批准延期. */
  readonly kind: 'create' | StepKind;
  /** The column's header as the sheet names it. */
  readonly column: string;
  /** The cell as it was (null for a new item). */
  readonly from: string | null;
  readonly to: string;
}

/** A light no column of the preview reads: the cells an import writes never depend on it. */
const NO_LIGHT: LightResult = { light: 'none', reasons: [], calendarApproximate: false };

/** The cell of a column for an item, as text ('' when empty). */
function cellText(b: BoundColumn, item: Item, ctx: SheetContext): string {
  const v = b.column.value({ item, light: NO_LIGHT }, ctx);
  return v === null ? '' : String(v);
}

/** The actions of one step: each column it carries, from the item before it to the item after it. */
export function stepActions(kind: RowAction['kind'], columns: readonly string[], before: Item | null, after: Item, bound: readonly BoundColumn[], ctx: SheetContext): RowAction[] {
  const out: RowAction[] = [];
  for (const key of columns) {
    const b = bound.find((x) => x.column.key === key);
    if (!b) continue;
    out.push({ kind, column: b.header, from: before ? cellText(b, before, ctx) : null, to: cellText(b, after, ctx) });
  }
  return out;
}
