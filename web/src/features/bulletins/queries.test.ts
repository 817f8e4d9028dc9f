import { describe, expect, it } from 'vitest';
import { previousMonth } from './queries.js';

describe('a bulletin’s default period', () => {
  it('is the calendar month before today, across a year and in a leap February', () => {
    expect(previousMonth('2026-12-07')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(previousMonth('2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth('2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
