import { describe, expect, it } from 'vitest';
import { closureOutcome } from './scoring.js';
import { makeItem, ZERO_COUNTERS } from '../testing/items.js';
import type { Item } from '../item.js';

const TZ = 'Asia/Shanghai';
const closed = (at: string | null, overrides: Partial<Item> = {}): Item =>
  makeItem({ status: 'closed', progress: 60, closedAt: at, originalDeadline: '2026-03-31', currentDeadline: '2026-03-31', ...overrides });

describe(closureOutcome.name, () => {
  it('says on time for a closure up to the end of the deadline day in the city', () => {
    expect(closureOutcome(closed('2026-03-31T15:59:59.000Z'), TZ)).toEqual({ onTime: true, daysLate: 0 });
  });

  it('counts the calendar days late from the deadline day to the closing day', () => {
    expect(closureOutcome(closed('2026-03-31T16:00:00.000Z'), TZ)).toEqual({ onTime: false, daysLate: 1 });
    expect(closureOutcome(closed('2026-04-06T02:00:00.000Z'), TZ)).toEqual({ onTime: false, daysLate: 6 });
  });

  it('judges against the original deadline unless an extension was granted, as 考核 does', () => {
    const moved = { originalDeadline: '2026-03-31', currentDeadline: '2026-04-15' };
    expect(closureOutcome(closed('2026-04-10T02:00:00.000Z', moved), TZ)).toEqual({ onTime: false, daysLate: 10 });
    const extended = { ...moved, counters: { ...ZERO_COUNTERS, extensionsGranted: 1 } };
    expect(closureOutcome(closed('2026-04-10T02:00:00.000Z', extended), TZ)).toEqual({ onTime: true, daysLate: 0 });
  });

  it('judges a time limit in hours by its instant, and a few hours late is one day late', () => {
    const hours = { deadlineAt: '2026-03-31T04:00:00.000Z' };
    expect(closureOutcome(closed('2026-03-31T03:00:00.000Z', hours), TZ)).toEqual({ onTime: true, daysLate: 0 });
    expect(closureOutcome(closed('2026-03-31T06:00:00.000Z', hours), TZ)).toEqual({ onTime: false, daysLate: 1 });
  });

  it('has no outcome for open items and for closed items without a deadline; an unknown closing time is late by unknown days', () => {
    expect(closureOutcome(makeItem({}), TZ)).toBeNull();
    expect(closureOutcome(closed('2026-03-20T02:00:00.000Z', { originalDeadline: null, currentDeadline: null, cadence: 'monthly' }), TZ)).toBeNull();
    expect(closureOutcome(closed(null), TZ)).toEqual({ onTime: false, daysLate: null });
  });
});
