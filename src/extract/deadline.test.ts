import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { readDeadlines } from './deadline.js';
import { rules } from './rules.js';
import { toSimplifiedSameLength } from './script.js';

function read(text: string, meeting: string | null, campaignStart: string | null = null, addWorkingDays?: (d: string, n: number) => string) {
  const r = rules();
  return readDeadlines(text, toSimplifiedSameLength(text), { meeting, campaignStart, addWorkingDays: addWorkingDays ?? null, festivals: r.festivals }, r);
}

describe(readDeadlines.name, () => {
  it.each([
    ['要在9月底前完成排查', '2020-09-12', '9月底前', '2020-09-30'],
    ['争取3月中旬前开工建设', '2024-02-26', '3月中旬前', '2024-03-20'],
    ['4月上旬完成部署', '2024-02-26', '4月上旬', '2024-04-10'],
    ['力争年底前全部达标', '2021-04-27', '年底前', '2021-12-31'],
    ['争取年内落地实施', '2024-02-26', '年内', '2024-12-31'],
    ['明年底前建成', '2021-04-27', '明年底前', '2022-12-31'],
    ['本月底前报送方案', '2023-07-12', '本月底前', '2023-07-31'],
    ['本月中旬前完成', '2023-07-12', '本月中旬前', '2023-07-20'],
    ['本周内召开推进会', '2020-09-10', '本周内', '2020-09-13'],
    ['下个月完成验收', '2020-09-12', '下个月', '2020-10-31'],
    ['10月15日前上报', '2020-09-12', '10月15日前', '2020-10-15'],
    ['2月底前完成', '2020-09-12', '2月底前', '2021-02-28'],
    ['一季度完成', '2024-02-26', '一季度', '2024-03-31'],
    ['上半年完成', '2024-02-26', '上半年', '2024-06-30'],
    ['到2025年基本建成', '2020-09-12', '到2025年', '2025-12-31'],
    ['到二〇二五年基本建成', '2020-09-12', '到二〇二五年', '2025-12-31'],
    ['30天内整改到位', '2020-09-12', '30天内', '2020-10-12'],
    ['两周内完成', '2020-09-12', '两周内', '2020-09-26'],
    ['两年以内完成改造', '2020-05-10', '两年以内', '2022-05-10'],
    ['开展为期一周的大排查', '2022-03-10', '为期一周', '2022-03-16'],
    ['国庆节前完成', '2020-09-12', '国庆节前', '2020-09-30'],
    ['春节前发放到位', '2023-12-25', '春节前', '2024-02-09'],
    ['端午节前完成检查', '2024-05-01', '端午节前', '2024-06-09'],
    ['下周五前报送方案', '2024-03-15', '下周五前', '2024-03-22'],
    ['确保年前发放到位', '2023-12-25', '年前', '2024-02-09'],
    ['自3月11日至4月10日开展专项行动', '2022-03-10', '3月11日至4月10日', '2022-04-10'],
    ['于25日前上报', '2024-03-15', '25日前', '2024-03-25'],
    ['于10日前上报', '2024-03-15', '10日前', '2024-04-10'],
    ['力争月底前完成', '2024-03-15', '月底前', '2024-03-31'],
    ['计划6月份开工', '2024-03-15', '6月份', '2024-06-30'],
    ['在9月完成验收', '2020-09-12', '9月', '2020-09-30'],
  ])('%s (meeting %s) → %s = %s', (text, meeting, phrase, date) => {
    expect(read(text, meeting).deadline).toEqual({ phrase, date });
  });

  it('counts a campaign from the start date stated in the document', () => {
    expect(read('开展为期一个月的专项行动', '2022-03-10', '2022-03-11').deadline).toEqual({ phrase: '为期一个月', date: '2022-04-10' });
  });

  it('keeps the phrase and leaves the date empty when the meeting date is unknown', () => {
    expect(read('9月底前完成', null).deadline).toEqual({ phrase: '9月底前', date: null, note: 'meeting date unknown' });
  });

  it.each([
    '2月30日前完成',
    '三年前建成的设施',
    '五年前',
    '1-8月完成投资增长',
    '每月底报送进度',
    '12月8日中央政治局会议精神',
    '要尽快完成',
    '立即整改',
    '即知即改',
    '在最短时间内整改到位',
    '确保按期完成',
    '确保各项任务按时彻底整改到位',
    '做好端午假期安全防范',
    '完成全年目标',
    '今年以来成效明显',
  ])('finds no deadline in %s', (text) => {
    expect(read(text, '2024-05-01').deadline).toBeNull();
  });

  it('reads the first expression as the deadline and the others as alternatives', () => {
    const d = read('争取3月中旬前开工建设,实现1季度“开门红”', '2024-02-26');
    expect(d.deadline?.phrase).toBe('3月中旬前');
    expect(d.alt).toEqual([{ phrase: '1季度', date: '2024-03-31' }]);
  });

  it('marks cadences and 长期坚持 as ongoing, not as deadlines', () => {
    expect(read('每周调度进展', '2024-03-04')).toMatchObject({ deadline: null, ongoing: true, cadence: 'weekly' });
    expect(read('每日梳理问题清单', '2024-03-04')).toMatchObject({ deadline: null, ongoing: true, cadence: 'daily' });
    expect(read('要长期坚持', '2024-03-04')).toMatchObject({ deadline: null, ongoing: true, cadence: null });
  });

  it('resolves N个工作日内 with the working-day calendar', () => {
    const d = read('10个工作日内拨付', '2024-03-04', null, (start, n) => (start === '2024-03-04' && n === 10 ? '2024-03-18' : 'wrong'));
    expect(d.deadline).toEqual({ phrase: '10个工作日内', date: '2024-03-18' });
  });

  it('gives no date, only a note, when the working-day calendar does not cover the year', () => {
    const uncovered = (): string => {
      throw new DomainError('calendar_not_covered', 'not covered', '未覆盖');
    };
    expect(read('5个工作日内完成', '2040-03-04', null, uncovered).deadline).toEqual({ phrase: '5个工作日内', date: null, note: 'calendar_not_covered' });
  });

  it('takes the phrase from the original script of a traditional text', () => {
    expect(read('爭取3月中旬前開工', '2024-02-26').deadline).toEqual({ phrase: '3月中旬前', date: '2024-03-20' });
    expect(read('確保國慶節前完成', '2020-09-12').deadline).toEqual({ phrase: '國慶節前', date: '2020-09-30' });
  });
});
