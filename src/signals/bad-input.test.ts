import { describe, expect, it } from 'vitest';
import { runSignalCase } from './case-runner.js';
import { cusum } from './cusum.js';
import { earsC } from './ears.js';
import { SignalsError } from './errors.js';
import { farrington } from './farrington.js';
import { farringtonFlexible } from './farrington-flexible.js';
import { glrnb } from './glrnb.js';

/** Deterministic weekly-looking counts (no randomness in tests). */
const counts = (n: number, level = 5): number[] => Array.from({ length: n }, (_, i) => level + ((i * 7) % 5));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SignalsError) return e.code;
    throw e;
  }
  return undefined;
}

const ALGORITHMS = ['farringtonFlexible', 'farrington', 'earsC', 'cusum', 'glrnb', 'cidars'] as const;

describe('bad counts are refused with invalid_count and a bilingual message', () => {
  it.each(ALGORITHMS)('%s refuses negative, fractional and non-finite counts', (algorithm) => {
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const observed: (number | null)[] = counts(400);
      observed[100] = bad;
      let err: unknown;
      try {
        runSignalCase({ algorithm, observed, freq: 52, range: { first: 390, last: 400 } });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SignalsError);
      expect((err as SignalsError).code).toBe('invalid_count');
      expect((err as SignalsError).messageZh).toContain('非负整数');
      expect((err as SignalsError).details).toMatchObject({ index: 101 });
    }
  });
});

describe('gaps (missing counts) follow R or are refused', () => {
  it('earsC gives NA (null) upperbound and alarm when a window has a missing count', () => {
    const observed: (number | null)[] = counts(30);
    observed[19] = null;
    const r = earsC({ observed, freq: 365 }, { method: 'C1' }, { first: 15, last: 30 });
    expect(r.upperbound[r.t.indexOf(20)]).not.toBeNull(); // y missing at t, baseline complete: U is a number in R too
    expect(r.alarm[r.t.indexOf(20)]).toBeNull();
    expect(r.upperbound[r.t.indexOf(21)]).toBeNull();
    expect(r.alarm[r.t.indexOf(28)]).not.toBeNull();
  });

  it('cusum carries the missing value forward (R: NA alarms from there on)', () => {
    const observed: (number | null)[] = counts(60);
    observed[49] = null;
    const r = cusum({ observed, freq: 52 }, {}, { first: 41, last: 60 });
    expect(r.alarm.slice(0, 9).every((a) => a !== null)).toBe(true);
    expect(r.alarm.slice(9).every((a) => a === null)).toBe(true);
  });

  it('glrnb and the original farrington refuse a missing count they cannot skip (missing_count)', () => {
    const observed: (number | null)[] = counts(400);
    observed[395] = null;
    expect(codeOf(() => glrnb({ observed, freq: 52 }, { alpha: 0 }, { first: 300, last: 400 }))).toBe('missing_count');
    observed[395] = 5;
    observed[300 - 52 - 1] = null;
    expect(codeOf(() => farrington({ observed, freq: 52 }, {}, { first: 300, last: 310 }))).toBe('missing_count');
  });

  it('farringtonFlexible drops a missing baseline count and gives no alarm when the current one is missing', () => {
    const observed: (number | null)[] = counts(400);
    observed[399] = null;
    observed[399 - 52] = null;
    const r = farringtonFlexible({ observed, freq: 52 }, {}, { first: 399, last: 400 });
    expect(r.upperbound[0]).not.toBeNull();
    expect(r.alarm[1]).toBe(false);
    expect(r.upperbound[1]).toBeNull();
  });
});

describe('series shape', () => {
  it('refuses duplicate or unsorted dates (duplicate_period) and malformed dates (invalid_series)', () => {
    const dates = Array.from({ length: 10 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
    const observed = counts(10);
    expect(codeOf(() => earsC({ observed, freq: 365, dates: [...dates.slice(0, 5), dates[4]!, ...dates.slice(6)] }))).toBe('duplicate_period');
    expect(codeOf(() => earsC({ observed, freq: 365, dates: [...dates.slice(0, 9), '2026-13-01'] }))).toBe('invalid_series');
    expect(codeOf(() => earsC({ observed, freq: 365, dates: dates.slice(1) }))).toBe('invalid_series');
  });

  it('says series_too_short when the history does not reach back far enough', () => {
    expect(codeOf(() => farringtonFlexible({ observed: counts(200), freq: 52 }))).toBe('series_too_short');
    expect(codeOf(() => farringtonFlexible({ observed: counts(300), freq: 52 }, {}, { first: 200, last: 300 }))).toBe('series_too_short');
    expect(codeOf(() => earsC({ observed: counts(30), freq: 365 }, { method: 'C3' }, { first: 8, last: 30 }))).toBe('series_too_short');
    expect(codeOf(() => runSignalCase({ algorithm: 'cidars', observed: counts(100), freq: 52 }))).toBe('series_too_short');
    expect(codeOf(() => glrnb({ observed: counts(10), freq: 52 }, { alpha: 0 }, { first: 3, last: 10 }))).toBe('series_too_short');
  });

  it('refuses a range outside the series or a malformed case (invalid_series)', () => {
    expect(codeOf(() => earsC({ observed: counts(30), freq: 365 }, {}, { first: 10, last: 31 }))).toBe('invalid_series');
    expect(codeOf(() => runSignalCase({ observed: [1, 2], freq: 52 }))).toBe('invalid_series');
    expect(codeOf(() => runSignalCase({ algorithm: 'earsC', observed: counts(30), freq: 365, range: { first: 10, last: 20, n: 5 } }))).toBe('invalid_series');
  });
});

describe('controls', () => {
  it('refuses controls outside their domain (invalid_control) and names the field', () => {
    let err: unknown;
    try {
      farringtonFlexible({ observed: counts(400), freq: 52 }, { b: 0 });
    } catch (e) {
      err = e;
    }
    expect((err as SignalsError).code).toBe('invalid_control');
    expect((err as SignalsError).message).toContain('b');
    expect(codeOf(() => farringtonFlexible({ observed: counts(400), freq: 52 }, { thresholdMethod: 'Noufaily' }))).toBe('invalid_control');
    expect(codeOf(() => earsC({ observed: counts(30), freq: 365 }, { baseline: 2 }))).toBe('invalid_control');
    expect(codeOf(() => glrnb({ observed: counts(30), freq: 52 }, { theta: 1 }))).toBe('invalid_control');
    expect(codeOf(() => cusum({ observed: counts(30), freq: 52 }, { trans: 'anscombeNegBin' }))).toBe('unsupported_option');
  });

  it('treats null as "use R’s default", as R’s NULL', () => {
    const a = farringtonFlexible({ observed: counts(400), freq: 52 }, { pastWeeksNotIncluded: null, b: null }, { first: 390, last: 400 });
    const b = farringtonFlexible({ observed: counts(400), freq: 52 }, {}, { first: 390, last: 400 });
    expect(a).toEqual(b);
  });
});

describe('all-zero baselines give R’s documented results', () => {
  it('farringtonFlexible: tiny positive bound, alarm once 5 cases in 4 weeks', () => {
    const observed = new Array<number>(300).fill(0);
    observed.splice(296, 4, 1, 3, 2, 6);
    const r = farringtonFlexible({ observed, freq: 52 }, {}, { first: 290, last: 300 });
    expect(r.alarm.slice(-2)).toEqual([true, true]);
    expect(r.upperbound.at(-1)!).toBeGreaterThan(0);
    expect(r.upperbound.at(-1)!).toBeLessThan(0.01);
  });

  it('earsC C1: sd 0 makes the bound the mean; cusum with a zero mean alarms on any case, then NA as R', () => {
    const observed = [...new Array<number>(20).fill(0), 1, 0];
    const e = earsC({ observed, freq: 365 }, { method: 'C1' }, { first: 21, last: 21 });
    expect(e.upperbound).toEqual([0]);
    expect(e.alarm).toEqual([true]);
    const c = cusum({ observed, freq: 52 }, {}, { first: 21, last: 22 });
    expect(c.alarm).toEqual([true, null]);
    expect(c.upperbound).toEqual([0, 0]);
  });
});
