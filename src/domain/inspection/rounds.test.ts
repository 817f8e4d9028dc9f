import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '../calendar.js';
import { validatePlan } from './plan.js';
import { parseRoundId, periodsDue, planRounds, roundId, roundOf } from './rounds.js';

const calendar = defaultWorkCalendar();
const plan = (over: Record<string, unknown> = {}) =>
  validatePlan('pln-1', {
    title: '城市安全运行常态化检查',
    unitId: 'd1s1',
    cadence: 'weekly',
    checklist: [
      { key: 'fire_exit', label: '消防通道', category: 'fire' },
      { key: 'gas_pipe', label: '燃气管道', category: 'equipment' },
    ],
    places: [{ name: '和平菜市场' }, { name: '第一中学', district: '东城区' }],
    startsOn: '2026-02-01',
    ...over,
  });

describe('inspection rounds', () => {
  it('makes a weekly round due on the last working day of its week, a 调休 Saturday included', () => {
    const due = periodsDue('weekly', calendar, '2026-02-01', '2026-03-08').map((p) => [p.period, p.dueOn]);
    expect(due).toEqual([
      ['2026-02-02', '2026-02-06'],
      // 2026-02-14 (Saturday) is a make-up working day before 春节.
      ['2026-02-09', '2026-02-14'],
      // The week of 2026-02-16 lies inside the 春节 break: no working day, no round.
      ['2026-02-23', '2026-02-28'],
      ['2026-03-02', '2026-03-06'],
    ]);
  });

  it('moves a weekly round past 国庆 to the make-up Saturday', () => {
    expect(periodsDue('weekly', calendar, '2026-10-05', '2026-10-11')).toEqual([{ period: '2026-10-05', opensOn: '2026-10-05', dueOn: '2026-10-10' }]);
  });

  it("makes a monthly round due on the month's last working day", () => {
    const due = periodsDue('monthly', calendar, '2026-01-01', '2026-06-30').map((p) => p.dueOn);
    // January ends on a Saturday, May on a Sunday: the Friday before.
    expect(due).toEqual(['2026-01-30', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30']);
  });

  it('makes one round before each holiday break, due the last working day before it', () => {
    const rounds = periodsDue('before_holidays', calendar, '2026-01-01', '2026-12-31');
    expect(rounds.map((p) => [p.period, p.dueOn])).toEqual([
      ['2026-02-15', '2026-02-14'],
      ['2026-04-04', '2026-04-03'],
      ['2026-05-01', '2026-04-30'],
      ['2026-06-19', '2026-06-18'],
      ['2026-09-25', '2026-09-24'],
      ['2026-10-01', '2026-09-30'],
      ['2027-01-01', '2026-12-31'],
    ]);
    // It opens on the fifth working day before the break, counted on the official calendar.
    const labour = rounds.find((p) => p.period === '2026-05-01')!;
    expect(calendar.workingDaysBetween(labour.opensOn, labour.dueOn)).toBe(4);
  });

  it("gives every place a round per period, clipped to the plan's span", () => {
    const rounds = planRounds(plan({ endsOn: '2026-02-10' }), calendar, '2026-01-01', '2026-03-31');
    expect(rounds.map((r) => r.id)).toEqual(['pln-1.1.20260202', 'pln-1.2.20260202']);
    expect(rounds[1]).toMatchObject({ placeNo: 2, place: { name: '第一中学' }, dueOn: '2026-02-06' });
  });

  it("finds a round by its id and refuses ids that are not the plan's rounds", () => {
    const p = plan();
    expect(roundOf(p, calendar, 'pln-1.2.20260209')).toMatchObject({ dueOn: '2026-02-14', place: { name: '第一中学' } });
    expect(roundOf(p, calendar, 'pln-1.3.20260209')).toBeNull(); // no third place
    expect(roundOf(p, calendar, 'pln-1.1.20260210')).toBeNull(); // not a Monday
    expect(roundOf(p, calendar, 'pln-1.1.20260216')).toBeNull(); // 春节 week: no round
    expect(roundOf(p, calendar, 'pln-1.1.20260126')).toBeNull(); // before the plan starts
    expect(roundOf(p, calendar, 'other.1.20260209')).toBeNull();
  });

  it('reads back the parts of a round id, dots in the plan id included', () => {
    expect(parseRoundId(roundId('a.b', 12, '2026-12-07'))).toEqual({ planId: 'a.b', placeNo: 12, period: '2026-12-07' });
    expect(parseRoundId('pln-1.0.20261207')).toBeNull();
    expect(parseRoundId('pln-1.1.20260230')).toBeNull();
  });

  it('refuses a plan with a repeated place or checklist key, or a span that ends before it starts', () => {
    expect(() => plan({ places: [{ name: '甲' }, { name: '甲' }] })).toThrow(/appears twice/);
    expect(() =>
      plan({
        checklist: [
          { key: 'a', label: '甲' },
          { key: 'a', label: '乙' },
        ],
      }),
    ).toThrow(/twice/);
    expect(() => plan({ endsOn: '2026-01-01' })).toThrow(/ends before/);
    expect(() => plan({ cadence: 'daily' })).toThrow(/cadence/);
  });

  it('says in Chinese which field of which place is wrong', () => {
    try {
      plan({ places: [{ name: '甲' }, { name: '' }] });
      expect.unreachable();
    } catch (e) {
      expect((e as { messageZh: string }).messageZh).toBe('检查计划：检查对象清单 第 2 项 名称：不能为空');
    }
    expect(() => plan({ cadence: 'daily' })).toThrow(
      expect.objectContaining({ messageZh: expect.stringContaining('检查频次：取值无效，应为 weekly、monthly、before_holidays 之一') }),
    );
  });
});
