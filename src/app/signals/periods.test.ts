import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/time.js';
import { parseSeriesCsv } from '../../signals/index.js';
import { isoWeekLabel, latestCompletePeriodStart, mondayOf, periodsBetween } from './periods.js';

describe('count periods', () => {
  it('labels ISO weeks by the year of their Thursday', () => {
    expect(isoWeekLabel('2026-01-01')).toBe('2026-W01');
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
    expect(isoWeekLabel('2026-03-16')).toBe('2026-W12');
  });

  it('agrees with the CSV reader: the week label of any day starts on that day’s Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (n) => {
        const day = addDays('1990-01-01', n);
        const { rows } = parseSeriesCsv(`region,indicator,period,count\nr,i,${isoWeekLabel(day)},1`);
        expect(rows[0]?.periodStart).toBe(mondayOf(day));
      }),
      { numRuns: 300 },
    );
  });

  it('takes the latest period that is over by the end of the date', () => {
    expect(latestCompletePeriodStart('day', '2026-03-16')).toBe('2026-03-16');
    // Sunday the 15th ends week 11; on Saturday the 14th the latest complete week is week 10.
    expect(latestCompletePeriodStart('week', '2026-03-15')).toBe('2026-03-09');
    expect(latestCompletePeriodStart('week', '2026-03-16')).toBe('2026-03-09');
    expect(latestCompletePeriodStart('week', '2026-03-14')).toBe('2026-03-02');
    expect(periodsBetween('week', '2026-02-23', '2026-03-09')).toBe(2);
    expect(periodsBetween('day', '2026-03-14', '2026-03-16')).toBe(2);
  });
});
