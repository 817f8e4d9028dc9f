import { describe, expect, it } from 'vitest';
import { makeItem } from '../testing/items.js';
import { deadlineFigures } from './deadline-rates.js';

describe('按期 with a deadline in hours', () => {
  const base = {
    status: 'closed' as const,
    assignedAt: '2026-03-02T02:00:00.000Z',
    originalDeadline: '2026-03-03',
    currentDeadline: '2026-03-03',
    deadlineAt: '2026-03-03T02:00:00.000Z',
  };

  it('counts an item closed after its instant as late though closed on the deadline date, and one still open past it as overdue', () => {
    const onTime = makeItem({ ...base, id: 'a', closedAt: '2026-03-03T01:00:00.000Z' });
    const late = makeItem({ ...base, id: 'b', closedAt: '2026-03-03T05:00:00.000Z' });
    const open = makeItem({ ...base, id: 'c', status: 'in_progress', closedAt: null });
    const f = deadlineFigures([onTime, late, open], '2026-03-03T03:00:00.000Z', 'Asia/Shanghai');
    expect(f.due.value).toBe(3);
    expect(f.on_time_rate.numeratorIds).toEqual(['a']);
    expect(f.overdue_rate.numeratorIds).toEqual(['b', 'c']);
    // Before the instant the open item is not due yet.
    expect(deadlineFigures([open], '2026-03-03T01:59:00.000Z', 'Asia/Shanghai').due.value).toBe(0);
  });
});
