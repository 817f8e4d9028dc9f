import type { LedgerType } from '../../domain/ledger-types/index.js';
import { closureOutcome, standing } from '../../domain/metrics/scoring.js';
import { toLocalDate } from '../../domain/time.js';
import type { ItemRow } from '../items/queries.js';
import { fieldCell, importable, LIST_SEPARATOR, type CellValue } from './field-cells.js';
import { CADENCE_WORDS, CLOSURE_WORDS, LIGHT_WORDS, PRIORITY_WORDS, STATUS_WORDS, TIMELINESS_WORDS, word, type Lang } from './labels.js';

/*
 * The column set of an item sheet, shared by export, the import template and import: each column has a stable
 * key, a header in both languages and the cell of an item. Import finds columns by header, in either language.
 */

export interface SheetContext {
  readonly lang: Lang;
  readonly unitName: (id: string | null) => string;
  readonly typeName: (key: string) => string;
  /** Local day number of "today" and the city's time zone, for 按期/超期 of closed items. */
  readonly today: number;
  readonly timeZone: string;
}

export type ColumnKind = 'text' | 'date' | 'number' | 'percent';

export interface SheetColumn {
  readonly key: string;
  readonly header: { readonly zh: string; readonly en: string };
  readonly width: number;
  readonly kind: ColumnKind;
  /** Import writes this column (title, content, units, deadline, cadence, priority, the type's own fields). */
  readonly writable: boolean;
  /** Needed on a new item's row (marked * in the template). */
  readonly required?: boolean;
  /** Kept for round trips, not for reading (系统编号, 版本). */
  readonly hidden?: boolean;
  readonly value: (r: ItemRow, c: SheetContext) => CellValue;
}

export const NUMBER_KEY = 'recordNumber';
export const VERSION_KEY = 'recordVersion';

const h = (zh: string, en: string) => ({ zh, en });

/** Items closed count as fully done whatever their last report said. */
const progressOf = (r: ItemRow): number => (r.item.status === 'closed' ? 100 : r.item.progress);

function lightText(r: ItemRow, c: SheetContext): string {
  const { item } = r;
  if (item.status === 'closed') {
    const s = standing(item, c.today, c.timeZone);
    if (!s.due) return word(LIGHT_WORDS.none, c.lang);
    return word(s.onTime ? TIMELINESS_WORDS.onTime : TIMELINESS_WORDS.late, c.lang);
  }
  return word(LIGHT_WORDS[r.light.light], c.lang);
}

/** 按期办结, or 超期办结 with the days late, as the web says it (the light column keeps the short word). */
function timeliness(r: ItemRow, c: SheetContext): string {
  const o = closureOutcome(r.item, c.timeZone);
  if (!o) return '';
  if (o.onTime) return word(CLOSURE_WORDS.onTime, c.lang);
  if (o.daysLate === null) return word(CLOSURE_WORDS.late, c.lang);
  return c.lang === 'zh' ? `超期办结 ${o.daysLate} 天` : `Closed ${o.daysLate} day${o.daysLate === 1 ? '' : 's'} late`;
}

function stageName(r: ItemRow, types: ReadonlyMap<string, LedgerType>, lang: Lang): string {
  if (r.item.status !== 'closing' || r.item.stageKey === null) return '';
  const s = types.get(r.item.ledgerType)?.closureStages.find((x) => x.key === r.item.stageKey);
  return s ? (lang === 'zh' ? s.name.zh : s.name.en) : r.item.stageKey;
}

/**
 * The columns: the common ones, the extra fields of the ledger type when the sheet is of one type, then the
 * hidden record number and version that let an edited sheet come back as updates.
 */
export function sheetColumns(one: LedgerType | null, types: ReadonlyMap<string, LedgerType>): SheetColumn[] {
  const cols: SheetColumn[] = [
    { key: 'seq', header: h('序号', 'No.'), width: 6, kind: 'number', writable: false, value: () => null },
    { key: 'number', header: h('编号', 'Number'), width: 20, kind: 'text', writable: false, value: (r) => r.item.number },
    { key: 'title', header: h('事项名称', 'Title'), width: 36, kind: 'text', writable: true, required: true, value: (r) => r.item.title },
    { key: 'content', header: h('任务要求', 'Requirement'), width: 40, kind: 'text', writable: true, value: (r) => r.item.content },
  ];
  if (!one) cols.push({ key: 'ledgerType', header: h('台账类型', 'Ledger type'), width: 14, kind: 'text', writable: false, value: (r, c) => c.typeName(r.item.ledgerType) });
  cols.push(
    { key: 'priority', header: h('优先级', 'Priority'), width: 8, kind: 'text', writable: true, value: (r, c) => word(PRIORITY_WORDS[r.item.priority], c.lang) },
    { key: 'status', header: h('状态', 'State'), width: 11, kind: 'text', writable: false, value: (r, c) => word(STATUS_WORDS[r.item.status], c.lang) },
    { key: 'stage', header: h('当前环节', 'Stage'), width: 10, kind: 'text', writable: false, value: (r, c) => stageName(r, types, c.lang) },
    { key: 'leadUnit', header: h('牵头单位', 'Lead unit'), width: 18, kind: 'text', writable: true, value: (r, c) => c.unitName(r.item.leadUnitId) },
    { key: 'coUnits', header: h('配合单位', 'Co-units'), width: 22, kind: 'text', writable: true, value: (r, c) => r.item.coUnitIds.map(c.unitName).join(LIST_SEPARATOR) },
    { key: 'originalDeadline', header: h('原定时限', 'Original deadline'), width: 12, kind: 'date', writable: false, value: (r) => r.item.originalDeadline },
    { key: 'deadline', header: h('办理时限', 'Deadline'), width: 12, kind: 'date', writable: true, value: (r) => r.item.currentDeadline },
    {
      key: 'cadence',
      header: h('反馈周期', 'Report cadence'),
      width: 9,
      kind: 'text',
      writable: true,
      value: (r, c) => (r.item.cadence ? word(CADENCE_WORDS[r.item.cadence], c.lang) : null),
    },
    { key: 'progress', header: h('进度', 'Progress'), width: 8, kind: 'percent', writable: false, value: (r) => progressOf(r) },
    { key: 'progressNote', header: h('进展情况', 'Progress note'), width: 36, kind: 'text', writable: false, value: (r) => r.item.progressNote },
    { key: 'light', header: h('预警', 'Light'), width: 8, kind: 'text', writable: false, value: lightText },
    { key: 'timeliness', header: h('办结情况', 'Timeliness'), width: 9, kind: 'text', writable: false, value: timeliness },
    {
      key: 'closedAt',
      header: h('办结时间', 'Closed on'),
      width: 12,
      kind: 'date',
      writable: false,
      value: (r, c) => (r.item.closedAt ? toLocalDate(r.item.closedAt, c.timeZone) : null),
    },
  );
  for (const f of one?.fields ?? []) {
    const kind: ColumnKind = f.kind === 'date' ? 'date' : f.kind === 'number' || f.kind === 'integer' ? 'number' : 'text';
    cols.push({
      key: `field:${f.name}`,
      header: f.label,
      width: f.kind === 'text' || f.kind === 'text_list' ? 24 : 12,
      kind,
      writable: importable(f),
      required: f.required === true && f.filledAt !== 'closure',
      value: (r, c) => fieldCell(f, r.item.fields[f.name], c.lang),
    });
  }
  cols.push(
    { key: NUMBER_KEY, header: h('系统编号(勿改)', 'Record number (keep)'), width: 20, kind: 'text', writable: false, hidden: true, value: (r) => r.item.number },
    { key: VERSION_KEY, header: h('版本(勿改)', 'Version (keep)'), width: 6, kind: 'number', writable: false, hidden: true, value: (r) => r.item.version },
  );
  return cols;
}

export const headerOf = (c: SheetColumn, lang: Lang): string => (lang === 'zh' ? c.header.zh : c.header.en);
