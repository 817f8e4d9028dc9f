import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { computeLight } from '../lights.js';
import { DEFAULT_TIME_ZONE } from '../time.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { deadlineReminder, recheckDue } from './reminders.js';
import { A, at, cmd, ctxFor, run, STORY } from './spec/fixtures.js';

const BY = { userId: 'sup-dcs', unitId: 'city-dcs' };
const TZ = DEFAULT_TIME_ZONE;

describe('deadlineReminder (临期提醒)', () => {
  // Deadline Tuesday 31 March 2026; the default rules warn 3 working days before.
  const { item } = run(STORY.inProgress);

  it('reminds once the light turns yellow for the deadline, naming the days left', () => {
    expect(deadlineReminder(item, computeLight(item, at(20)), at(20), BY)).toBeNull();
    const now = at(24); // Thursday 26 March
    const e = deadlineReminder(item, computeLight(item, now), now, BY);
    expect(e).toMatchObject({ type: 'DeadlineNear', version: item.version + 1, data: { deadline: '2026-03-31', workingDaysLeft: 3 } });
    const reminded = evolve(item, e!);
    expect(reminded.remindedFor).toBe('2026-03-31');
    // The next day is yellow too, but the lead was told already.
    expect(deadlineReminder(reminded, computeLight(reminded, at(25)), at(25), BY)).toBeNull();
  });

  it('reminds again of a new deadline after an extension', () => {
    const now = at(24);
    const reminded = evolve(item, deadlineReminder(item, computeLight(item, now), now, BY)!);
    const extended = { ...reminded, currentDeadline: '2026-04-03' };
    const e = deadlineReminder(extended, computeLight(extended, at(30)), at(30), BY);
    expect(e?.data.deadline).toBe('2026-04-03');
  });

  it('does not remind of an overdue, closed or draft item', () => {
    expect(deadlineReminder(item, computeLight(item, at(31)), at(31), BY)).toBeNull();
    const { item: closed } = run(STORY.closed);
    expect(deadlineReminder(closed, computeLight(closed, at(24)), at(24), BY)).toBeNull();
    const { item: draft } = run(STORY.draft);
    expect(deadlineReminder(draft, computeLight(draft, at(24)), at(24), BY)).toBeNull();
  });
});

describe('recheckDue and ConfirmRecheck (回头看)', () => {
  // Closed at(11) = Friday 13 March 2026, 09:00 in Shanghai.
  const { item: closed } = run(STORY.closed);

  it('falls due the given days after the day of closure, once per closure', () => {
    expect(recheckDue(closed, 30, '2026-04-11', TZ, at(40), BY)).toBeNull();
    const e = recheckDue(closed, 30, '2026-04-12', TZ, at(41), BY);
    expect(e).toMatchObject({ type: 'RecheckDue', data: { closedAt: closed.closedAt, dueOn: '2026-04-12', afterDays: 30 } });
    const due = evolve(closed, e!);
    expect(due.recheck).toEqual({ closedAt: closed.closedAt, dueOn: '2026-04-12', status: 'due', decidedAt: null });
    expect(recheckDue(due, 30, '2026-05-01', TZ, at(60), BY)).toBeNull();
    // A type without 回头看, and items not closed, have none.
    expect(recheckDue(closed, undefined, '2026-05-01', TZ, at(60), BY)).toBeNull();
    expect(recheckDue(run(STORY.cancelled).item, 30, '2026-05-01', TZ, at(60), BY)).toBeNull();
  });

  const due = evolve(closed, recheckDue(closed, 30, '2026-04-12', TZ, at(41), BY)!);

  it('is confirmed by the supervisor with a note; the item stays closed', () => {
    const events = decide(due, cmd('ConfirmRecheck', { note: '现场复查，问题未反弹', evidence: ['file:9'] }), ctxFor(A.supDcs, { now: at(42) }));
    expect(events).toMatchObject([{ type: 'RecheckConfirmed', data: { note: '现场复查，问题未反弹', evidence: ['file:9'] } }]);
    const after = evolve(due, events[0]!);
    expect(after.status).toBe('closed');
    expect(after.recheck).toMatchObject({ status: 'confirmed', decidedAt: at(42) });
  });

  it('counts a reopening while it is due as a rebound (反弹), and a reopened item closed again gets a new one', () => {
    const [reopened] = decide(due, cmd('ReopenItem', { reason: '回头看发现问题反弹' }), ctxFor(A.supDcs, { now: at(42) }));
    const back = evolve(due, reopened!);
    expect(back.status).toBe('in_progress');
    expect(back.recheck).toMatchObject({ status: 'reopened', decidedAt: at(42) });
    expect(recheckDue(back, 30, '2026-06-01', TZ, at(80), BY)).toBeNull();
    const closedAgain = { ...back, status: 'closed' as const, closedAt: at(50) };
    expect(recheckDue(closedAgain, 30, '2026-06-01', TZ, at(80), BY)?.data.closedAt).toBe(at(50));
  });

  it.each([
    ['a closed item with no 回头看 due', () => closed, A.supDcs, 'invalid_transition'],
    ['a handler', () => due, A.handlerAjj, 'forbidden'],
    ['a supervisor of another area', () => due, A.supEast, 'forbidden'],
  ] as const)('refuses a confirmation on %s', (_name, item, who, code) => {
    const attempt = () => decide(item(), cmd('ConfirmRecheck', { note: '已复查' }), ctxFor(who, { now: at(42) }));
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (e) {
      expect((e as DomainError).code).toBe(code);
    }
  });

  it('refuses a confirmation without a note', () => {
    expect(() => decide(due, cmd('ConfirmRecheck', { note: ' ' }), ctxFor(A.supDcs, { now: at(42) }))).toThrow(/reason|理由|说明/i);
  });
});
