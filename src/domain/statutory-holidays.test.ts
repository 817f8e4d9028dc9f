import { afterEach, describe, expect, it } from 'vitest';
import { statutoryDaysOff, statutoryHolidays } from './statutory-holidays.js';

const byName = (year: number): Record<string, readonly string[]> => Object.fromEntries(statutoryHolidays(year).map((h) => [h.nameZh, h.days]));

describe('statutory holidays (全国年节及纪念日放假办法, 2024 revision)', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('gives the days the official 2025 and 2026 notices build on (春节 from 除夕, 清明, 端午, 中秋)', () => {
    // The notices (国办发明电〔2024〕12号, 〔2025〕7号) give these days within their longer breaks.
    expect(byName(2025)).toMatchObject({
      元旦: ['2025-01-01'],
      春节: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
      清明节: ['2025-04-04'],
      劳动节: ['2025-05-01', '2025-05-02'],
      端午节: ['2025-05-31'],
      中秋节: ['2025-10-06'],
      国庆节: ['2025-10-01', '2025-10-02', '2025-10-03'],
    });
    expect(byName(2026)).toMatchObject({ 春节: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'], 清明节: ['2026-04-05'], 端午节: ['2026-06-19'], 中秋节: ['2026-09-25'] });
  });

  it('computes 2027 (no notice yet) with 除夕 on 2027-02-05, the day before 正月初一', () => {
    expect(byName(2027)).toMatchObject({ 春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], 清明节: ['2027-04-05'], 端午节: ['2027-06-09'], 中秋节: ['2027-09-15'] });
    expect(statutoryDaysOff(2027)).toHaveLength(13);
  });

  it('gives the same days in a zone west of UTC as in China (the package formats dates in local time)', () => {
    process.env.TZ = 'America/Los_Angeles';
    // Years not asked before in this process, so nothing comes from the memo.
    expect(byName(2041)).toMatchObject({ 春节: ['2041-01-31', '2041-02-01', '2041-02-02', '2041-02-03'], 清明节: ['2041-04-04'] });
    process.env.TZ = 'Asia/Shanghai';
    expect(byName(2042).春节?.[0]).toBe('2042-01-21');
  });

  it('is empty outside the lunar tables of the package', () => {
    expect(statutoryHolidays(2100)).toEqual([]);
    expect(statutoryHolidays(1900)).toEqual([]);
  });
});
