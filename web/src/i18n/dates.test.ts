import { describe, expect, it } from 'vitest';
import { cityDay } from './dates.js';

describe('cityDay', () => {
  it('is the Beijing calendar day, not the UTC one', () => {
    expect(cityDay('2026-11-26T15:59:59.000Z')).toBe('2026-11-26');
    expect(cityDay('2026-11-26T16:00:00.000Z')).toBe('2026-11-27');
    expect(cityDay('2026-12-31T18:30:00Z')).toBe('2027-01-01');
  });

  it('is empty for a missing or unreadable timestamp', () => {
    expect(cityDay(null)).toBe('');
    expect(cityDay('')).toBe('');
    expect(cityDay('not a date')).toBe('');
  });
});
