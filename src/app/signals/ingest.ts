import { toLocalDate } from '../../domain/time.js';
import { parseSeriesCsv } from '../../signals/index.js';
import type { SignalCount, TransactionContext } from '../../store/index.js';
import { nowInstant, type AppDeps, type ViewerRef } from '../context.js';
import { checkRows, type IngestError } from './ingest-rows.js';
import { eventActor, signalsScope, type SignalsScope } from './scope.js';

export interface IngestOptions {
  /** Write the valid rows of a file that has errors (by default such a file writes nothing). */
  readonly skipInvalid?: boolean;
  /** Check and count only (试导入): the report says what the import would insert, update and leave, and nothing is written. */
  readonly dryRun?: boolean;
}

/** What an import did. Aggregate counts only: the file never holds records about people. */
export interface IngestReport {
  /** Whether the counts were written (false: a dry run, the file had errors and `skipInvalid` was not set, or nothing was valid). */
  readonly committed: boolean;
  /** Rows that passed every check. */
  readonly valid: number;
  /** Rows (lines) rejected with an error. */
  readonly invalid: number;
  readonly inserted: number;
  readonly updated: number;
  /** Valid rows identical to what was stored: a re-sent file changes nothing. */
  readonly unchanged: number;
  /** Series (indicator × region) the valid rows belong to. */
  readonly series: number;
  readonly errors: readonly IngestError[];
}

const key = (c: Pick<SignalCount, 'indicatorKey' | 'regionUnitId' | 'period'>): string => `${c.indicatorKey}\u0000${c.regionUnitId}\u0000${c.period}`;

/** Splits valid counts into new, changed and identical ones by what is stored. */
async function classify(tx: TransactionContext, tenantId: string, counts: readonly SignalCount[]) {
  const starts = counts.map((c) => c.periodStart).sort();
  const indicators = [...new Set(counts.map((c) => c.indicatorKey))];
  const stored = new Map((await tx.signals.counts.listBetween(tenantId, indicators, starts[0]!, starts[starts.length - 1]!)).map((c) => [key(c), c.count]));
  const fresh: SignalCount[] = [];
  const changed: SignalCount[] = [];
  for (const c of counts) {
    const k = key(c);
    if (!stored.has(k)) fresh.push(c);
    else if (stored.get(k) !== c.count) changed.push(c);
  }
  return { fresh, changed, from: starts[0]!, to: starts[starts.length - 1]! };
}

async function write(deps: AppDeps, tx: TransactionContext, scope: SignalsScope, tenantId: string, counts: readonly SignalCount[], skipped: number) {
  const { fresh, changed, from, to } = await classify(tx, tenantId, counts);
  const at = nowInstant(deps);
  if (fresh.length + changed.length > 0) {
    await tx.signals.counts.upsertMany(tenantId, [...fresh, ...changed], at);
    const indicators = [...new Set(counts.map((c) => c.indicatorKey))].sort();
    const payload = { inserted: fresh.length, updated: changed.length, unchanged: counts.length - fresh.length - changed.length, skipped, indicators, from, to };
    await tx.appendEvents(tenantId, [{ itemId: null, type: 'SignalCountsIngested', ...eventActor(scope), at, payload }]);
  }
  return { inserted: fresh.length, updated: changed.length, unchanged: counts.length - fresh.length - changed.length };
}

/**
 * Imports aggregate counts from CSV text (columns region, indicator, period, count; see parseSeriesCsv):
 * every row is checked (format, known indicator and region unit, period kind of the indicator, scope of the
 * writer, no future period) and reported with its line, column and a message in both languages. The file is
 * one transaction; a file with any error writes nothing unless `skipInvalid` is set, and a dry run writes nothing but
 * says what the valid rows would insert, update or leave unchanged. Rows are upserted per
 * (indicator, region, period), so importing the same file twice changes nothing the second time.
 * @throws AppError `user_not_found`, `business_data_forbidden`, `tenant_not_found`; DomainError `forbidden`.
 */
export async function ingestCounts(deps: AppDeps, by: ViewerRef, csv: string, options: IngestOptions = {}): Promise<IngestReport> {
  const parsed = parseSeriesCsv(csv);
  return deps.store.transaction(async (tx) => {
    const scope = await signalsScope(deps, tx, by, 'write');
    const [indicators, units] = await Promise.all([tx.signals.indicators.list(by.tenantId), tx.units.list(by.tenantId)]);
    const checked = checkRows(parsed.rows, { indicators, units, regions: scope.regions, today: toLocalDate(scope.now, scope.timeZone) });
    const errors = [...parsed.errors, ...checked.errors].sort((a, b) => a.line - b.line);
    const invalid = new Set(errors.map((e) => e.line)).size;
    const counts = checked.counts;
    const base = { valid: counts.length, invalid, series: new Set(counts.map((c) => `${c.indicatorKey}\u0000${c.regionUnitId}`)).size, errors };
    const fileUnreadable = errors.some((e) => e.code === 'missing_column');
    if (fileUnreadable || counts.length === 0) return { committed: false, inserted: 0, updated: 0, unchanged: 0, ...base };
    if (options.dryRun) {
      const { fresh, changed } = await classify(tx, by.tenantId, counts);
      return { committed: false, inserted: fresh.length, updated: changed.length, unchanged: counts.length - fresh.length - changed.length, ...base };
    }
    if (errors.length > 0 && !options.skipInvalid) return { committed: false, inserted: 0, updated: 0, unchanged: 0, ...base };
    return { committed: true, ...(await write(deps, tx, scope, by.tenantId, counts, invalid)), ...base };
  });
}

/** A count as an API caller sends it (JSON); `count` null or absent means missing (NA). */
export interface CountRowInput {
  readonly region: string;
  readonly indicator: string;
  readonly period: string;
  readonly count?: number | string | null;
}

const cell = (v: unknown): string => `"${String(v ?? '').replace(/"/g, '""')}"`;

/**
 * The same import for API callers: rows as JSON objects. Errors name the row (1-based) in `line`.
 * @throws as ingestCounts.
 */
export async function ingestCountRows(deps: AppDeps, by: ViewerRef, rows: readonly CountRowInput[], options: IngestOptions = {}): Promise<IngestReport> {
  // One parser for both paths: the rows go through the CSV reader, so a JSON count obeys the same rules.
  const csv = ['region,indicator,period,count', ...rows.map((r) => [r.region, r.indicator, r.period, r.count].map(cell).join(','))].join('\n');
  const report = await ingestCounts(deps, by, csv, options);
  return { ...report, errors: report.errors.map((e) => ({ ...e, line: e.line - 1 })) };
}
