/**
 * Checks parsed count rows against the tenant: known indicator with the right period kind, known region unit
 * within the writer's scope, no period in the future, no period twice once names are resolved. Pure.
 */
import type { LocalDate } from '../../domain/ids.js';
import type { CsvErrorCode, SeriesRow } from '../../signals/index.js';
import type { SignalCount, SignalIndicator, StoredUnit } from '../../store/index.js';
import { unitLookup, unitLookupMessage } from './units.js';

export type IngestErrorCode = CsvErrorCode | 'unknown_indicator' | 'unknown_unit' | 'ambiguous_unit' | 'period_kind_mismatch' | 'future_period' | 'unit_out_of_scope';

/** One problem of an imported file, on a line (1-based, the header is line 1) and a column. */
export interface IngestError {
  readonly line: number;
  readonly column?: string;
  readonly code: IngestErrorCode;
  readonly message: string;
  readonly messageZh: string;
}

export interface RowContext {
  readonly indicators: readonly SignalIndicator[];
  readonly units: readonly StoredUnit[];
  /** Regions the writer may write for; null for all. */
  readonly regions: ReadonlySet<string> | null;
  /** Today in the city: a period starting after it has not begun. */
  readonly today: LocalDate;
}

const KIND_ZH = { day: '日', week: '周' } as const;

/** Resolves and checks rows; returns the counts to store and one error per rejected row. */
export function checkRows(rows: readonly SeriesRow[], ctx: RowContext): { counts: (SignalCount & { line: number })[]; errors: IngestError[] } {
  const byKey = new Map(ctx.indicators.map((i) => [i.key, i]));
  const byName = new Map<string, SignalIndicator[]>();
  for (const i of ctx.indicators) byName.set(i.name, [...(byName.get(i.name) ?? []), i]);
  const findUnit = unitLookup(ctx.units);
  const counts: (SignalCount & { line: number })[] = [];
  const errors: IngestError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const fail = (code: IngestErrorCode, column: string, message: string, messageZh: string) => errors.push({ line: r.line, column, code, message, messageZh });
    const named = byName.get(r.indicator);
    const indicator = byKey.get(r.indicator) ?? (named?.length === 1 ? named[0] : undefined);
    if (!indicator) {
      fail('unknown_indicator', 'indicator', `no indicator "${r.indicator}" is configured`, `未配置指标“${r.indicator}”`);
      continue;
    }
    const unit = findUnit(r.region);
    if (!unit.ok) {
      const m = unitLookupMessage(r.region, unit.code);
      fail(unit.code, 'region', m.message, m.messageZh);
      continue;
    }
    if (ctx.regions !== null && !ctx.regions.has(unit.unit.id)) {
      fail('unit_out_of_scope', 'region', `${unit.unit.name} is outside your scope`, `「${unit.unit.name}」不在您的管辖范围内`);
      continue;
    }
    if (r.periodKind !== indicator.frequency) {
      fail(
        'period_kind_mismatch',
        'period',
        `indicator ${indicator.key} is counted per ${indicator.frequency}; "${r.period}" is a ${r.periodKind}`,
        `指标 ${indicator.key} 按${KIND_ZH[indicator.frequency]}统计，“${r.period}”却是${KIND_ZH[r.periodKind]}`,
      );
      continue;
    }
    if (r.periodStart > ctx.today) {
      fail('future_period', 'period', `period ${r.period} has not begun (today is ${ctx.today})`, `期间 ${r.period} 尚未开始（今天是 ${ctx.today}）`);
      continue;
    }
    const key = `${indicator.key}\u0000${unit.unit.id}\u0000${r.period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(
        'duplicate_period',
        'period',
        `${unit.unit.name}/${indicator.key} ${r.period} is also on line ${first}`,
        `${unit.unit.name}/${indicator.key} 的期间 ${r.period} 与第 ${first} 行重复`,
      );
      continue;
    }
    seen.set(key, r.line);
    counts.push({ line: r.line, indicatorKey: indicator.key, regionUnitId: unit.unit.id, period: r.period, periodStart: r.periodStart, count: r.count });
  }
  return { counts, errors };
}
