import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { WorkCalendar, addWorkingDays, defaultWorkCalendar, isWorkday, workingDaysBetween } from './calendar.js';
import { DomainError } from './errors.js';
import { formatDay, parseDay } from './calendar-days.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** A notice shaped like the State Council's, for a year the package does not know (test data, not the real 2027 notice). */
const notice2027 = {
  year: 2027,
  source: 'test notice',
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workdays: ['2027-02-13', '2027-02-14'],
};

describe('working days across 国庆', () => {
  it('skips the 2023 中秋+国庆 break and counts its 调休 Saturday and Sunday as working days', () => {
    expect(isWorkday('2023-09-29')).toBe(false); // 中秋, a Friday
    expect(isWorkday('2023-10-06')).toBe(false);
    expect(isWorkday('2023-10-07')).toBe(true); // Saturday, make-up
    expect(isWorkday('2023-10-08')).toBe(true); // Sunday, make-up
    expect(addWorkingDays('2023-09-28', 1)).toBe('2023-10-07');
    expect(addWorkingDays('2023-09-28', 2)).toBe('2023-10-08');
    expect(addWorkingDays('2023-09-28', 3)).toBe('2023-10-09');
    expect(workingDaysBetween('2023-09-28', '2023-10-09')).toBe(3);
    expect(addWorkingDays('2023-10-07', -1)).toBe('2023-09-28');
  });

  it('counts 2024-09-29 (Sunday) and 2024-10-12 (Saturday) as make-up days around 国庆', () => {
    expect(addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
    expect(addWorkingDays('2024-09-29', 1)).toBe('2024-09-30');
    expect(addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(workingDaysBetween('2024-09-30', '2024-10-12')).toBe(5); // 8, 9, 10, 11 and the Saturday 12th
  });
});

describe('working days across 春节', () => {
  it('moves from 2024 除夕 (a working Friday) to the make-up Sunday after the break', () => {
    expect(isWorkday('2024-02-04')).toBe(true);
    expect(isWorkday('2024-02-09')).toBe(true);
    expect(addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(addWorkingDays('2024-02-18', -1)).toBe('2024-02-09');
  });

  it('spans the nine-day 2026 break with its two make-up Saturdays', () => {
    expect(isWorkday('2026-02-14')).toBe(true);
    expect(isWorkday('2026-02-23')).toBe(false); // a Monday inside the break
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6); // 14, 24, 25, 26, 27, 28
  });
});

describe('working days at year ends', () => {
  it('crosses 元旦 2026 onto the make-up Sunday 2026-01-04', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(workingDaysBetween('2025-12-31', '2026-01-05')).toBe(2);
  });

  it('counts 2011-12-31, made a working Saturday by the 2012 notice', () => {
    expect(isWorkday('2011-12-31')).toBe(true);
    expect(addWorkingDays('2011-12-30', 1)).toBe('2011-12-31');
    expect(addWorkingDays('2011-12-31', 1)).toBe('2012-01-04');
  });

  it('returns the start itself for zero working days, even on a holiday', () => {
    expect(addWorkingDays('2026-10-01', 0)).toBe('2026-10-01');
    expect(workingDaysBetween('2026-10-01', '2026-10-01')).toBe(0);
  });
});

describe('years the package does not cover', () => {
  it('covers 2004 through 2026', () => {
    const years = defaultWorkCalendar().coveredYears;
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
  });

  it('counts a span reaching 2027 on its statutory holidays and marks it provisional instead of refusing it', () => {
    // 2027-01-01 (元旦, a Friday) is off; 2026-12-30 + 5 working days: 31, 4, 5, 6, 7 January.
    expect(addWorkingDays('2026-12-30', 5)).toBe('2027-01-07');
    expect(defaultWorkCalendar().addWorkingDaysMarked('2026-12-30', 5)).toEqual({ date: '2027-01-07', provisional: true });
    expect(defaultWorkCalendar().addWorkingDaysMarked('2026-12-01', 5)).toEqual({ date: '2026-12-08', provisional: false });
    expect(isWorkday('2027-03-01')).toBe(true);
    // 春节 2027: 除夕 2027-02-05 (Friday) and 初一–初三 (6–8 February, the Monday 8th included) are off.
    expect(isWorkday('2027-02-05')).toBe(false);
    expect(isWorkday('2027-02-08')).toBe(false);
    expect(addWorkingDays('2027-02-04', 1)).toBe('2027-02-09');
    expect(workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1);
  });

  it('answers `luoshi calendar --from 2026-12-25 --add 20` with a provisional date skipping 元旦', () => {
    // 20 weekdays after Friday 2026-12-25 is 2027-01-22; 元旦 (Friday 1 January) pushes it to Monday the 25th.
    expect(defaultWorkCalendar().addWorkingDaysMarked('2026-12-25', 20)).toEqual({ date: '2027-01-25', provisional: true });
  });

  it('still refuses a date before the first known year or after the statutory table, naming the year in both languages', () => {
    const e = errorOf(() => isWorkday('2003-05-01'));
    expect(e.code).toBe('calendar_not_covered');
    expect(e.details?.year).toBe(2003);
    expect(e.messageZh).toContain('2003 年');
    expect(errorOf(() => addWorkingDays('2099-12-30', 5)).details?.year).toBe(2100);
  });

  it('answers inside 2026 right up to its last day', () => {
    expect(addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
  });

  it('refuses malformed dates and offsets with validation_failed', () => {
    expect(errorOf(() => isWorkday('2026-02-30')).code).toBe('validation_failed');
    expect(errorOf(() => addWorkingDays('2026/01/05', 1)).code).toBe('validation_failed');
    expect(errorOf(() => addWorkingDays('2026-01-05', 1.5)).code).toBe('validation_failed');
  });
});

describe('city overrides', () => {
  it('covers a year from the State Council notice a city supplies', () => {
    const cal = new WorkCalendar({ notices: [notice2027] });
    expect(cal.coveredYears).toContain(2027);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(cal.isWorkday('2027-02-13')).toBe(true); // make-up Saturday
    expect(cal.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(cal.addWorkingDays('2027-02-05', 1)).toBe('2027-02-13');
    // the default calendar is untouched
    expect(defaultWorkCalendar().covers('2027-01-04')).toBe(false);
  });

  it('keeps a gap year provisional when a city skips it', () => {
    const cal = new WorkCalendar({ notices: [{ ...notice2027, year: 2028, holidays: ['2028-01-01'], workdays: [] }] });
    expect(cal.covers('2028-01-03')).toBe(true);
    expect(cal.isProvisional('2028-01-03')).toBe(false);
    expect(cal.isProvisional('2026-12-01', '2028-01-10')).toBe(true);
  });

  it('moves a provisional deadline once the notice brings 调休 (a bridged break and its make-up Saturday)', () => {
    expect(defaultWorkCalendar().addWorkingDaysMarked('2027-02-04', 1)).toEqual({ date: '2027-02-09', provisional: true });
    const cal = new WorkCalendar({ notices: [notice2027] });
    expect(cal.addWorkingDaysMarked('2027-02-04', 1)).toEqual({ date: '2027-02-05', provisional: false });
    expect(cal.addWorkingDaysMarked('2027-02-05', 1)).toEqual({ date: '2027-02-13', provisional: false });
  });

  it('replaces the package data of a year the city corrects', () => {
    const cal = new WorkCalendar({ notices: [{ year: 2026, holidays: ['2026-01-01'], workdays: [] }] });
    expect(cal.isWorkday('2026-01-02')).toBe(true);
    expect(cal.isWorkday('2026-10-05')).toBe(true);
  });

  it.each([
    ['a weekday as make-up day', { ...notice2027, workdays: ['2027-02-15'] }],
    ['a date outside the year', { ...notice2027, holidays: ['2028-01-01'] }],
    ['a day both off and on', { ...notice2027, workdays: ['2027-01-02'] }],
    ['no holidays', { ...notice2027, holidays: [] }],
    ['an impossible date', { ...notice2027, holidays: ['2027-02-29'] }],
  ])('rejects a notice with %s', (_name, notice) => {
    const e = errorOf(() => new WorkCalendar({ notices: [notice] }));
    expect(e.code).toBe('validation_failed');
    expect(e.messageZh).toContain('节假日安排有误');
  });

  it('rejects two notices for one year', () => {
    expect(errorOf(() => new WorkCalendar({ notices: [notice2027, notice2027] })).code).toBe('validation_failed');
  });
});

describe('agreement with the package', () => {
  it('classifies every day of 2004–2026 as chinese-days does', () => {
    const cal = defaultWorkCalendar();
    const disagreements: string[] = [];
    for (let day = parseDay('2004-01-01'); day <= parseDay('2026-12-31'); day++) {
      const date = formatDay(day);
      if (cal.isWorkday(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('working-day arithmetic properties', () => {
  const cal = defaultWorkCalendar();
  // 1990–2040: inside and on both sides of the covered years, where the day methods count Mon–Fri.
  const day = fc.integer({ min: parseDay('1990-01-01'), max: parseDay('2040-12-31') });
  const offset = fc.integer({ min: -400, max: 400 });

  it('workingDaysBetween inverts addWorkingDays, and the day reached is a working day', () => {
    fc.assert(
      fc.property(day, offset, (d, n) => {
        const r = cal.addWorkingDaysDay(d, n);
        // forward: n working days in (d, r]; backward: |n| working days in [r, d), the start never counted
        if (n >= 0) expect(cal.workingDaysBetweenDays(d, r)).toBe(n);
        else expect(cal.workingDaysBetweenDays(r - 1, d - 1)).toBe(-n);
        if (n !== 0) expect(cal.isWorkdayDay(r)).toBe(true);
        expect(Math.sign(r - d)).toBe(Math.sign(n));
      }),
    );
  });

  it('counts working days additively over consecutive spans', () => {
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        expect(cal.workingDaysBetweenDays(a, b) + cal.workingDaysBetweenDays(b, c)).toBe(cal.workingDaysBetweenDays(a, c));
      }),
    );
  });

  it('counts exactly the working days of a span one by one', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (a, len) => {
        let count = 0;
        for (let d = a + 1; d <= a + len; d++) if (cal.isWorkdayDay(d)) count++;
        expect(cal.workingDaysBetweenDays(a, a + len)).toBe(count);
      }),
    );
  });
});
