import { describe, expect, it } from 'vitest';
import { parseDateList } from './date-list.js';

describe('the dates of a holiday notice as typed from its text', () => {
  it('reads days and ranges in the ways the notice and clerks write them, each day once, sorted', () => {
    const typed = '2027-01-01\n2月6日至2月12日、2027/4/5；2027年5月1日-5日, 2027-02-06';
    expect(parseDateList(typed, 2027)).toEqual({
      dates: [
        '2027-01-01',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
        '2027-04-05',
        '2027-05-01',
        '2027-05-02',
        '2027-05-03',
        '2027-05-04',
        '2027-05-05',
      ],
      unreadable: [],
    });
    // A range with ~, 到 or a long dash, and a bare day after it; a range across the new year keeps its years.
    expect(parseDateList('10月1日~7日\n2027-10-01 到 2027-10-02\n12月31日—2028-01-02', 2027).dates).toEqual([
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
      '2027-10-04',
      '2027-10-05',
      '2027-10-06',
      '2027-10-07',
      '2027-12-31',
      '2028-01-01',
      '2028-01-02',
    ]);
  });

  it('gives back what it cannot read instead of guessing: impossible days, reversed or overlong ranges, words', () => {
    const r = parseDateList('2027-02-30\n5月5日至5月1日\n1月1日至3月1日\n春节\n2027-13-01\n\n , ', 2027);
    expect(r.dates).toEqual([]);
    expect(r.unreadable).toEqual(['2027-02-30', '5月5日至5月1日', '1月1日至3月1日', '春节', '2027-13-01']);
  });
});
