import { describe, expect, it } from 'vitest';
import { expectedProgress } from './expected-progress.js';

const span = { plannedStart: '2026-03-01', assignedAt: null, currentDeadline: '2026-03-30' };

describe(expectedProgress.name, () => {
  it('is the elapsed share of the planned span, from the start of plannedStart to the end of the deadline day', () => {
    expect(expectedProgress(span, '2026-02-28T16:00:00.000Z')).toBe(0); // 03-01 00:00 in Beijing
    expect(expectedProgress(span, '2026-03-15T16:00:00.000Z')).toBe(50);
    expect(expectedProgress(span, '2026-03-30T16:00:00.000Z')).toBe(100); // end of 03-30
  });

  it('is clamped to 0 before the start and 100 after the deadline', () => {
    expect(expectedProgress(span, '2026-01-01T00:00:00.000Z')).toBe(0);
    expect(expectedProgress(span, '2027-01-01T00:00:00.000Z')).toBe(100);
  });

  it('starts at the assignment instant when no planned start is given', () => {
    const item = { plannedStart: null, assignedAt: '2026-03-01T04:00:00.000Z', currentDeadline: '2026-03-01' };
    // 12:00 → 24:00 local on the same day: at 18:00 half has elapsed
    expect(expectedProgress(item, '2026-03-01T10:00:00.000Z')).toBe(50);
  });

  it('is null without a deadline or without any start', () => {
    expect(expectedProgress({ ...span, currentDeadline: null }, '2026-03-15T00:00:00.000Z')).toBeNull();
    expect(expectedProgress({ ...span, plannedStart: null }, '2026-03-15T00:00:00.000Z')).toBeNull();
  });

  it('treats a deadline before the planned start as all or nothing', () => {
    const inverted = { ...span, plannedStart: '2026-04-10' };
    expect(expectedProgress(inverted, '2026-03-30T15:00:00.000Z')).toBe(0);
    expect(expectedProgress(inverted, '2026-03-30T16:00:00.000Z')).toBe(100);
  });
});
