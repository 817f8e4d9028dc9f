import type { UnitId } from '../../domain/ids.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { localDay } from '../../domain/metrics/scoring.js';
import { toLocalDate } from '../../domain/time.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { ledgerTypesOf } from '../ledger-types/cache.js';
import { viewingScope } from '../items/load.js';
import { listItems, type ItemListQuery, type ItemRow } from '../items/queries.js';
import { sheetColumns, type SheetContext } from './columns.js';
import { LIGHT_WORDS, STATUS_WORDS, word, type Lang } from './labels.js';
import { maskedForExport } from './masking.js';
import { itemsCsv, itemsXlsx, type SheetMeta } from './sheet.js';

/** Rows an export may hold: larger lists are refused rather than cut silently. */
export const MAX_EXPORT_ROWS = 50_000;

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly lang?: Lang;
  /** An API token bound to a unit sees that unit's subtree only. */
  readonly narrowTo?: UnitId;
}

export interface ExportFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly body: Buffer;
  readonly rows: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The filter of an export in words, for the header block (what was left out matters to whoever reads it). */
function filterWords(q: ItemListQuery, types: ReadonlyMap<string, LedgerType>, unitName: (id: string) => string, lang: Lang): string {
  const zh = lang === 'zh';
  const sep = zh ? '、' : ', ';
  const parts: string[] = [];
  const add = (zhLabel: string, enLabel: string, values: readonly string[] | undefined) => {
    if (values?.length) parts.push(`${zh ? zhLabel : enLabel}${zh ? '：' : ': '}${values.join(sep)}`);
  };
  add(
    '台账类型',
    'Ledger type',
    q.ledgerTypes?.map((k) => (types.get(k) ? (zh ? types.get(k)!.name.zh : types.get(k)!.name.en) : k)),
  );
  add(
    '状态',
    'State',
    q.statuses?.map((s) => word(STATUS_WORDS[s], lang)),
  );
  add(
    '预警',
    'Light',
    q.lights?.map((l) => word(LIGHT_WORDS[l], lang)),
  );
  add('牵头单位', 'Lead unit', q.leadUnitIds?.map(unitName));
  if (q.deadlineFrom || q.deadlineTo) parts.push(`${zh ? '办理时限' : 'Deadline'} ${q.deadlineFrom ?? '…'} ~ ${q.deadlineTo ?? '…'}`);
  if (q.text) parts.push(`${zh ? '关键词' : 'Text'}「${q.text}」`);
  if (q.parentId) parts.push(`${zh ? '上级事项' : 'Parent'} ${q.parentId}`);
  return parts.length ? parts.join(zh ? '；' : '; ') : zh ? '全部' : 'all';
}

/**
 * 导出: the items the viewer may see under the filter, as the .xlsx offices file (or CSV), in the viewer's
 * language. Codes never appear: states, enums, units and lights are words. Free text of a type whose
 * `maskExports` is on leaves with personal data masked (masking.ts).
 * @throws AppError `export_too_large` past MAX_EXPORT_ROWS; what listItems throws.
 */
export async function exportItems(deps: AppDeps, viewer: ViewerRef, q: ItemListQuery, o: ExportOptions): Promise<ExportFile> {
  const lang = o.lang ?? 'zh';
  const rows: ItemRow[] = [];
  let after: string | null = null;
  do {
    const page = await listItems(deps, viewer, { ...q, limit: 1000, after }, o.narrowTo);
    rows.push(...page.items);
    after = page.nextCursor;
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new AppError('export_too_large', `More than ${MAX_EXPORT_ROWS} items match: narrow the filter.`, `符合条件的事项超过 ${MAX_EXPORT_ROWS} 项，请缩小筛选范围。`);
    }
  } while (after !== null);
  const scope = await viewingScope(deps, deps.store.read, viewer);
  const units = scope.units;
  const unitName = (id: string | null) => (id === null ? '' : (units.get(id)?.name ?? id));
  const types = ledgerTypesOf(deps, viewer.tenantId).all;
  const one = q.ledgerTypes?.length === 1 ? (types.get(q.ledgerTypes[0]!) ?? null) : null;
  const typeName = (k: string) => (types.get(k) ? (lang === 'zh' ? types.get(k)!.name.zh : types.get(k)!.name.en) : k);
  const today = toLocalDate(scope.now, scope.timeZone);
  const ctx: SheetContext = { lang, unitName, typeName, today: localDay(scope.now, scope.timeZone), timeZone: scope.timeZone };
  const columns = sheetColumns(one, types);
  const shown = rows.map((r) => maskedForExport(r, types.get(r.item.ledgerType)));
  const name = one ? `${typeName(one.key)}${lang === 'zh' ? '台账' : ' ledger'}` : lang === 'zh' ? '督办事项台账' : 'Items';
  if (o.format === 'csv') {
    return { fileName: `${name}-${today}.csv`, mediaType: 'text/csv; charset=utf-8', body: Buffer.from(itemsCsv(lang, columns, shown, ctx), 'utf8'), rows: rows.length };
  }
  const meta: SheetMeta = {
    title: name,
    unit: scope.acting ? unitName(scope.acting.actor.unitId) : lang === 'zh' ? '全部单位' : 'all units',
    exportedOn: today,
    filter: filterWords(q, types, (id) => unitName(id), lang),
    lang,
  };
  return { fileName: `${name}-${today}.xlsx`, mediaType: XLSX_TYPE, body: await itemsXlsx(meta, columns, shown, ctx), rows: rows.length };
}
