import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLight, lightRulesFor, type LightReason } from './lights.js';
import { makeItem } from './testing/items.js';
import { DEFAULT_WARNING_RULES } from './warning-rules.js';
import { WorkCalendar, defaultWorkCalendar } from './calendar.js';
import { ITEM_STATUSES, type Item } from './item.js';

const rules = DEFAULT_WARNING_RULES;
const codes = (item: Item, now: string): string[] => computeLight(item, now).reasons.map((r) => r.code);
const reason = (item: Item, now: string, code: LightReason['code']): LightReason | undefined => computeLight(item, now).reasons.find((r) => r.code === code);

describe('time light at the deadline (Asia/Shanghai)', () => {
  const item = makeItem({ currentDeadline: '2026-03-31', progress: 100 });

  it('is not red at the last millisecond of the deadline day', () => {
    const r = computeLight(item, '2026-03-31T15:59:59.999Z');
    expect(r.light).toBe('yellow');
    expect(r.reasons).toEqual([{ code: 'deadline_near', level: 'yellow', deadline: '2026-03-31', workingDaysLeft: 0 }]);
  });

  it('turns red at the instant the deadline day ends in Beijing', () => {
    const r = computeLight(item, '2026-03-31T16:00:00.000Z');
    expect(r.light).toBe('red');
    expect(r.reasons).toEqual([{ code: 'overdue', level: 'red', deadline: '2026-03-31', daysOverdue: 1 }]);
  });

  it('ends the deadline day at local midnight of the zone it is given', () => {
    expect(computeLight(item, '2026-03-31T23:59:59.999Z', rules, undefined, 'UTC').light).toBe('yellow');
    expect(computeLight(item, '2026-04-01T00:00:00.000Z', rules, undefined, 'UTC').light).toBe('red');
  });

  it('stays red while a closure stage waits past the deadline', () => {
    const closing = makeItem({ status: 'closing', stageIndex: 0, stageEnteredAt: '2026-03-31T02:00:00.000Z' });
    expect(computeLight(closing, '2026-04-01T02:00:00.000Z').light).toBe('red');
  });
});

describe('warning window', () => {
  const item = makeItem({ currentDeadline: '2026-03-31', progress: 100 }); // a Tuesday

  it('opens on the day with three working days left, not the day before', () => {
    expect(computeLight(item, '2026-03-25T15:59:59.999Z').light).toBe('green'); // Wed 25th: 4 left
    const first = computeLight(item, '2026-03-25T16:00:00.000Z'); // Thu 26th begins
    expect(first.light).toBe('yellow');
    expect(first.reasons[0]).toMatchObject({ code: 'deadline_near', workingDaysLeft: 3 });
  });

  it('counts the weekend as no working days', () => {
    expect(reason(item, '2026-03-28T04:00:00.000Z', 'deadline_near')).toMatchObject({ workingDaysLeft: 2 });
  });

  it('spans the 国庆 break: eleven calendar days before a deadline of 2026-10-09 is already yellow', () => {
    const autumn = makeItem({ currentDeadline: '2026-10-09', progress: 100, plannedStart: '2026-09-01' });
    expect(computeLight(autumn, '2026-09-28T04:00:00.000Z').light).toBe('green'); // Mon: 29, 30, 8, 9 left
    expect(reason(autumn, '2026-09-29T04:00:00.000Z', 'deadline_near')).toMatchObject({ workingDaysLeft: 3 });
  });

  it('follows the rules: a zero-day window is yellow only on the deadline day', () => {
    const zero = { ...rules, warnWorkingDays: 0 };
    expect(computeLight(item, '2026-03-30T04:00:00.000Z', zero).light).toBe('green');
    expect(computeLight(item, '2026-03-31T04:00:00.000Z', zero).light).toBe('yellow');
  });
});

describe('acceptance and closure-stage waiting', () => {
  it('is yellow once an assigned item is not accepted by the end of the second working day', () => {
    // assigned Wed 2026-09-30 09:00; the next working days are 10-08 and 10-09 (国庆 in between)
    const item = makeItem({ status: 'assigned', acceptedAt: null, assignedAt: '2026-09-30T01:00:00.000Z', currentDeadline: '2026-12-31' });
    expect(codes(item, '2026-10-09T15:59:59.999Z')).not.toContain('not_accepted');
    expect(reason(item, '2026-10-09T16:00:00.000Z', 'not_accepted')).toEqual({ code: 'not_accepted', level: 'yellow', acceptBy: '2026-10-09' });
  });

  it('is yellow when a closure stage waits more than three working days', () => {
    const item = makeItem({ status: 'closing', stageIndex: 0, stageKey: 'review', progress: 100, stageEnteredAt: '2026-03-06T02:00:00.000Z' });
    expect(computeLight(item, '2026-03-11T15:59:59.999Z').light).toBe('green');
    expect(reason(item, '2026-03-11T16:00:00.000Z', 'stage_waiting')).toEqual({ code: 'stage_waiting', level: 'yellow', stageKey: 'review', decideBy: '2026-03-11' });
  });

  it('uses the stage’s own limit when the ledger type sets one', () => {
    const item = makeItem({ status: 'closing', stageIndex: 1, stageKey: 'public_notice', stageEnteredAt: '2026-03-06T02:00:00.000Z' });
    const withLimit = lightRulesFor({ warningRules: rules, closureStages: [{ key: 'review' }, { key: 'public_notice', timeLimitWorkingDays: 7 }] });
    expect(computeLight(item, '2026-03-16T04:00:00.000Z', withLimit).light).toBe('green');
    expect(computeLight(item, '2026-03-18T04:00:00.000Z', withLimit).reasons).toContainEqual(expect.objectContaining({ decideBy: '2026-03-17' }));
  });
});

describe('report cadence of ongoing items', () => {
  it('asks for a weekly report seven days after the last one', () => {
    const item = makeItem({ currentDeadline: null, cadence: 'weekly', lastReportAt: '2026-03-02T01:00:00.000Z' });
    expect(computeLight(item, '2026-03-08T15:59:59.999Z').light).toBe('green');
    expect(computeLight(item, '2026-03-08T16:00:00.000Z').reasons).toEqual([{ code: 'report_due', level: 'yellow', cadence: 'weekly', dueOn: '2026-03-09' }]);
  });

  it('counts from the assignment before the first report, and clamps months to their end', () => {
    const item = makeItem({ currentDeadline: null, cadence: 'monthly', assignedAt: '2026-01-31T01:00:00.000Z' });
    expect(reason(item, '2026-02-28T04:00:00.000Z', 'report_due')).toMatchObject({ dueOn: '2026-02-28' });
    const quarterly = makeItem({ currentDeadline: null, cadence: 'quarterly', lastReportAt: '2026-01-15T01:00:00.000Z' });
    expect(computeLight(quarterly, '2026-04-14T04:00:00.000Z').light).toBe('green');
    expect(computeLight(quarterly, '2026-04-15T04:00:00.000Z').light).toBe('yellow');
  });

  it('turns red once the report is five working days late (定期报送逾期), and yellow only without the rule', () => {
    // Due Monday 9 March; the fifth working day after it is Monday 16 March.
    const item = makeItem({ currentDeadline: null, cadence: 'weekly', lastReportAt: '2026-03-02T01:00:00.000Z' });
    expect(computeLight(item, '2026-03-15T04:00:00.000Z').reasons).toEqual([{ code: 'report_due', level: 'yellow', cadence: 'weekly', dueOn: '2026-03-09' }]);
    expect(computeLight(item, '2026-03-16T04:00:00.000Z')).toMatchObject({ light: 'red', reasons: [{ code: 'report_overdue', level: 'red', dueOn: '2026-03-09' }] });
    const { reportLapse: _lapse, ...yellowOnly } = DEFAULT_WARNING_RULES;
    expect(computeLight(item, '2026-03-30T04:00:00.000Z', yellowOnly).light).toBe('yellow');
  });
});

describe('progress light (序时进度)', () => {
  // planned 2026-03-01 … end of 2026-03-30: 30 days; at local midnight starting 03-16 half has elapsed
  const base = { plannedStart: '2026-03-01', currentDeadline: '2026-03-30' } as const;

  it('is yellow when progress trails 序时进度 by more than the margin, not at exactly the margin', () => {
    expect(computeLight(makeItem({ ...base, progress: 30 }), '2026-03-15T16:00:00.000Z').light).toBe('green');
    const lagging = computeLight(makeItem({ ...base, progress: 29 }), '2026-03-15T16:00:00.000Z');
    expect(lagging.reasons).toEqual([{ code: 'progress_lag', level: 'yellow', progress: 29, expected: 50 }]);
  });

  it('measures from the assignment when no planned start is set', () => {
    const item = makeItem({ plannedStart: null, assignedAt: '2026-03-01T16:00:00.000Z', currentDeadline: '2026-03-30', progress: 0 });
    expect(reason(item, '2026-03-07T16:00:00.000Z', 'progress_lag')).toMatchObject({ expected: 20.7 });
  });
});

describe('items without a light', () => {
  it.each(['draft', 'closed', 'cancelled'] as const)('gives %s items no light', (status) => {
    expect(computeLight(makeItem({ status, currentDeadline: '2020-01-01' }), '2026-03-15T00:00:00.000Z')).toEqual({
      light: 'none',
      reasons: [],
      calendarApproximate: false,
    });
  });
});

describe('years the calendar does not cover', () => {
  it('counts a deadline in 2027 on the statutory holidays (元旦 off) and says the answer is approximate', () => {
    const item = makeItem({ currentDeadline: '2027-01-05', progress: 100 });
    const r = computeLight(item, '2026-12-31T04:00:00.000Z');
    expect(r.reasons).toEqual([{ code: 'deadline_near', level: 'yellow', deadline: '2027-01-05', workingDaysLeft: 2 }]);
    expect(r.calendarApproximate).toBe(true);
  });

  it('does not flag a deadline so far off that no holiday arrangement could change the light', () => {
    const r = computeLight(makeItem({ currentDeadline: '2027-06-30', progress: 100 }), '2026-11-26T04:00:00.000Z');
    expect(r).toEqual({ light: 'green', reasons: [], calendarApproximate: false, deadlineProvisional: true });
  });

  it('marks a deadline provisional only while its year has no notice', () => {
    const item = makeItem({ currentDeadline: '2027-03-01', progress: 100 });
    expect(computeLight(item, '2026-12-07T04:00:00.000Z').deadlineProvisional).toBe(true);
    const notice = { year: 2027, holidays: ['2027-01-01'], workdays: [] };
    expect(computeLight(item, '2026-12-07T04:00:00.000Z', undefined, new WorkCalendar({ notices: [notice] })).deadlineProvisional).toBeUndefined();
    expect(computeLight(makeItem({ currentDeadline: '2026-12-20', progress: 100 }), '2026-12-07T04:00:00.000Z').deadlineProvisional).toBeUndefined();
  });
});

describe('totality', () => {
  const junk = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.constantFrom('2026-02-30', '2026-03-10', '2026-03-10T01:00:00Z', 'x'));
  const item = fc.record({
    status: fc.oneof(fc.constantFrom(...ITEM_STATUSES), fc.string()),
    currentDeadline: junk,
    plannedStart: junk,
    assignedAt: junk,
    acceptedAt: junk,
    lastReportAt: junk,
    stageEnteredAt: junk,
    closureRequestedAt: junk,
    stageKey: junk,
    cadence: fc.oneof(fc.constantFrom('weekly', 'biweekly', 'monthly', 'quarterly', null), fc.string()),
    progress: fc.oneof(fc.double(), fc.constant(Number.NaN), junk),
  });
  const now = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });

  it('never throws for any item state or malformed field, and red means overdue (a deadline or a report)', () => {
    fc.assert(
      fc.property(item, now, (fields, at) => {
        const r = computeLight(makeItem(fields as unknown as Partial<Item>), at, rules, defaultWorkCalendar());
        expect(['red', 'yellow', 'green', 'none']).toContain(r.light);
        expect(r.light === 'red').toBe(r.reasons.some((x) => x.code === 'overdue' || x.code === 'report_overdue'));
        expect(r.light === 'none').toBe(!['assigned', 'in_progress', 'closing'].includes(fields.status));
        if (r.light === 'green') expect(r.reasons).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a deadline in hours', () => {
  // Detected Monday 2026-03-02 10:00 in Shanghai; 24 hours to verify: due Tuesday 10:00.
  const item = makeItem({ status: 'assigned', assignedAt: '2026-03-02T02:00:00.000Z', currentDeadline: '2026-03-03', deadlineAt: '2026-03-03T02:00:00.000Z', progress: 0 });

  it('turns red when its instant passes, not at the end of its day', () => {
    expect(computeLight(item, '2026-03-03T01:59:00.000Z').light).not.toBe('red');
    const late = computeLight(item, '2026-03-03T02:01:00.000Z');
    expect(late.light).toBe('red');
    expect(late.reasons[0]).toMatchObject({ code: 'overdue', deadline: '2026-03-03', deadlineAt: '2026-03-03T02:00:00.000Z', daysOverdue: 0 });
    // A date alone would stay unred for almost another day.
    expect(computeLight({ ...item, deadlineAt: null }, '2026-03-03T02:01:00.000Z').light).not.toBe('red');
  });
});
