import { describe, expect, it } from 'vitest';
import { assembleSeries, parseSeriesCsv } from './csv.js';

describe('parseSeriesCsv', () => {
  it('reads dates and ISO weeks with English or Chinese headers in any order, BOM and CRLF included', () => {
    const text = '\ufeff数量,地区,指标,日期\r\n3,A区,发热门诊,2026-01-05\r\n,A区,发热门诊,2026-01-06\r\nNA,A区,发热门诊,2026-01-07\r\n';
    const { rows, errors } = parseSeriesCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.region, r.indicator, r.period, r.count])).toEqual([
      [2, 'A区', '发热门诊', '2026-01-05', 3],
      [3, 'A区', '发热门诊', '2026-01-06', null],
      [4, 'A区', '发热门诊', '2026-01-07', null],
    ]);
    const weeks = parseSeriesCsv('region,indicator,period,count\nB,fever,2026-W05,7\nB,fever,2020W53,1\n');
    expect(weeks.rows.map((r) => [r.period, r.periodStart])).toEqual([
      ['2026-W05', '2026-01-26'],
      ['2020-W53', '2020-12-28'],
    ]);
  });

  it('reports each bad row with its line, column and a stable code, and keeps the good rows', () => {
    const text = [
      'region,indicator,period,count',
      'A,fever,2026-W01,3',
      'A,fever,2026-W01,4',
      'A,fever,2026-01-05,1',
      'B,fever,2026-02-30,1',
      'B,"fever, adults",2026-01-01,-1',
      'B,x,2026-01-01,1.5',
      ',x,2026-01-02,1',
      'C,x,2021-W53,1',
      'D,"x,2026-01-01,1',
    ].join('\n');
    const { rows, errors } = parseSeriesCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [3, 'duplicate_period', 'period'],
      [4, 'mixed_period_kind', 'period'],
      [5, 'invalid_period', 'period'],
      [6, 'invalid_count', 'count'],
      [7, 'invalid_count', 'count'],
      [8, 'missing_value', 'region'],
      [9, 'invalid_period', 'period'],
      [10, 'malformed_csv', undefined],
    ]);
    expect(errors.every((e) => e.message.length > 0 && e.messageZh.length > 0)).toBe(true);
  });

  it('refuses a file without the required columns', () => {
    const { rows, errors } = parseSeriesCsv('region,period,count\nA,2026-01-01,1\n');
    expect(rows).toEqual([]);
    expect(errors).toMatchObject([{ line: 1, code: 'missing_column', column: 'indicator' }]);
    expect(parseSeriesCsv('').errors[0]?.code).toBe('missing_column');
  });
});

describe('assembleSeries', () => {
  it('sorts periods and fills absent ones as missing, listing them as gaps', () => {
    const { rows } = parseSeriesCsv('region,indicator,period,count\nA,f,2026-W03,5\nA,f,2026-W01,3\nB,f,2026-01-01,1\nB,f,2026-01-03,2\n');
    const [a, b] = assembleSeries(rows);
    expect(a).toMatchObject({ region: 'A', freq: 52, periods: ['2026-W01', '2026-W02', '2026-W03'], observed: [3, null, 5], gaps: ['2026-W02'] });
    expect(a!.dates).toEqual(['2025-12-29', '2026-01-05', '2026-01-12']);
    expect(b).toMatchObject({ region: 'B', freq: 365, observed: [1, null, 2], gaps: ['2026-01-02'] });
  });
});
