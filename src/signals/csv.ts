/**
 * CSV import of aggregate count series: columns region, indicator, period, count (header names in
 * English or Chinese, any order). A period is a date (2026-01-27) or an ISO week (2026-W05). An empty
 * count or "NA" is a missing value (R's NA), which the detectors treat as R does. Every problem is
 * reported per row with its line; rows with a problem are left out, the others are kept.
 */
import { parse } from 'csv-parse/sync';
import { formatIsoDay, isoWeekMonday, isoWeekOf, parseIsoDay } from './dates.js';

export type CsvErrorCode = 'malformed_csv' | 'missing_column' | 'missing_value' | 'invalid_period' | 'invalid_count' | 'duplicate_period' | 'mixed_period_kind';

export interface CsvError {
  /** 1-based line in the file. */
  line: number;
  column?: string;
  code: CsvErrorCode;
  message: string;
  messageZh: string;
}

export interface SeriesRow {
  line: number;
  region: string;
  indicator: string;
  /** Normalised period: YYYY-MM-DD or YYYY-Www. */
  period: string;
  periodKind: 'day' | 'week';
  /** First day of the period (the Monday of an ISO week), YYYY-MM-DD. */
  periodStart: string;
  /** null = missing (NA). */
  count: number | null;
}

const COLUMNS = {
  region: ['region', 'unit', '地区', '区域', '单位'],
  indicator: ['indicator', '指标'],
  period: ['period', 'date', 'week', '日期', '周', '时间', '期间'],
  count: ['count', 'value', 'cases', '数量', '计数', '病例数'],
} as const;
type Column = keyof typeof COLUMNS;

const WEEK = /^(\d{4})-?W(\d{2})$/i;

function parsePeriod(text: string): { period: string; kind: 'day' | 'week'; start: number } | null {
  const day = parseIsoDay(text);
  if (day !== null) return { period: text, kind: 'day', start: day };
  const m = WEEK.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const monday = isoWeekMonday(year, week);
  return monday === null ? null : { period: `${year}-W${String(week).padStart(2, '0')}`, kind: 'week', start: monday };
}

function headerMap(header: string[]): Map<Column, number> | Column[] {
  const found = new Map<Column, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [col, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) if (aliases.includes(name) && !found.has(col)) found.set(col, i);
  });
  const missing = (Object.keys(COLUMNS) as Column[]).filter((c) => !found.has(c));
  return missing.length ? missing : found;
}

/** Parses a count (non-negative integer), or null for empty/NA; undefined when invalid. */
function parseCount(text: string): number | null | undefined {
  if (text === '' || text.toUpperCase() === 'NA') return null;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Parses CSV text of count series. Pure.
 * @returns the valid rows and one error per rejected row (or per file problem)
 */
export function parseSeriesCsv(text: string): { rows: SeriesRow[]; errors: CsvError[] } {
  const errors: CsvError[] = [];
  const records = parse(text, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const line = (err as { lines?: number } | undefined)?.lines ?? 0;
      errors.push({ line, code: 'malformed_csv', message: `malformed CSV: ${err?.message ?? 'unreadable record'}`, messageZh: 'CSV 格式错误，该行无法读取' });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const first = records[0];
  if (!first) return { rows: [], errors: [...errors, { line: 1, code: 'missing_column', message: 'the file has no header row', messageZh: '文件缺少表头行' }] };
  const map = headerMap(first.record);
  if (Array.isArray(map)) {
    return {
      rows: [],
      errors: [
        ...errors,
        { line: first.info.lines, code: 'missing_column', column: map.join(', '), message: `missing column(s): ${map.join(', ')}`, messageZh: `缺少列：${map.join('、')}` },
      ],
    };
  }
  const rows: SeriesRow[] = [];
  const seen = new Map<string, number>();
  const kinds = new Map<string, 'day' | 'week'>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const get = (c: Column): string => record[map.get(c)!] ?? '';
    const fail = (code: CsvErrorCode, column: Column | undefined, message: string, messageZh: string): void => {
      errors.push({ line, ...(column ? { column } : {}), code, message, messageZh });
    };
    const region = get('region');
    const indicator = get('indicator');
    if (!region) {
      fail('missing_value', 'region', 'region is empty', '地区为空');
      continue;
    }
    if (!indicator) {
      fail('missing_value', 'indicator', 'indicator is empty', '指标为空');
      continue;
    }
    const p = parsePeriod(get('period'));
    if (!p) {
      fail(
        'invalid_period',
        'period',
        `period "${get('period')}" is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)`,
        `期间“${get('period')}”既不是日期（YYYY-MM-DD）也不是 ISO 周（YYYY-Www）`,
      );
      continue;
    }
    const count = parseCount(get('count'));
    if (count === undefined) {
      fail(
        'invalid_count',
        'count',
        `count "${get('count')}" must be a non-negative integer (or empty/NA when missing)`,
        `计数“${get('count')}”必须是非负整数（缺失时留空或填 NA）`,
      );
      continue;
    }
    const seriesKey = `${region}\u0000${indicator}`;
    const kind = kinds.get(seriesKey);
    if (kind && kind !== p.kind) {
      fail('mixed_period_kind', 'period', `series ${region}/${indicator} mixes dates and ISO weeks`, `序列 ${region}/${indicator} 混用了日期和 ISO 周`);
      continue;
    }
    const key = `${seriesKey}\u0000${p.period}`;
    const before = seen.get(key);
    if (before !== undefined) {
      fail(
        'duplicate_period',
        'period',
        `duplicate period ${p.period} for ${region}/${indicator} (first on line ${before})`,
        `${region}/${indicator} 的期间 ${p.period} 重复（首次出现在第 ${before} 行）`,
      );
      continue;
    }
    seen.set(key, line);
    kinds.set(seriesKey, p.kind);
    rows.push({ line, region, indicator, period: p.period, periodKind: p.kind, periodStart: formatIsoDay(p.start), count });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

export interface AssembledSeries {
  region: string;
  indicator: string;
  periodKind: 'day' | 'week';
  /** 365 for daily, 52 for weekly series. */
  freq: number;
  /** First day of each period, consecutive (a day or a week apart). */
  dates: string[];
  periods: string[];
  observed: (number | null)[];
  /** Periods absent from the file, filled with null (missing). */
  gaps: string[];
}

/**
 * Groups parsed rows into one regular series per (region, indicator), sorted by period, with absent
 * periods filled as missing (null) and listed in `gaps`. Pure.
 */
export function assembleSeries(rows: readonly SeriesRow[]): AssembledSeries[] {
  const groups = new Map<string, SeriesRow[]>();
  for (const r of rows) {
    const key = `${r.region}\u0000${r.indicator}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    const step = first.periodKind === 'day' ? 1 : 7;
    const byDay = new Map(g.map((r) => [parseIsoDay(r.periodStart)!, r]));
    const days = [...byDay.keys()].sort((a, b) => a - b);
    const out: AssembledSeries = {
      region: first.region,
      indicator: first.indicator,
      periodKind: first.periodKind,
      freq: step === 1 ? 365 : 52,
      dates: [],
      periods: [],
      observed: [],
      gaps: [],
    };
    for (let d = days[0]!; d <= days[days.length - 1]!; d += step) {
      const r = byDay.get(d);
      const date = formatIsoDay(d);
      out.dates.push(date);
      if (r) {
        out.periods.push(r.period);
        out.observed.push(r.count);
      } else {
        const label = step === 1 ? date : weekLabel(d);
        out.periods.push(label);
        out.observed.push(null);
        out.gaps.push(label);
      }
    }
    return out;
  });
}

function weekLabel(monday: number): string {
  const { year, week } = isoWeekOf(monday);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
