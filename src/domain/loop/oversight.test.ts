import { describe, expect, it } from 'vitest';
import { given } from './spec/decider.js';
import { A, at, cmd, createCommand, STORY, type Step } from './spec/fixtures.js';

describe('CancelItem (撤销)', () => {
  it.each([
    ['a draft', STORY.draft],
    ['an assigned item', STORY.assigned],
    ['an item in progress', STORY.inProgress],
    ['an item in a closure stage', STORY.closing],
  ] as const)('withdraws %s, with the reason and the state it left', (_name, story) => {
    const item = given(story)
      .when(A.supDcs, cmd('CancelItem', { reason: '任务调整' }), { now: at(20) })
      .then([{ type: 'ItemCancelled', data: { reason: '任务调整' } }]);
    expect(item).toMatchObject({ status: 'cancelled', cancelledAt: at(20), stageIndex: null, pendingExtension: null });
  });

  it.each([
    ['a closed item', STORY.closed, A.supDcs, '调整', 'invalid_transition'],
    ['a cancelled item', STORY.cancelled, A.supDcs, '调整', 'invalid_transition'],
    ['without a reason', STORY.inProgress, A.supDcs, ' ', 'reason_required'],
    ['by the lead unit', STORY.inProgress, A.handlerAjj, '调整', 'forbidden'],
    ['by a supervisor of another area', STORY.inProgress, A.supEast, '调整', 'forbidden'],
    ['by an auditor', STORY.inProgress, A.auditor, '调整', 'forbidden'],
  ] as const)('is refused for %s', (_name, story, who, reason, code) => {
    given(story).when(who, cmd('CancelItem', { reason })).thenRefused(code);
  });
});

describe('UrgeItem (催办)', () => {
  it('reminds the unit by hand, counting the reminders', () => {
    const item = given(STORY.inProgress)
      .when(A.supDcs, cmd('UrgeItem', { note: '请加快进度' }), { now: at(9) })
      .then([{ type: 'ItemUrged', data: { kind: 'urge', note: '请加快进度', automatic: false } }]);
    expect(item).toMatchObject({ lastUrgedAt: at(9), status: 'in_progress' });
    expect(item.counters.urges).toBe(1);
  });

  it('records a later rung of the ladder sent by the sweep', () => {
    given(STORY.assigned)
      .when(A.supCity, cmd('UrgeItem', { kind: 'supervision_letter', automatic: true }))
      .then([{ type: 'ItemUrged', data: { kind: 'supervision_letter', automatic: true } }]);
  });

  it.each([
    ['a draft', STORY.draft, A.supDcs, 'invalid_transition'],
    ['a closed item', STORY.closed, A.supDcs, 'invalid_transition'],
    ['by a handler', STORY.inProgress, A.handlerSthj, 'forbidden'],
  ] as const)('is refused for %s', (_name, story, who, code) => {
    given(story).when(who, cmd('UrgeItem')).thenRefused(code);
  });
});

describe('GiveInstruction (批示)', () => {
  it('a leader above the owner comments', () => {
    const item = given(STORY.inProgress)
      .when(A.leaderCity, cmd('GiveInstruction', { text: '要抓紧抓实' }))
      .then([{ type: 'InstructionGiven', data: { text: '要抓紧抓实' } }]);
    expect(item.counters.instructions).toBe(1);
    given(STORY.closed)
      .when(A.leaderCity, cmd('GiveInstruction', { text: '总结经验' }))
      .then([{ type: 'InstructionGiven' }]);
  });

  it('a district leader comments on a city item led by a unit of the district', () => {
    const ledByEast: Step[] = [
      { who: A.supCity, command: createCommand() },
      { who: A.supCity, command: cmd('AssignItem', { leadUnitId: 'east-ajj', deadline: '2026-04-30' }) },
    ];
    given(ledByEast)
      .when(A.leaderEast, cmd('GiveInstruction', { text: '东区要主动认领' }))
      .then([{ type: 'InstructionGiven' }]);
    given(ledByEast)
      .when(A.leaderWest, cmd('GiveInstruction', { text: '关注' }))
      .thenRefused('forbidden');
  });

  it.each([
    ['a leader of another area', STORY.inProgress, A.leaderEast, '关注', 'forbidden'],
    ['a supervisor', STORY.inProgress, A.supDcs, '关注', 'forbidden'],
    ['a cancelled item', STORY.cancelled, A.leaderCity, '关注', 'invalid_transition'],
    ['empty text', STORY.inProgress, A.leaderCity, ' ', 'validation_failed'],
  ] as const)('is refused for %s', (_name, story, who, text, code) => {
    given(story).when(who, cmd('GiveInstruction', { text })).thenRefused(code);
  });
});

describe('EditItem (修改在办事项)', () => {
  it.each([
    ['an assigned item', STORY.assigned],
    ['an item in progress', STORY.inProgress],
  ] as const)('lets the supervisor correct the title, priority and fields of %s, keeping its assignment', (_name, story) => {
    const item = given(story)
      .when(A.supDcs, cmd('EditItem', { title: '更正后的标题', priority: 'high', fields: { workPlan: '分三步推进', sourceName: null } }), { now: at(3) })
      .then([{ type: 'ItemEdited', data: { title: '更正后的标题', priority: 'high', fields: { workPlan: '分三步推进', sourceName: null } } }]);
    expect(item).toMatchObject({ title: '更正后的标题', priority: 'high', leadUnitId: 'city-ajj', currentDeadline: '2026-03-31' });
    expect(item.fields).toMatchObject({ workPlan: '分三步推进', category: 'meeting_decision' });
    expect(item.fields).not.toHaveProperty('sourceName');
  });

  it.each([
    ['on a draft (EditDraft edits those)', STORY.draft, A.supDcs, { title: 'x' }, 'invalid_transition'],
    ['while a closure is under review', STORY.closing, A.supDcs, { title: 'x' }, 'invalid_transition'],
    ['on a closed item', STORY.closed, A.supDcs, { title: 'x' }, 'invalid_transition'],
    ['on a cancelled item', STORY.cancelled, A.supDcs, { title: 'x' }, 'invalid_transition'],
    ['by the lead unit', STORY.inProgress, A.handlerAjj, { title: 'x' }, 'forbidden'],
    ['by a supervisor of another area', STORY.inProgress, A.supEast, { title: 'x' }, 'forbidden'],
    ['for a field the lead unit fills at closure', STORY.inProgress, A.supDcs, { fields: { outcome: '已完成' } }, 'forbidden'],
    ['clearing a required field', STORY.inProgress, A.supDcs, { fields: { category: null } }, 'validation_failed'],
    ['with nothing to change', STORY.inProgress, A.supDcs, {}, 'validation_failed'],
  ] as const)('is refused %s', (_name, story, who, data, code) => {
    given(story)
      .when(who, cmd('EditItem', data), { now: at(12) })
      .thenRefused(code);
  });
});
