import { describe, expect, it } from 'vitest';
import { draftNotice } from './notice-draft.js';

describe('a holiday notice typed into the calendar tab', () => {
  it('turns the 2026 notice as published into the lists the server takes, with nothing to complain of', () => {
    // 国办发明电〔2025〕7号: the 2026 arrangement.
    const d = draftNotice(
      2026,
      '1月1日至3日\n2月15日至23日\n4月4日至6日\n5月1日至5日\n6月19日至21日\n9月25日至27日\n10月1日至7日',
      '1月4日、2月14日、2月28日、5月9日、9月20日、10月10日',
    );
    expect(d.problems).toEqual([]);
    expect(d.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(d.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('names every problem at its field: unreadable entries, days outside the year, weekday make-up days, a day in both', () => {
    const d = draftNotice(2027, '2027-01-01~3日\n2028-01-01\n国庆', '2027-01-02\n2027-02-03\n2026-12-26');
    expect(d.problems).toEqual([
      { field: 'holidays', key: 'unreadable', values: { entries: '国庆' } },
      { field: 'holidays', key: 'outsideYear', values: { year: 2027, dates: '2028-01-01' } },
      // 2026-12-26 is a Saturday in the December before: allowed, as the 2012 notice did for 2011-12-31.
      { field: 'workdays', key: 'weekday', values: { dates: '2027-02-03' } },
      { field: 'workdays', key: 'both', values: { dates: '2027-01-02' } },
    ]);
  });
});
