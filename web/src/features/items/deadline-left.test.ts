import { describe, expect, it } from 'vitest';
import { deadlineLeft } from './deadline-left.js';

describe(deadlineLeft.name, () => {
  it('counts calendar days overdue or left, across months and years, and says when it is due today', () => {
    expect(deadlineLeft('2026-12-01', '2026-12-07')).toEqual({ kind: 'overdue', days: 6 });
    expect(deadlineLeft('2026-12-09', '2026-12-07')).toEqual({ kind: 'left', days: 2 });
    expect(deadlineLeft('2027-01-02', '2026-12-31')).toEqual({ kind: 'left', days: 2 });
    expect(deadlineLeft('2026-12-07', '2026-12-07')).toEqual({ kind: 'today' });
    expect(deadlineLeft('not a day', '2026-12-07')).toBeNull();
  });
});
