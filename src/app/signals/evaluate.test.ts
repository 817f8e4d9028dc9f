import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/time.js';
import { evaluateLatest, ledgerAlgorithm } from './evaluate.js';

const daily = (counts: readonly (number | null)[], start = '2026-01-01') => counts.map((count, i) => ({ period: addDays(start, i), periodStart: addDays(start, i), count }));

describe(evaluateLatest.name, () => {
  const steady = [5, 6, 5, 7, 6, 5, 6, 5, 6, 7];

  it('judges the latest period with the algorithm and says how far it lies behind the date', () => {
    const e = evaluateLatest({ algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day', windowPeriods: 1 }, daily([...steady, 30]), '2026-01-13');
    expect(e).toMatchObject({ ok: true, period: '2026-01-11', outcome: 'alarm', count: 30, observed: 30, periodsBehind: 2 });
  });

  it('reports a series too short for the algorithm instead of throwing', () => {
    const e = evaluateLatest({ algorithm: 'earsC', control: { method: 'C3' }, frequency: 'day', windowPeriods: 1 }, daily(steady), '2026-01-10');
    expect(e).toMatchObject({ ok: false, period: '2026-01-10', problem: { code: 'series_too_short' } });
  });

  it('fills absent periods as missing and lists them as gaps', () => {
    const counts = daily([...steady, 9]).filter((c) => c.period !== '2026-01-08');
    const e = evaluateLatest({ algorithm: 'earsC', control: {}, frequency: 'day', windowPeriods: 1 }, counts, '2026-01-11');
    expect(e).toMatchObject({ ok: true, outcome: 'no_result', gaps: ['2026-01-08'], threshold: null });
  });

  it('compares the GLR statistic with c.ARL when glrnb returns values, and the count with the bound when it returns cases', () => {
    const counts = daily([...Array.from({ length: 60 }, (_, i) => 4 + (i % 3)), 25]);
    const base = { algorithm: 'glrnb' as const, frequency: 'day' as const, windowPeriods: 10 };
    const value = evaluateLatest({ ...base, control: { mu0: { S: 0 }, alpha: 0 } }, counts, '2026-03-02');
    expect(value).toMatchObject({ ok: true, outcome: 'alarm', count: 25, threshold: 5 });
    if (value.ok) expect(value.observed!).toBeGreaterThan(5);
    const cases = evaluateLatest({ ...base, control: { mu0: { S: 0 }, alpha: 0, ret: 'cases' } }, counts, '2026-03-02');
    expect(cases).toMatchObject({ ok: true, outcome: 'alarm', observed: 25 });
    if (cases.ok) expect(cases.threshold!).toBeLessThan(25);
  });

  it('names the algorithm as the 监测预警信号 ledger does', () => {
    expect(ledgerAlgorithm('earsC', { method: 'C3' })).toBe('ears_c3');
    expect(ledgerAlgorithm('earsC', {})).toBe('ears_c1');
    expect(ledgerAlgorithm('cidars', {})).toBe('moving_percentile');
    expect(ledgerAlgorithm('glrnb', {})).toBe('glr_nb');
  });
});
