import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonthsDay, formatDay, instantMs, isoWeekday, localDayOf, parseDay, weekdayOfOrdinal, weekdaysBefore } from './calendar-days.js';
import { toLocalDate } from './time.js';

describe('day numbers', () => {
  it('round-trips every date between 1900 and 2200 and rejects what is not a date', () => {
    fc.assert(
      fc.property(fc.integer({ min: parseDay('1900-01-01'), max: parseDay('2200-12-31') }), (day) => {
        expect(parseDay(formatDay(day))).toBe(day);
      }),
    );
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00', 'abcd-ef-gh', '']) expect(parseDay(bad)).toBeNaN();
    expect(parseDay('2024-02-29')).toBe(parseDay('2024-03-01') - 1);
  });

  it('knows 1970-01-01 was a Thursday and counts Mon–Fri consistently with its inverse', () => {
    expect(isoWeekday(0)).toBe(4);
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const weekday = isoWeekday(day) <= 5;
        expect(weekdaysBefore(day + 1) - weekdaysBefore(day)).toBe(weekday ? 1 : 0);
        if (weekday) expect(weekdayOfOrdinal(weekdaysBefore(day))).toBe(day);
      }),
    );
  });

  it('adds months clamped to the end of the month', () => {
    expect(formatDay(addMonthsDay(parseDay('2026-01-31'), 1))).toBe('2026-02-28');
    expect(formatDay(addMonthsDay(parseDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDay(addMonthsDay(parseDay('2026-11-30'), 3))).toBe('2027-02-28');
  });
});

describe('local days of instants', () => {
  it('agrees with Intl in Beijing, New York (daylight saving) and Kathmandu (+05:45)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Asia/Kathmandu', 'UTC'),
        (at, zone) => {
          expect(formatDay(localDayOf(at.toISOString(), zone))).toBe(toLocalDate(at, zone));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('changes day at local midnight exactly', () => {
    expect(formatDay(localDayOf('2026-03-31T15:59:59.999Z', 'Asia/Shanghai'))).toBe('2026-03-31');
    expect(formatDay(localDayOf('2026-03-31T16:00:00.000Z', 'Asia/Shanghai'))).toBe('2026-04-01');
    expect(formatDay(localDayOf('2026-03-08T04:59:59.999Z', 'America/New_York'))).toBe('2026-03-07');
    expect(formatDay(localDayOf('2026-03-08T05:00:00.000Z', 'America/New_York'))).toBe('2026-03-08');
    expect(localDayOf('not a time', 'Asia/Shanghai')).toBeNaN();
  });
});

describe('instants', () => {
  it('reads every instant as Date.parse does: canonical ones of any moment, and odd or broken ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const s = new Date(ms).toISOString();
        expect(instantMs(s)).toBe(ms);
        expect(instantMs(s)).toBe(Date.parse(s));
      }),
    );
    const odd = [
      '2026-02-29T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z',
      '2026-04-31T12:00:00.000Z',
      '2028-02-29T01:02:03.004Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-06-00T00:00:00.000Z',
      '2026-06-15T24:00:00.000Z',
      '2026-06-15T23:60:00.000Z',
      '2026-06-15T23:59:60.000Z',
      '2026-06-15T02:00:00Z',
      '2026-06-15T02:00:00.000+08:00',
      '2026-06-15',
      '2026-06-1XT02:00:00.000Z',
      '2026-06-15T02:00:00.00aZ',
      '',
      'soon',
      '+02026-06-15T02:00:00.000Z',
      '2026-06-15 02:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
    ];
    for (const s of odd) expect(instantMs(s)).toBe(Date.parse(s));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/), (s) => {
        expect(instantMs(s)).toBe(Date.parse(s));
      }),
    );
  });
});
