import type { Instant, LocalDate } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { addDays, isLocalDate, toLocalDate } from '../../domain/time.js';
import type { SignalDetection } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { itemVisible } from '../visibility.js';
import { isoWeekLabel } from './periods.js';
import { responseFigures, type AlarmRecord, type ResponseFigures } from './response-figures.js';
import { signalsScope } from './scope.js';

export interface SignalStatsQuery {
  /** First and last day (city time) of the alarms counted; all alarms when absent. */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** The response window in hours; 24 as in CIDARS. */
  readonly windowHours?: number;
}

export type UnitFigures = ResponseFigures & { readonly unitId: string; readonly unitName: string };
export type UnitWeekFigures = UnitFigures & { readonly week: string };

export interface SignalStats {
  readonly computedAt: Instant;
  readonly from: LocalDate | null;
  readonly to: LocalDate | null;
  readonly windowHours: number;
  readonly totals: ResponseFigures;
  readonly byUnit: readonly UnitFigures[];
  /** Signals per unit per ISO week of the alarm (city time), with their response figures. */
  readonly byUnitWeek: readonly UnitWeekFigures[];
}

function checkQuery(q: SignalStatsQuery): void {
  for (const [name, d] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (d !== undefined && !isLocalDate(d)) throw new AppError('invalid_input', `${name} must be written YYYY-MM-DD: ${d}.`, `${name} 应写作 YYYY-MM-DD:${d}。`);
  }
  if (q.from && q.to && q.from > q.to) throw new AppError('invalid_input', `from ${q.from} is after to ${q.to}.`, `起始日期 ${q.from} 晚于截止日期 ${q.to}。`);
  const w = q.windowHours;
  if (w !== undefined && !(Number.isFinite(w) && w > 0 && w <= 24 * 365)) {
    throw new AppError('invalid_input', `The response window must be a positive number of hours.`, `响应时限须为正的小时数。`);
  }
}

async function loadItems(deps: AppDeps, tenantId: string, alarms: readonly SignalDetection[]): Promise<Map<string, Item>> {
  const ids = alarms.map((a) => a.itemId!);
  const out = new Map<string, Item>();
  for (let i = 0; i < ids.length; i += 500) for (const item of await deps.store.read.items.getMany(tenantId, ids.slice(i, i + 500))) out.set(item.id, item);
  return out;
}

type WeekRecord = AlarmRecord & { readonly week: string };

function grouped(records: readonly WeekRecord[], key: (r: WeekRecord) => string): Map<string, WeekRecord[]> {
  const out = new Map<string, WeekRecord[]>();
  for (const r of records) {
    const k = key(r);
    const g = out.get(k);
    if (g) g.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The CIDARS figures of the alarms a reader may see: signals per unit and per unit and week, the response
 * rate within the window (24 h) and the median response time (alarm → acceptance), the same for the
 * verification outcome (alarm → closure request), and the true / false alarm counts of closed items.
 * @throws AppError `invalid_input` (bad dates or window), `business_data_forbidden`, `user_not_found`.
 */
export async function signalStatistics(deps: AppDeps, by: ViewerRef, q: SignalStatsQuery = {}): Promise<SignalStats> {
  checkQuery(q);
  const read = deps.store.read;
  const scope = await signalsScope(deps, read, by, 'read');
  const windowHours = q.windowHours ?? 24;
  // A day either side of the UTC bounds covers any city zone; the exact cut is on the city's date below.
  const alarms = (
    await read.signals.detections.listAlarms(by.tenantId, {
      from: q.from ? `${addDays(q.from, -1)}T00:00:00.000Z` : undefined,
      to: q.to ? `${addDays(q.to, 2)}T00:00:00.000Z` : undefined,
    })
  ).filter((a) => {
    const day = toLocalDate(a.alarmAt!, scope.timeZone);
    return (!q.from || day >= q.from) && (!q.to || day <= q.to);
  });
  const items = await loadItems(deps, by.tenantId, alarms);
  const records = alarms.flatMap((a): WeekRecord[] => {
    const item = items.get(a.itemId!);
    if (!item || (scope.visible !== null && !itemVisible(item, scope.visible))) return [];
    return [{ alarmAt: a.alarmAt!, unitId: a.unitId!, week: isoWeekLabel(toLocalDate(a.alarmAt!, scope.timeZone)), item }];
  });
  const name = (id: string): string => scope.units.get(id)?.name ?? id;
  const byUnit = [...grouped(records, (r) => r.unitId)].map(([unitId, rs]) => ({ unitId, unitName: name(unitId), ...responseFigures(rs, scope.now, windowHours) }));
  const byUnitWeek = [...grouped(records, (r) => `${r.unitId}\u0000${r.week}`)].map(([, rs]) => ({
    unitId: rs[0]!.unitId,
    unitName: name(rs[0]!.unitId),
    week: rs[0]!.week,
    ...responseFigures(rs, scope.now, windowHours),
  }));
  byUnit.sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh') || a.unitId.localeCompare(b.unitId));
  byUnitWeek.sort((a, b) => a.week.localeCompare(b.week) || a.unitName.localeCompare(b.unitName, 'zh'));
  return { computedAt: scope.now, from: q.from ?? null, to: q.to ?? null, windowHours, totals: responseFigures(records, scope.now, windowHours), byUnit, byUnitWeek };
}
