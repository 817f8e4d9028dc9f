import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatItemNumber, parseItemNumber } from './numbering.js';

describe('formatItemNumber', () => {
  it('writes prefix, year in 六角括号 and a four-digit sequence', () => {
    expect(formatItemNumber({ prefix: '督办', year: 2026, sequence: 12 })).toBe('督办〔2026〕0012号');
    expect(formatItemNumber({ prefix: '一校一方案', year: 2025, sequence: 1 })).toBe('一校一方案〔2025〕0001号');
  });

  it('prints sequences beyond four digits in full instead of truncating', () => {
    expect(formatItemNumber({ prefix: '诉求', year: 2026, sequence: 123456 })).toBe('诉求〔2026〕123456号');
  });

  it('refuses parts that could not be read back', () => {
    for (const bad of [
      { prefix: '', year: 2026, sequence: 1 },
      { prefix: '督〔办', year: 2026, sequence: 1 },
      { prefix: '督办', year: 26, sequence: 1 },
      { prefix: '督办', year: 2026, sequence: 0 },
      { prefix: '督办', year: 2026, sequence: 1.5 },
    ]) {
      expect(() => formatItemNumber(bad)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });

  it('round-trips through parseItemNumber', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('督办', '整改', '隐患', '调解', '诉求', '预警', '一校一方案'),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (prefix, year, sequence) => {
          expect(parseItemNumber(formatItemNumber({ prefix, year, sequence }))).toEqual({ prefix, year, sequence });
        },
      ),
    );
  });

  it('parseItemNumber returns null for text that is not an item number', () => {
    expect(parseItemNumber('督办2026-12')).toBeNull();
    expect(parseItemNumber('督办〔2026〕0000号')).toBeNull();
  });
});
