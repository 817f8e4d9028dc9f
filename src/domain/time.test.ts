import { describe, expect, it } from 'vitest';
import { startOfLocalDay, toLocalDate } from './time.js';

describe(startOfLocalDay.name, () => {
  it('gives the first instant of a day in the city’s zone, and of days next to a daylight-saving change', () => {
    expect(startOfLocalDay('2026-12-07')).toBe('2026-12-06T16:00:00.000Z');
    expect(startOfLocalDay('2026-12-07', 'UTC')).toBe('2026-12-07T00:00:00.000Z');
    // New York springs forward at 02:00 on 8 March 2026 and falls back on 1 November: midnight is 05:00Z, then 04:00Z.
    expect(startOfLocalDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    for (const [day, zone] of [
      ['2026-12-07', 'Asia/Shanghai'],
      ['2026-03-08', 'America/New_York'],
      ['2026-10-25', 'Europe/Berlin'],
    ] as const) {
      const start = startOfLocalDay(day, zone);
      expect(toLocalDate(start, zone)).toBe(day);
      expect(toLocalDate(new Date(Date.parse(start) - 1), zone)).not.toBe(day);
    }
  });
});
